import { act, render, renderHook, screen } from '@testing-library/react';
import { type Chat, ERROR_CODE, type Message, ReadByError, TYPES } from 'readby';
import { type ReadReceiptState, useReadReceipt } from 'readby/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  advance,
  CLIENT,
  connect,
  createServer,
  draftText,
  loadHistory,
  nextFrame,
  post,
  providerOf,
  readBy,
  send,
  TEAM,
  teamServer,
} from './helpers';

/** Everything the hook reports but the refetch function. */
function stateOf(receipt: ReadReceiptState): Omit<ReadReceiptState, 'refetch'> {
  const { status, readCount, unreadCount, total, isPeerRead, isLoading, error } = receipt;
  return { status, readCount, unreadCount, total, isPeerRead, isLoading, error };
}

const NONE = {
  status: 'none',
  readCount: undefined,
  unreadCount: undefined,
  total: undefined,
  isPeerRead: false,
  isLoading: false,
  error: null,
} as const;

function renderReceipt(chat: Chat, message: Message) {
  return renderHook(({ message }: { message: Message }) => useReadReceipt(message), {
    initialProps: { message },
    wrapper: providerOf(chat),
  });
}

beforeEach(() => {
  vi.useFakeTimers();
});

describe('§3 useReadReceipt: status', () => {
  it("is 'none' for a message sent without asking for receipts", async () => {
    const chat = connect(teamServer(), 'alice');
    const message = await send(chat, 'team', 'lunch?', { needReadReceipt: false });
    const { result } = renderReceipt(chat, message);
    await advance();
    expect(stateOf(result.current)).toEqual(NONE);
  });

  it("is 'none' for someone else's message, even one that asks for receipts", async () => {
    const server = teamServer();
    const chat = connect(server, 'alice');
    post(server, 'bob', 'team', 1);
    const [incoming] = await loadHistory(chat, 'GROUPteam');
    const pull = vi.spyOn(chat, 'getMessageReadReceiptList');
    const { result } = renderReceipt(chat, incoming!);
    await advance();
    expect(stateOf(result.current)).toEqual(NONE);
    expect(pull).not.toHaveBeenCalled();
  });

  it("is 'none' where the group cannot have receipts (R8), asking for nothing", async () => {
    const server = createServer();
    server.createGroup({ groupID: 'stage', type: TYPES.GRP_AVCHATROOM, memberList: TEAM });
    const chat = connect(server, 'alice');
    const message = await send(chat, 'stage', 'Welcome!');
    // readby's engine turns receipts off on the message; the vendor keeps what was asked and says nothing.
    expect(message.needReadReceipt).toBe(CLIENT === 'tencent');
    const pull = vi.spyOn(chat, 'getMessageReadReceiptList');
    const { result } = renderReceipt(chat, message);
    await advance();
    expect(stateOf(result.current)).toEqual(NONE);
    expect(pull).not.toHaveBeenCalled();
  });

  it("is 'none' for no message at all", () => {
    const chat = connect(teamServer(), 'alice');
    const { result } = renderHook(() => useReadReceipt(null), { wrapper: providerOf(chat) });
    expect(stateOf(result.current)).toEqual(NONE);
  });

  it("is 'none' for a message whose send failed", async () => {
    const chat = connect(teamServer(TEAM, { others: ['bob', 'carol'] }), 'alice');
    const draft = draftText(chat, 'others', 'let me in');
    const failure = await chat.sendMessage(draft).catch((error: ReadByError) => error);
    expect(failure).toBeInstanceOf(ReadByError);
    const failed = (failure as ReadByError).data as { message: Message };
    expect(failed.message.status).toBe('fail');
    const { result } = renderReceipt(chat, failed.message);
    await advance();
    expect(stateOf(result.current)).toEqual(NONE);
  });

  it("is 'sending' until the send succeeds, then 'unread' with the recipients counted", async () => {
    const chat = connect(teamServer(), 'alice');
    const draft = draftText(chat, 'team', 'Ship it?');
    const { result, rerender } = renderReceipt(chat, draft);
    expect(stateOf(result.current)).toEqual({ ...NONE, status: 'sending' });
    const sending = chat.sendMessage(draft);
    await advance();
    const { message } = (await sending).data;
    rerender({ message });
    expect(stateOf(result.current)).toEqual({
      status: 'unread',
      readCount: 0,
      unreadCount: 3,
      total: 3,
      isPeerRead: false,
      isLoading: false,
      error: null,
    });
  });

  it("turns 'partial', then 'allRead', as group receipts are pushed", async () => {
    const server = teamServer();
    const chat = connect(server, 'alice');
    const message = await send(chat, 'team', 'Ship it?');
    const { result } = renderReceipt(chat, message);

    readBy(server, 'bob', message.ID);
    await nextFrame();
    expect(stateOf(result.current)).toEqual({
      status: 'partial',
      readCount: 1,
      unreadCount: 2,
      total: 3,
      isPeerRead: false,
      isLoading: false,
      error: null,
    });

    readBy(server, 'carol', message.ID);
    readBy(server, 'dave', message.ID);
    await nextFrame();
    expect(stateOf(result.current)).toEqual({
      status: 'allRead',
      readCount: 3,
      unreadCount: 0,
      total: 3,
      isPeerRead: false,
      isLoading: false,
      error: null,
    });
  });

  it("is 'unread', then 'read' one-to-one when the peer sends a receipt", async () => {
    const server = teamServer();
    const chat = connect(server, 'alice');
    const message = await send(chat, 'bob', 'Got a minute?', { conversationType: TYPES.CONV_C2C });
    const { result } = renderReceipt(chat, message);
    expect(stateOf(result.current)).toEqual({
      status: 'unread',
      readCount: 0,
      unreadCount: 1,
      total: 1,
      isPeerRead: false,
      isLoading: false,
      error: null,
    });

    readBy(server, 'bob', message.ID);
    await nextFrame();
    expect(stateOf(result.current)).toEqual({
      status: 'read',
      readCount: 1,
      unreadCount: 0,
      total: 1,
      isPeerRead: true,
      isLoading: false,
      error: null,
    });
  });

  it("is 'read' one-to-one when the peer marks the conversation read (setMessageRead)", async () => {
    const server = teamServer();
    const chat = connect(server, 'alice');
    const message = await send(chat, 'bob', 'Got a minute?', { conversationType: TYPES.CONV_C2C });
    const { result } = renderReceipt(chat, message);

    server.request('bob', 'setMessageRead', { conversationID: 'C2Calice' });
    await nextFrame();
    expect(stateOf(result.current)).toEqual({
      status: 'read',
      readCount: 1,
      unreadCount: 0,
      total: 1,
      isPeerRead: true,
      isLoading: false,
      error: null,
    });
  });

  it('changes only on the frame after a push, not when the push arrives', async () => {
    const server = teamServer();
    const chat = connect(server, 'alice');
    const message = await send(chat, 'team', 'Ship it?');
    const { result } = renderReceipt(chat, message);
    // Counts the client did not send with the message are pulled first.
    await advance();

    readBy(server, 'bob', message.ID);
    await advance();
    expect(result.current.readCount).toBe(0);
    await nextFrame();
    expect(result.current.readCount).toBe(1);
  });
});

