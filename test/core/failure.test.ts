import ReadBy, {
  type Chat,
  ERROR_CODE,
  EVENT,
  isTransientError,
  type Message,
  ReadByError,
  type Transport,
  type TransportListener,
  TYPES,
} from 'readby';
import type { MockServer } from 'readby/mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  connect,
  createServer,
  draftText,
  load,
  losingFirstAnswer,
  rejection,
  sendText,
  sendToPeer,
  teamServer,
  track,
} from './helpers';

function chatOn(transport: Transport, requestTimeoutMs?: number): Chat {
  return track(
    ReadBy.create(requestTimeoutMs === undefined ? { transport } : { transport, requestTimeoutMs }),
  );
}

describe('R12: failure', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('R12: a request that is never answered rejects with REQUEST_TIMEOUT after requestTimeoutMs', async () => {
    const server = teamServer();
    const alice = connect(server, 'alice', { dropRate: 1 }, { requestTimeoutMs: 50 });
    const settled = vi.fn();
    const result = rejection(alice.getConversationList()).finally(settled);
    await vi.advanceTimersByTimeAsync(49);
    expect(settled).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    const error = await result;
    expect(error.code).toBe(ERROR_CODE.REQUEST_TIMEOUT);
    expect(error.message).toBe('getConversationList: no answer within 50 ms');
  });

  it('R12: a lost send leaves no partial state: the message fails and the server has nothing', async () => {
    const server = teamServer();
    const alice = connect(server, 'alice', { dropRate: 1 }, { requestTimeoutMs: 50 });
    const draft = draftText(alice, 'team', 'x', { needReadReceipt: false });
    const result = rejection(alice.sendMessage(draft));
    await vi.advanceTimersByTimeAsync(50);
    const error = await result;
    expect(error.code).toBe(ERROR_CODE.REQUEST_TIMEOUT);
    expect(error.data).toEqual({ message: { ...draft, status: 'fail' } });
    expect(alice.findMessage(draft.ID)!.status).toBe('fail');
    expect(server.getStorageStats().messages).toBe(0);
  });

  it('R12: a lost receipt stores nothing', async () => {
    const server = teamServer(['alice', 'bob']);
    const alice = connect(server, 'alice');
    const message = await sendText(alice, 'team', 'x');
    const bob = connect(server, 'bob', { dropRate: 1 }, { requestTimeoutMs: 50 });
    const result = rejection(bob.sendMessageReadReceipt([{ ...message, flow: 'in' }]));
    await vi.advanceTimersByTimeAsync(50);
    expect((await result).code).toBe(ERROR_CODE.REQUEST_TIMEOUT);
    expect(server.getReceiptTruth(message.ID)!.readCount).toBe(0);
  });

  it('R12: a disconnect rejects the requests in flight with NETWORK_ERROR, and later ones until reconnected', async () => {
    const server = teamServer();
    const transport = server.connect('alice', { latencyMs: 10 });
    const alice = chatOn(transport);
    await vi.advanceTimersByTimeAsync(10);
    const inFlight = rejection(alice.getConversationList());
    await vi.advanceTimersByTimeAsync(5);
    transport.disconnect();
    const error = await inFlight;
    expect(error.code).toBe(ERROR_CODE.NETWORK_ERROR);
    expect((await rejection(alice.getMessageList({ conversationID: 'GROUPteam' }))).code).toBe(
      ERROR_CODE.NETWORK_ERROR,
    );
    const reconnected = transport.reconnect();
    await vi.advanceTimersByTimeAsync(10);
    await reconnected;
    const answer = alice.getConversationList();
    await vi.advanceTimersByTimeAsync(20);
    await expect(answer).resolves.toMatchObject({ code: 0 });
  });

  it('R12: retrying a receipt whose answer was lost applies it once and announces it once', async () => {
    const server = teamServer(['alice', 'bob', 'carol']);
    const alice = connect(server, 'alice');
    const message = await sendText(alice, 'team', 'x');
    const handler = vi.fn();
    alice.on(EVENT.MESSAGE_READ_RECEIPT_RECEIVED, handler);
    const bob = chatOn(losingFirstAnswer(server.connect('bob'), 'sendMessageReadReceipt'), 50);
    const list = await load(bob, 'GROUPteam');

    const first = rejection(bob.sendMessageReadReceipt(list));
    await vi.advanceTimersByTimeAsync(50);
    expect((await first).code).toBe(ERROR_CODE.REQUEST_TIMEOUT);
    // The server did store it: only the answer was lost.
    expect(server.getReceiptTruth(message.ID)!.readCount).toBe(1);

    await expect(bob.sendMessageReadReceipt(list)).resolves.toEqual({ code: 0, data: {} });
    await vi.advanceTimersByTimeAsync(0);
    expect(server.getReceiptTruth(message.ID)).toMatchObject({ readCount: 1, readUserIDList: ['bob'] });
    expect(handler).toHaveBeenCalledTimes(1);
    expect(alice.findMessage(message.ID)!.readReceiptInfo).toEqual({ readCount: 1, unreadCount: 1 });
  });

  it('R12: retrying a send whose answer was lost stores the message once', async () => {
    const server = teamServer(['alice', 'bob']);
    const bob = connect(server, 'bob');
    const received = vi.fn();
    bob.on(EVENT.MESSAGE_RECEIVED, received);
    const alice = chatOn(losingFirstAnswer(server.connect('alice'), 'sendMessage'), 50);
    const draft = draftText(alice, 'team', 'x', { needReadReceipt: false });
    const first = rejection(alice.sendMessage(draft));
    await vi.advanceTimersByTimeAsync(50);
    expect((await first).code).toBe(ERROR_CODE.REQUEST_TIMEOUT);
    expect(alice.findMessage(draft.ID)!.status).toBe('fail');

    const { data } = await alice.sendMessage(draft);
    expect(data.message).toMatchObject({ ID: draft.ID, status: 'success', sequence: 1 });
    await vi.advanceTimersByTimeAsync(0);
    expect(server.getStorageStats().messages).toBe(1);
    expect(received).toHaveBeenCalledTimes(1);
  });

  it('R12: calls made before the transport connects wait for it', async () => {
    const server = teamServer(['alice', 'bob']);
    const alice = connect(server, 'alice', { latencyMs: 100 });
    const done = vi.fn();
    const draft = draftText(alice, 'team', 'x', { needReadReceipt: false });
    const sending = alice.sendMessage(draft).then((response) => {
      done();
      return response;
    });
    expect(alice.netState).toBe('connecting');
    await vi.advanceTimersByTimeAsync(99);
    expect(done).not.toHaveBeenCalled();
    // Connected at 100 ms; the request takes 100 ms there and the answer 100 ms back.
    await vi.advanceTimersByTimeAsync(201);
    expect(done).toHaveBeenCalledTimes(1);
    expect((await sending).data.message.status).toBe('success');
    expect(alice.netState).toBe('connected');
  });

  it('R12: receipts that arrive while the sender is offline are announced after it reconnects', async () => {
    const server = teamServer(['alice', 'bob']);
    const transport = server.connect('alice');
    const alice = chatOn(transport);
    const message = await sendText(alice, 'team', 'x');
    const toPeer = await sendToPeer(alice, 'bob', 'dm');
    const receipts = vi.fn();
    const byPeer = vi.fn();
    alice.on(EVENT.MESSAGE_READ_RECEIPT_RECEIVED, receipts);
    alice.on(EVENT.MESSAGE_READ_BY_PEER, byPeer);

    transport.disconnect();
    server.request('bob', 'sendMessageReadReceipt', { messageIDs: [message.ID] });
    server.request('bob', 'setMessageRead', { conversationID: 'C2Calice' });
    await vi.advanceTimersByTimeAsync(0);
    expect(receipts).not.toHaveBeenCalled();

    await transport.reconnect();
    await vi.advanceTimersByTimeAsync(0);
    expect(receipts).toHaveBeenCalledTimes(1);
    expect(receipts.mock.calls[0]![0].data).toEqual([
      { groupID: 'team', messageID: message.ID, readCount: 1, unreadCount: 0 },
    ]);
    expect(byPeer).toHaveBeenCalledTimes(1);
    expect(byPeer.mock.calls[0]![0].data.map((m: Message) => [m.ID, m.isPeerRead])).toEqual([
      [toPeer.ID, true],
    ]);
    expect(alice.findMessage(message.ID)!.readReceiptInfo).toEqual({ readCount: 1, unreadCount: 0 });
  });

  it('R12, R5: after a reconnect, counts learnt by the pull are not announced as receipts nobody sent', async () => {
    const server = teamServer(['alice', 'bob', 'carol']);
    const sender = chatOn(server.connect('alice'));
    const group = await sendText(sender, 'team', 'x');
    const toPeer = await sendToPeer(sender, 'bob', 'dm');
    // A second device of alice's knows both messages from history only: counts unknown until pulled.
    const transport = server.connect('alice');
    const alice = chatOn(transport);
    await load(alice, 'GROUPteam');
    await load(alice, 'C2Cbob');
    expect(alice.findMessage(group.ID)!.readReceiptInfo).toEqual({
      readCount: undefined,
      unreadCount: undefined,
    });
    const receipts = vi.fn();
    alice.on(EVENT.MESSAGE_READ_RECEIPT_RECEIVED, receipts);

    transport.disconnect();
    server.request('carol', 'sendMessageReadReceipt', { messageIDs: [group.ID] });
    await transport.reconnect();
    await vi.advanceTimersByTimeAsync(0);

    // The pull taught alice that bob has not read the one-to-one message; only carol's receipt is news.
    expect(alice.findMessage(toPeer.ID)!.readReceiptInfo).toEqual({ isPeerRead: false, timestamp: 0 });
    expect(receipts).toHaveBeenCalledTimes(1);
    expect(receipts.mock.calls[0]![0].data).toEqual([
      { groupID: 'team', messageID: group.ID, readCount: 1, unreadCount: 1 },
    ]);
  });

  it('R12: under seeded drops, duplicates and reordering, every receipt is applied once and the sender converges', async () => {
    const readers = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'];
    const server: MockServer = createServer({ seed: 42 });
    server.createGroup({ groupID: 'team', type: TYPES.GRP_WORK, memberList: ['alice', ...readers] });
    const alice = connect(server, 'alice', { duplicateRate: 0.5, reorder: 40, latencyMs: [5, 20] });
    await vi.advanceTimersByTimeAsync(100);
    const sending = Promise.all([sendText(alice, 'team', 'x'), sendText(alice, 'team', 'x')]);
    await vi.advanceTimersByTimeAsync(200);
    const messages = await sending;
    const counts: number[][] = messages.map(() => []);
    alice.on(EVENT.MESSAGE_READ_RECEIPT_RECEIVED, ({ data }) => {
      for (const item of data) {
        if ('readCount' in item)
          counts[messages.findIndex((m) => m.ID === item.messageID)]!.push(item.readCount);
      }
    });

    const attempts = Promise.all(
      readers.map(async (reader) => {
        const chat = connect(
          server,
          reader,
          { dropRate: 0.4, duplicateRate: 0.3, reorder: 30, latencyMs: [5, 30] },
          { requestTimeoutMs: 200 },
        );
        const list = messages.map((m) => ({ ...m, flow: 'in' as const }));
        for (let attempt = 1; attempt <= 30; attempt++) {
          try {
            await chat.sendMessageReadReceipt(list);
            return attempt;
          } catch (error) {
            expect((error as { code: number }).code).toBe(ERROR_CODE.REQUEST_TIMEOUT);
          }
        }
        return Number.POSITIVE_INFINITY;
      }),
    );
    await vi.advanceTimersByTimeAsync(30 * 300);
    const tries = await attempts;
    expect(tries.every(Number.isFinite)).toBe(true);
    expect(tries.some((n) => n > 1)).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);

    for (const [index, message] of messages.entries()) {
      const truth = server.getReceiptTruth(message.ID)!;
      expect(truth.readCount).toBe(6);
      expect(new Set(truth.readUserIDList)).toEqual(new Set(readers));
      expect(alice.findMessage(message.ID)!.readReceiptInfo).toEqual({ readCount: 6, unreadCount: 0 });
      const seen = counts[index]!;
      expect([...seen].sort((a, b) => a - b)).toEqual(seen);
      expect(seen.at(-1)).toBe(6);
    }
  });
});

