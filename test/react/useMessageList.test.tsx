import { act, renderHook } from '@testing-library/react';
import { ERROR_CODE, EVENT, type Message, ReadByError, TYPES } from 'readby';
import { useMessageList } from 'readby/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { advance, connect, post, providerOf, send, teamServer, textOf } from './helpers';

const texts = (messages: Message[]) => messages.map(textOf);
const numbered = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `message ${from + i}`);

beforeEach(() => {
  vi.useFakeTimers();
});

describe('§3 useMessageList', () => {
  it('loads the newest page first, oldest to newest, and older pages on fetchOlder', async () => {
    const server = teamServer();
    post(server, 'bob', 'team', 20);
    const chat = connect(server, 'alice');
    const { result } = renderHook(() => useMessageList('GROUPteam'), { wrapper: providerOf(chat) });
    expect(result.current.isLoading).toBe(true);
    expect(result.current.messages).toEqual([]);

    await advance();
    expect(result.current.isLoading).toBe(false);
    expect(texts(result.current.messages)).toEqual(numbered(6, 20));
    expect(result.current.hasOlder).toBe(true);

    act(() => result.current.fetchOlder());
    await advance();
    expect(texts(result.current.messages)).toEqual(numbered(1, 20));
    expect(result.current.hasOlder).toBe(false);
    expect(result.current.isFetchingOlder).toBe(false);
  });

  it('asks for an older page once, however often fetchOlder is called meanwhile', async () => {
    const server = teamServer();
    post(server, 'bob', 'team', 40);
    const chat = connect(server, 'alice');
    const list = vi.spyOn(chat, 'getMessageList');
    const { result } = renderHook(() => useMessageList('GROUPteam'), { wrapper: providerOf(chat) });
    await advance();
    act(() => result.current.fetchOlder());
    act(() => result.current.fetchOlder());
    await advance();
    expect(list).toHaveBeenCalledTimes(2);
    expect(result.current.messages).toHaveLength(30);
  });

  it('appends messages that arrive while mounted, and only those of its conversation', async () => {
    const server = teamServer(undefined, { side: ['alice', 'bob'] });
    post(server, 'bob', 'team', 2);
    const chat = connect(server, 'alice');
    const { result } = renderHook(() => useMessageList('GROUPteam'), { wrapper: providerOf(chat) });
    await advance();

    server.postMessage({ from: 'carol', to: 'team', conversationType: TYPES.CONV_GROUP, text: 'new here' });
    server.postMessage({ from: 'bob', to: 'side', conversationType: TYPES.CONV_GROUP, text: 'elsewhere' });
    await advance();
    expect(texts(result.current.messages)).toEqual(['message 1', 'message 2', 'new here']);
  });

  it('shows each message once when it arrives live and in a history page too', async () => {
    const server = teamServer();
    post(server, 'bob', 'team', 3);
    const chat = connect(server, 'alice');
    await advance();
    const received = vi.fn();
    chat.on(EVENT.MESSAGE_RECEIVED, received);
    const list = vi.spyOn(chat, 'getMessageList');
    const { result } = renderHook(() => useMessageList('GROUPteam'), { wrapper: providerOf(chat) });
    // Posted while the first page is on its way: the push and the page both carry it.
    server.postMessage({ from: 'carol', to: 'team', conversationType: TYPES.CONV_GROUP, text: 'both ways' });
    await advance();
    expect(received).toHaveBeenCalledTimes(1);
    const page = (await list.mock.results[0]!.value) as Awaited<ReturnType<typeof chat.getMessageList>>;
    expect(texts(page.data.messageList)).toContain('both ways');
    expect(texts(result.current.messages)).toEqual(['message 1', 'message 2', 'message 3', 'both ways']);
    const ids = result.current.messages.map((message) => message.ID);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps a one-to-one conversation apart from the group', async () => {
    const server = teamServer();
    post(server, 'bob', 'team', 2, { prefix: 'team' });
    post(server, 'bob', 'alice', 2, { prefix: 'direct', conversationType: TYPES.CONV_C2C });
    const chat = connect(server, 'alice');
    const { result } = renderHook(() => useMessageList('C2Cbob'), { wrapper: providerOf(chat) });
    await advance();
    expect(texts(result.current.messages)).toEqual(['direct 1', 'direct 2']);
    expect(result.current.hasOlder).toBe(false);
  });

  it('shows a refusal by the server at once, without retrying it (PERMISSION_DENIED)', async () => {
    const server = teamServer(undefined, { others: ['bob', 'carol'] });
    const chat = connect(server, 'alice');
    const list = vi.spyOn(chat, 'getMessageList');
    const { result } = renderHook(() => useMessageList('GROUPothers'), { wrapper: providerOf(chat) });
    await advance();
    expect(list).toHaveBeenCalledTimes(1);
    expect(result.current.error?.code).toBe(ERROR_CODE.PERMISSION_DENIED);
    expect(result.current.isLoading).toBe(false);
  });

  it('retries a page the network lost', async () => {
    const server = teamServer();
    post(server, 'bob', 'team', 1);
    const chat = connect(server, 'alice');
    const list = vi
      .spyOn(chat, 'getMessageList')
      .mockRejectedValueOnce(new ReadByError(ERROR_CODE.REQUEST_TIMEOUT, 'getMessageList: no answer'));
    const { result } = renderHook(() => useMessageList('GROUPteam'), { wrapper: providerOf(chat) });
    await advance(1_000);
    await advance(1);
    expect(list).toHaveBeenCalledTimes(2);
    expect(texts(result.current.messages)).toEqual(['message 1']);
    expect(result.current.error).toBeNull();
  });

  it('shows sent messages among the received in server order', async () => {
    const server = teamServer();
    post(server, 'bob', 'team', 1, { prefix: 'bob' });
    const chat = connect(server, 'alice');
    const { result } = renderHook(() => useMessageList('GROUPteam'), { wrapper: providerOf(chat) });
    await advance();
    // Sent from another device of alice's: it arrives as a push like anyone's message.
    const other = connect(server, 'alice');
    await send(other, 'team', 'alice from her phone');
    post(server, 'carol', 'team', 1, { prefix: 'carol' });
    await advance();
    expect(texts(result.current.messages)).toEqual(['bob 1', 'alice from her phone', 'carol 1']);
    expect(result.current.messages.map((message) => message.sequence)).toEqual([1, 2, 3]);
  });
});
