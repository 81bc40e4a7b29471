import { act, render, renderHook, screen } from '@testing-library/react';
import { ERROR_CODE, type Message, ReadByError, TYPES } from 'readby';
import { useMessageList, useReadReceipt, useSendMessage } from 'readby/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { advance, CLIENT, connect, nextFrame, providerOf, readBy, teamServer, textOf } from './helpers';

beforeEach(() => {
  vi.useFakeTimers();
});

function useConversation(conversationID: string) {
  return { list: useMessageList(conversationID), send: useSendMessage() };
}

function Badge({ message }: { message: Message }) {
  const { status, readCount, total } = useReadReceipt(message);
  return (
    <li>
      {textOf(message)}: {status} {readCount ?? '-'}/{total ?? '-'}
    </li>
  );
}

/** The send function of the mounted conversation, for the test to call. */
let send: ReturnType<typeof useSendMessage<Message>> | undefined;

function Conversation() {
  const { messages } = useMessageList('GROUPteam');
  send = useSendMessage();
  return (
    <ul>
      {messages.map((message) => (
        <Badge key={message.ID} message={message} />
      ))}
    </ul>
  );
}

describe('§3 useSendMessage', () => {
  it("shows the message at once as 'unSend', then as 'success' with its server sequence", async () => {
    const chat = connect(teamServer(), 'alice');
    const { result } = renderHook(() => useConversation('GROUPteam'), { wrapper: providerOf(chat) });
    await advance();

    let sending: Promise<unknown> = Promise.resolve();
    act(() => {
      sending = result.current.send({ to: 'team', conversationType: TYPES.CONV_GROUP, text: 'Ship it?' });
    });
    expect(result.current.list.messages.map((m) => [textOf(m), m.status])).toEqual([['Ship it?', 'unSend']]);

    await advance();
    await sending;
    const [sent] = result.current.list.messages;
    expect(result.current.list.messages).toHaveLength(1);
    expect(sent).toMatchObject({ status: 'success', sequence: 1, from: 'alice', needReadReceipt: false });
  });

  it('resolves with the sent message and passes needReadReceipt on', async () => {
    const chat = connect(teamServer(), 'alice');
    const { result } = renderHook(() => useSendMessage(), { wrapper: providerOf(chat) });
    const response = await act(() =>
      result.current({
        to: 'team',
        conversationType: TYPES.CONV_GROUP,
        text: 'Ship it?',
        needReadReceipt: true,
      }),
    );
    expect(response.code).toBe(0);
    expect(response.data.message).toMatchObject({ status: 'success', needReadReceipt: true });
    // readby's engine answers a send with its counts; the vendor leaves them to a pull.
    if (CLIENT === 'readby') {
      expect(response.data.message.readReceiptInfo).toEqual({ readCount: 0, unreadCount: 3 });
    }
  });

  it("shows a failed send as 'fail' and rejects with the error", async () => {
    const chat = connect(teamServer(undefined, { others: ['bob', 'carol'] }), 'alice');
    const { result } = renderHook(() => useConversation('GROUPothers'), { wrapper: providerOf(chat) });
    await advance();

    let failure: unknown;
    await act(async () => {
      failure = await result.current
        .send({ to: 'others', conversationType: TYPES.CONV_GROUP, text: 'let me in' })
        .catch((error: unknown) => error);
    });
    expect(failure).toBeInstanceOf(ReadByError);
    expect((failure as ReadByError).code).toBe(ERROR_CODE.PERMISSION_DENIED);
    expect(result.current.list.messages.map((m) => [textOf(m), m.status])).toEqual([['let me in', 'fail']]);
  });

  it('throws INVALID_PARAMETER for an empty text, showing nothing', async () => {
    const chat = connect(teamServer(), 'alice');
    const { result } = renderHook(() => useConversation('GROUPteam'), { wrapper: providerOf(chat) });
    await advance();
    await expect(
      result.current.send({ to: 'team', conversationType: TYPES.CONV_GROUP, text: '' }),
    ).rejects.toMatchObject({ code: ERROR_CODE.INVALID_PARAMETER });
    expect(result.current.list.messages).toEqual([]);
  });

  it("feeds a badge that shows 'sending', then the live counts", async () => {
    const server = teamServer();
    const chat = connect(server, 'alice');
    render(<Conversation />, { wrapper: providerOf(chat) });
    await advance();

    let sending: Promise<{ data: { message: Message } }> | undefined;
    act(() => {
      sending = send!({
        to: 'team',
        conversationType: TYPES.CONV_GROUP,
        text: 'Ship it?',
        needReadReceipt: true,
      });
    });
    expect(screen.getByRole('listitem')).toHaveTextContent('Ship it?: sending -/-');
    await advance();
    expect(screen.getByRole('listitem')).toHaveTextContent('Ship it?: unread 0/3');

    readBy(server, 'bob', (await sending!).data.message.ID);
    await nextFrame();
    expect(screen.getByRole('listitem')).toHaveTextContent('Ship it?: partial 1/3');
  });
});