describe('R12: a failed open() is tried again by the next request', () => {
  type Outcome = 'fail' | 'throw' | 'hold' | 'ok';
  const unreachable = { code: ERROR_CODE.NETWORK_ERROR, message: 'network error: the server is unreachable' };

  /**
   * Alice's transport whose successive `open()` calls fail, throw, hang until `release` or connect, as `outcomes`
   * says (then connect). Until one connects, the mock refuses requests as not connected.
   */
  function flaky(outcomes: Outcome[]) {
    const server = teamServer(['alice', 'bob']);
    const inner = server.connect('alice');
    const held: Array<(error: unknown) => void> = [];
    let listener: TransportListener | undefined;
    const open = vi.fn((given: TransportListener): Promise<void> => {
      listener = given;
      switch (outcomes[open.mock.calls.length - 1] ?? 'ok') {
        case 'fail':
          return Promise.reject(new ReadByError(unreachable.code, unreachable.message));
        case 'throw':
          throw new Error('no socket');
        case 'hold':
          return new Promise((_, reject) => held.push(reject));
        case 'ok':
          return inner.open(given);
      }
    });
    const transport: Transport = {
      userID: inner.userID,
      clientID: inner.clientID,
      open,
      request: (method, params) => inner.request(method, params),
      close: () => inner.close(),
    };
    const chat = chatOn(transport);
    return {
      server,
      inner,
      chat,
      open,
      listener: () => listener!,
      release: (error: unknown) => held.shift()!(error),
    };
  }

  it('R12: the request that waited for the failed open rejects with its error; the next one opens and succeeds', async () => {
    const { chat, open } = flaky(['fail']);
    const first = await rejection(chat.getConversationList());
    expect(first.toJSON()).toEqual(unreachable);
    expect(open).toHaveBeenCalledTimes(1);
    await expect(chat.getConversationList()).resolves.toMatchObject({
      data: { conversationList: [{ conversationID: 'GROUPteam' }] },
    });
    expect(open).toHaveBeenCalledTimes(2);
    expect(chat.netState).toBe(TYPES.NET_STATE_CONNECTED);
    // Connected: later requests do not open again.
    await chat.getConversationList();
    expect(open).toHaveBeenCalledTimes(2);
  });

  it('R12: requests made together after a failed open share one new attempt, and fail together when it fails', async () => {
    const { chat, open } = flaky(['fail', 'fail']);
    await rejection(chat.getConversationList());
    const together = [chat.getConversationList(), chat.getConversationList(), chat.getConversationList()];
    const errors = await Promise.all(together.map(rejection));
    expect(errors.map((error) => error.toJSON())).toEqual([unreachable, unreachable, unreachable]);
    expect(open).toHaveBeenCalledTimes(2);
    const again = [chat.getConversationList(), chat.getConversationList()];
    await expect(Promise.all(again)).resolves.toHaveLength(2);
    expect(open).toHaveBeenCalledTimes(3);
  });

  it('R12: requests waiting for an attempt that fails do not each try again: one attempt per request at most', async () => {
    const { chat, open, release } = flaky(['hold']);
    const waiting = [chat.getConversationList(), load(chat, 'GROUPteam')];
    release(new ReadByError(unreachable.code, unreachable.message));
    const errors = await Promise.all(waiting.map(rejection));
    expect(errors.map((error) => error.toJSON())).toEqual([unreachable, unreachable]);
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('R12: an open() that throws rejects the waiting requests with NETWORK_ERROR, and the chat is still made', async () => {
    const { chat, open } = flaky(['throw']);
    const error = await rejection(chat.getConversationList());
    expect(error.toJSON()).toEqual({
      code: ERROR_CODE.NETWORK_ERROR,
      message: 'network error: no socket',
    });
    await expect(chat.getConversationList()).resolves.toMatchObject({ code: 0 });
    expect(open).toHaveBeenCalledTimes(2);
  });

  it('R12: a transport that reports connected by itself after a failed open is not opened again', async () => {
    const { chat, open, inner, listener } = flaky(['fail']);
    await rejection(chat.getConversationList());
    // The transport went on trying on its own and got through.
    await inner.open(listener());
    await expect(chat.getConversationList()).resolves.toMatchObject({ code: 0 });
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('R12: a destroyed chat does not open again', async () => {
    const { chat, open } = flaky(['fail']);
    await rejection(chat.getConversationList());
    chat.destroy();
    expect((await rejection(chat.getConversationList())).code).toBe(ERROR_CODE.CHAT_DESTROYED);
    expect(open).toHaveBeenCalledTimes(1);
  });
});

describe('destroy', () => {
  it('R12: makes every later asynchronous call reject with CHAT_DESTROYED, whatever its arguments', async () => {
    const server = teamServer(['alice', 'bob']);
    const alice = connect(server, 'alice');
    const bob = connect(server, 'bob');
    const message = await sendText(alice, 'team', 'x');
    const [received] = await load(bob, 'GROUPteam');
    const mine = await sendText(bob, 'team', 'x');
    bob.destroy();
    alice.destroy();
    const calls: Array<() => Promise<unknown>> = [
      () => alice.sendMessage(message),
      () => alice.getMessageList({ conversationID: 'GROUPteam' }),
      () => bob.sendMessageReadReceipt([received!]),
      // Even calls that would fail for their arguments, or need no request, report the destroyed chat first.
      () => bob.sendMessageReadReceipt([mine]),
      () => bob.getMessageList({ conversationID: 'bad' }),
      () => alice.getMessageReadReceiptList([message]),
      () => bob.getMessageReadReceiptList([received!]),
      () => alice.getGroupMessageReadMemberList({ message, filter: 0, cursor: '', count: 10 }),
      () => alice.setMessageRead({ conversationID: 'GROUPteam' }),
      () => alice.getConversationList(),
    ];
    for (const call of calls) {
      const error = await rejection(call());
      expect(error.code).toBe(ERROR_CODE.CHAT_DESTROYED);
      expect(error.code).toBe(2802);
    }
  });

  it('makes createTextMessage and createCustomMessage throw CHAT_DESTROYED', () => {
    const alice = connect(teamServer(), 'alice');
    alice.destroy();
    const options = { to: 'team', conversationType: TYPES.CONV_GROUP, payload: { text: 'x' } } as const;
    expect(() => alice.createTextMessage(options)).toThrow(expect.objectContaining({ code: 2802 }));
    expect(() =>
      alice.createCustomMessage({ to: 'team', conversationType: TYPES.CONV_GROUP, payload: { data: 'x' } }),
    ).toThrow(expect.objectContaining({ code: 2802 }));
  });

  it('rejects the requests in flight with CHAT_DESTROYED', async () => {
    vi.useFakeTimers();
    try {
      const alice = connect(teamServer(), 'alice', { latencyMs: 10 });
      const pending = rejection(alice.getConversationList());
      await vi.advanceTimersByTimeAsync(15);
      alice.destroy();
      expect((await pending).code).toBe(ERROR_CODE.CHAT_DESTROYED);
    } finally {
      vi.useRealTimers();
    }
  });

  it('closes the connection, stops every event and may be called twice', async () => {
    const server = teamServer(['alice', 'bob']);
    const transport = server.connect('alice');
    // What the chat reports through: a transport that went on reporting after close must not reach a handler.
    let listener: TransportListener | undefined;
    const open = transport.open.bind(transport);
    transport.open = (given) => {
      listener = given;
      return open(given);
    };
    const alice = chatOn(transport);
    const bob = connect(server, 'bob');
    const handler = vi.fn();
    for (const name of Object.values(EVENT)) alice.on(name, handler);
    await load(alice, 'GROUPteam');
    const mine = await sendText(alice, 'team', 'mine');
    handler.mockClear();
    alice.destroy();
    alice.destroy();
    expect(transport.state).toBe('disconnected');
    const draft = bob.createTextMessage({
      to: 'team',
      conversationType: TYPES.CONV_GROUP,
      payload: { text: 'anyone?' },
      needReadReceipt: true,
    });
    const { message: sent } = (await bob.sendMessage(draft)).data;
    const { flow: _flow, conversationID: _id, status: _status, readReceiptInfo: _info, ...wire } = sent;
    listener!.onPush({ type: 'message', message: wire });
    listener!.onPush({
      type: 'receipts',
      items: [{ groupID: 'team', messageID: mine.ID, readCount: 1, unreadCount: 0 }],
    });
    listener!.onStateChange('connected');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(handler).not.toHaveBeenCalled();
    await expect(transport.reconnect()).rejects.toMatchObject({ code: ERROR_CODE.NETWORK_ERROR });
  });
});

describe('isTransientError', () => {
  it('R12: is true for the failures worth retrying, NETWORK_ERROR and REQUEST_TIMEOUT, and false for refusals', () => {
    const codes = Object.values(ERROR_CODE);
    expect(codes.filter((code) => isTransientError(new ReadByError(code, 'x')))).toEqual([
      ERROR_CODE.NETWORK_ERROR,
      ERROR_CODE.REQUEST_TIMEOUT,
    ]);
    expect([null, undefined, 'NETWORK_ERROR', { code: '2800' }].map(isTransientError)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