describe('§3 useReadReceipt: counts not yet known', () => {
  it('is loading until the pulled counts arrive, then shows them', async () => {
    const server = teamServer();
    const [id] = post(server, 'alice', 'team', 1);
    readBy(server, 'carol', id!);
    // A second device of alice's: it loads the message from history, without counts.
    const chat = connect(server, 'alice');
    const [message] = await loadHistory(chat, 'GROUPteam');
    const pull = vi.spyOn(chat, 'getMessageReadReceiptList');

    const { result } = renderReceipt(chat, message!);
    expect(stateOf(result.current)).toEqual({
      status: 'unread',
      readCount: undefined,
      unreadCount: undefined,
      total: undefined,
      isPeerRead: false,
      isLoading: true,
      error: null,
    });

    await advance();
    expect(pull).toHaveBeenCalledTimes(1);
    expect(pull.mock.calls[0]![0].map((m) => m.ID)).toEqual([id]);
    expect(stateOf(result.current)).toEqual({
      status: 'partial',
      readCount: 1,
      unreadCount: 2,
      total: 3,
      isPeerRead: false,
      isLoading: false,
      error: null,
    });
  });

  it('reports a failed pull as an error, and refetch asks again', async () => {
    const server = teamServer();
    const [id] = post(server, 'alice', 'team', 1);
    const chat = connect(server, 'alice');
    const [message] = await loadHistory(chat, 'GROUPteam');
    const offline = new ReadByError(ERROR_CODE.NETWORK_ERROR, 'network error: offline');
    const pull = vi.spyOn(chat, 'getMessageReadReceiptList').mockRejectedValueOnce(offline);

    const { result } = renderReceipt(chat, message!);
    await advance();
    expect(pull).toHaveBeenCalledTimes(1);
    expect(result.current.error).toBe(offline);
    expect(result.current.isLoading).toBe(false);

    // An error is not retried on its own: a later render asks for nothing.
    await advance(60_000);
    expect(pull).toHaveBeenCalledTimes(1);

    act(() => result.current.refetch());
    await advance();
    expect(pull).toHaveBeenCalledTimes(2);
    expect(pull.mock.calls[1]![0].map((m) => m.ID)).toEqual([id]);
    expect(stateOf(result.current)).toEqual({
      status: 'unread',
      readCount: 0,
      unreadCount: 3,
      total: 3,
      isPeerRead: false,
      isLoading: false,
      error: null,
    });
  });
});

