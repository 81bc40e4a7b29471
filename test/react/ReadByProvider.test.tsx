import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { EVENT } from 'readby';
// The provider's settings are read by the components through the public useReadByContext, so the test reads them
// there to check that every setting arrives.
import {
  type CountValues,
  ReadByProvider,
  type ReadByUser,
  useChat,
  useChatEvent,
  useGroupReadMembers,
  useMessageList,
  useReadByContext,
  useReadReceipt,
  useReadReceiptTracker,
  useSendMessage,
} from 'readby/react';
import { describe, expect, it, vi } from 'vitest';
import { connect, draftText, providerOf, teamServer } from './helpers';

describe('§3 ReadByProvider', () => {
  it("uses the app's QueryClient when there is one", () => {
    const chat = connect(teamServer(), 'alice');
    const appClient = new QueryClient();
    const { result } = renderHook(() => useQueryClient(), {
      wrapper: ({ children }: { children: ReactNode }) => (
        <QueryClientProvider client={appClient}>
          <ReadByProvider chat={chat}>{children}</ReadByProvider>
        </QueryClientProvider>
      ),
    });
    expect(result.current).toBe(appClient);
  });

  it('brings its own QueryClient when the app has none, and keeps it across renders', () => {
    const chat = connect(teamServer(), 'alice');
    const { result, rerender } = renderHook(() => useQueryClient(), { wrapper: providerOf(chat) });
    const own = result.current;
    expect(own).toBeInstanceOf(QueryClient);
    rerender();
    expect(result.current).toBe(own);
  });

  it('gives two providers without an app QueryClient a client each', () => {
    const chat = connect(teamServer(), 'alice');
    const first = renderHook(() => useQueryClient(), { wrapper: providerOf(chat) }).result.current;
    const second = renderHook(() => useQueryClient(), { wrapper: providerOf(chat) }).result.current;
    expect(first).not.toBe(second);
  });

  it('puts the chat, sendReadReceipts, resolveUser and locale in context', () => {
    const chat = connect(teamServer(), 'alice');
    const resolveUser = (userID: string): ReadByUser => ({ userID, name: userID.toUpperCase() });
    const locale = { base: 'ja', readBy: ({ count }: CountValues) => `既読 ${count}` };
    const { result } = renderHook(() => useReadByContext('test'), {
      wrapper: providerOf(chat, { sendReadReceipts: false, resolveUser, locale }),
    });
    expect(result.current.chat).toBe(chat);
    expect(result.current.sendReadReceipts).toBe(false);
    expect(result.current.resolveUser).toBe(resolveUser);
    expect(result.current.locale).toBe(locale);
  });

  it('defaults to sending receipts, English, and no resolveUser', () => {
    const chat = connect(teamServer(), 'alice');
    const { result } = renderHook(() => useReadByContext('test'), { wrapper: providerOf(chat) });
    expect(result.current.sendReadReceipts).toBe(true);
    expect(result.current.locale).toBe('en');
    expect(result.current.resolveUser).toBeUndefined();
  });

  it('shares one receipt store between providers of the same chat', () => {
    const chat = connect(teamServer(), 'alice');
    const first = renderHook(() => useReadByContext('test'), { wrapper: providerOf(chat) }).result.current;
    const second = renderHook(() => useReadByContext('test'), {
      wrapper: providerOf(chat, { locale: 'zh' }),
    }).result.current;
    expect(second.store).toBe(first.store);
  });

  describe('every hook outside the provider throws an error that names ReadByProvider and the hook', () => {
    const message = draftText(connect(teamServer(), 'alice'), 'team', 'Ship it?');
    const hooks: Array<[string, () => unknown]> = [
      ['useChat', () => useChat()],
      ['useReadReceipt', () => useReadReceipt(message)],
      ['useGroupReadMembers', () => useGroupReadMembers({ message, filter: 'read' })],
      ['useReadReceiptTracker', () => useReadReceiptTracker()],
      ['useMessageList', () => useMessageList('GROUPteam')],
      ['useSendMessage', () => useSendMessage()],
      ['useChatEvent', () => useChatEvent(EVENT.MESSAGE_RECEIVED, () => {})],
    ];

    it.each(hooks)('%s', (name, hook) => {
      // React reports the thrown render error on the console as well; the test asserts the error itself.
      vi.spyOn(console, 'error').mockImplementation(() => {});
      expect(() => renderHook(hook)).toThrow(`${name} must be used inside <ReadByProvider chat={chat}>.`);
    });
  });
});
