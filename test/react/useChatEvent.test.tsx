import { renderHook } from '@testing-library/react';
import { type ChatLikeHandler, EVENT, TYPES } from 'readby';
import { useChatEvent } from 'readby/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { advance, connect, providerOf, readBy, send, teamServer } from './helpers';

type Received = ChatLikeHandler<typeof EVENT.MESSAGE_RECEIVED>;
type MessageEventName = typeof EVENT.MESSAGE_RECEIVED | typeof EVENT.MESSAGE_READ_RECEIPT_RECEIVED;

beforeEach(() => {
  vi.useFakeTimers();
});

/** alice, connected: pushes reach only a chat whose connection is open. */
async function setUp() {
  const server = teamServer();
  const chat = connect(server, 'alice');
  await advance();
  const say = (text: string) =>
    server.postMessage({ from: 'bob', to: 'team', conversationType: TYPES.CONV_GROUP, text });
  return { server, chat, say };
}

describe('§3 useChatEvent', () => {
  it('calls the handler with { name, data } for each event', async () => {
    const { chat, say } = await setUp();
    const handler = vi.fn<Received>();
    renderHook(() => useChatEvent(EVENT.MESSAGE_RECEIVED, handler), { wrapper: providerOf(chat) });
    const posted = say('hello');
    await advance();
    expect(handler).toHaveBeenCalledTimes(1);
    const [event] = handler.mock.calls[0]!;
    expect(event.name).toBe(EVENT.MESSAGE_RECEIVED);
    expect(event.data.map((message) => message.ID)).toEqual([posted.ID]);
  });

  it('calls the latest handler, without subscribing again on each render', async () => {
    const { chat, say } = await setUp();
    const on = vi.spyOn(chat, 'on');
    const first = vi.fn<Received>();
    const second = vi.fn<Received>();
    const { rerender } = renderHook(({ handler }) => useChatEvent(EVENT.MESSAGE_RECEIVED, handler), {
      initialProps: { handler: first },
      wrapper: providerOf(chat),
    });
    rerender({ handler: second });
    rerender({ handler: second });
    say('hello');
    await advance();
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
    expect(on.mock.calls.filter(([name]) => name === EVENT.MESSAGE_RECEIVED)).toHaveLength(1);
  });

  it('stops listening on unmount', async () => {
    const { chat, say } = await setUp();
    const handler = vi.fn<Received>();
    const { unmount } = renderHook(() => useChatEvent(EVENT.MESSAGE_RECEIVED, handler), {
      wrapper: providerOf(chat),
    });
    unmount();
    say('anyone?');
    await advance();
    expect(handler).not.toHaveBeenCalled();
  });

  it('moves to the new event when the name changes', async () => {
    const { server, chat, say } = await setUp();
    const handler = vi.fn();
    const initialProps: { name: MessageEventName } = { name: EVENT.MESSAGE_RECEIVED };
    const { rerender } = renderHook(({ name }) => useChatEvent(name, handler), {
      initialProps,
      wrapper: providerOf(chat),
    });
    rerender({ name: EVENT.MESSAGE_READ_RECEIPT_RECEIVED });
    say('ignored now');
    const mine = await send(chat, 'team', 'Ship it?');
    readBy(server, 'carol', mine.ID);
    await advance();
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler.mock.calls[0]![0]).toMatchObject({
      name: EVENT.MESSAGE_READ_RECEIPT_RECEIVED,
      data: [{ groupID: 'team', messageID: mine.ID, readCount: 1, unreadCount: 2 }],
    });
  });

  it('calls the handler once per event in StrictMode', async () => {
    const { chat, say } = await setUp();
    const handler = vi.fn<Received>();
    renderHook(() => useChatEvent(EVENT.MESSAGE_RECEIVED, handler), {
      wrapper: providerOf(chat),
      reactStrictMode: true,
    });
    say('hello');
    await advance();
    expect(handler).toHaveBeenCalledTimes(1);
  });
});