function Badge({ message }: { message: Message }) {
  const { readCount, total } = useReadReceipt(message);
  return (
    <li>
      {message.ID}: {readCount ?? '?'} of {total ?? '?'}
    </li>
  );
}

describe('§3 useReadReceipt: badges mounted together fetch their counts together', () => {
  it('150 badges of one conversation and 20 of another make 3 requests: 100 + 50 + 20', async () => {
    const server = teamServer(undefined, { side: ['alice', 'bob'] });
    post(server, 'alice', 'team', 150);
    post(server, 'alice', 'side', 20);
    const chat = connect(server, 'alice');
    const messages = [...(await loadHistory(chat, 'GROUPteam')), ...(await loadHistory(chat, 'GROUPside'))];
    expect(messages).toHaveLength(170);
    const pull = vi.spyOn(chat, 'getMessageReadReceiptList');

    render(
      <ul>
        {messages.map((message) => (
          <Badge key={message.ID} message={message} />
        ))}
      </ul>,
      { wrapper: providerOf(chat) },
    );
    // The requests wait for the end of the tick, so that every badge mounted in it is asked for at once.
    expect(pull).not.toHaveBeenCalled();
    await advance();

    const calls = pull.mock.calls.map(([list]) => ({
      conversations: [...new Set(list.map((message) => message.conversationID))],
      count: list.length,
    }));
    expect(calls).toEqual([
      { conversations: ['GROUPteam'], count: 100 },
      { conversations: ['GROUPteam'], count: 50 },
      { conversations: ['GROUPside'], count: 20 },
    ]);
    const asked = pull.mock.calls.flatMap(([list]) => list.map((message) => message.ID));
    expect(new Set(asked).size).toBe(170);
    expect(screen.getByText(`${messages[0]!.ID}: 0 of 3`)).toBeInTheDocument();
    expect(screen.getByText(`${messages[169]!.ID}: 0 of 1`)).toBeInTheDocument();
    expect(screen.queryByText(/\?/)).toBeNull();
  });

  it('asks once per message, however many badges show it', async () => {
    const server = teamServer();
    post(server, 'alice', 'team', 2);
    const chat = connect(server, 'alice');
    const [first, second] = await loadHistory(chat, 'GROUPteam');
    const pull = vi.spyOn(chat, 'getMessageReadReceiptList');
    render(
      <ul>
        <Badge message={first!} />
        <Badge message={first!} />
        <Badge message={second!} />
      </ul>,
      { wrapper: providerOf(chat) },
    );
    await advance();
    expect(pull).toHaveBeenCalledTimes(1);
    expect(pull.mock.calls[0]![0].map((message) => message.ID)).toEqual([first!.ID, second!.ID]);
  });

  it('badges mounted in a later tick make a request of their own', async () => {
    const server = teamServer();
    post(server, 'alice', 'team', 2);
    const chat = connect(server, 'alice');
    const [first, second] = await loadHistory(chat, 'GROUPteam');
    const pull = vi.spyOn(chat, 'getMessageReadReceiptList');
    const { rerender } = render(<Badge message={first!} />, { wrapper: providerOf(chat) });
    await advance();
    rerender(
      <>
        <Badge message={first!} />
        <Badge message={second!} />
      </>,
    );
    await advance();
    expect(pull.mock.calls.map(([list]) => list.map((message) => message.ID))).toEqual([
      [first!.ID],
      [second!.ID],
    ]);
  });
});
