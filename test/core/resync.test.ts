import ReadBy, {
  ERROR_CODE,
  EVENT,
  getReceiptStore,
  type Message,
  type Requests,
  type ServerPush,
  type Transport,
  type TransportListener,
} from 'readby';
import type { MockServer, MockTransport } from 'readby/mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { record, sendText, sendToPeer, settle, teamServer, track } from './helpers';

/**
 * The message IDs of every receipt pull a transport carries from now on, one list a request; `refusals` gets
 * the error code of each pull the server refuses.
 */
function pulls(transport: MockTransport, refusals: number[] = []): string[][] {
  const seen: string[][] = [];
  const request = transport.request.bind(transport);
  vi.spyOn(transport, 'request').mockImplementation((method, params) => {
    const answer = request(method, params);
    if (method === 'getMessageReadReceiptList') {
      seen.push([...(params as Requests['getMessageReadReceiptList']['params']).messageIDs]);
      answer.catch((error: { code: number }) => refusals.push(error.code));
    }
    return answer;
  });
  return seen;
}

/** A chat whose pushes wait in `held` until the test hands them over with `deliver`, in any order or not at all. */
function handDelivered(server: MockServer, userID: string) {
  const inner = server.connect(userID);
  const held: ServerPush[] = [];
  let listener: TransportListener | null = null;
  const transport: Transport = {
    userID: inner.userID,
    clientID: inner.clientID,
    open: (given) => {
      listener = given;
      return inner.open({ onPush: (push) => held.push(push), onStateChange: (s) => given.onStateChange(s) });
    },
    request: (method, params) => inner.request(method, params),
    close: () => inner.close(),
  };
  const chat = track(ReadBy.create({ transport }));
  return { chat, inner, held, deliver: (push: ServerPush) => listener!.onPush(push) };
}

async function reconnect(transport: MockTransport): Promise<void> {
  transport.disconnect();
  await transport.reconnect();
  await settle();
}

describe('resync after lost pushes (R12, R5, R6)', () => {
  it('R12: after a reconnect, pulls only my messages whose receipts can still change', async () => {
    const server = teamServer(['alice', 'bob', 'carol']);
    const transport = server.connect('alice');
    const alice = track(ReadBy.create({ transport }));
    const allRead = await sendText(alice, 'team', 'read by all');
    const unread = await sendText(alice, 'team', 'read by nobody yet');
    await sendText(alice, 'team', 'no receipts', { needReadReceipt: false });
    const peerRead = await sendToPeer(alice, 'bob', 'read and marked read');
    server.postMessage({
      from: 'bob',
      to: 'team',
      conversationType: 'GROUP',
      text: 'not mine',
      needReadReceipt: true,
    });
    for (const reader of ['bob', 'carol']) {
      server.request(reader, 'sendMessageReadReceipt', { messageIDs: [allRead.ID] });
    }
    server.request('bob', 'sendMessageReadReceipt', { messageIDs: [peerRead.ID] });
    server.request('bob', 'setMessageRead', { conversationID: 'C2Calice' });
    const peerUnread = await sendToPeer(alice, 'bob', 'sent after the read mark');
    // Read, but not marked read: the mark can still come.
    server.request('bob', 'sendMessageReadReceipt', { messageIDs: [peerUnread.ID] });
    await settle();
    expect(alice.findMessage(allRead.ID)!.readReceiptInfo).toEqual({ readCount: 2, unreadCount: 0 });
    expect(alice.findMessage(peerRead.ID)).toMatchObject({
      readReceiptInfo: { isPeerRead: true },
      isPeerRead: true,
    });
    expect(alice.findMessage(peerUnread.ID)).toMatchObject({
      readReceiptInfo: { isPeerRead: true },
      isPeerRead: false,
    });

    const pulled = pulls(transport);
    await reconnect(transport);
    expect(pulled).toEqual([[unread.ID], [peerUnread.ID]]);
  });

  it('R12: pulls the 200 messages of latest activity, a message given a new reader counting as recent', async () => {
    const server = teamServer(['alice', 'bob', 'carol']);
    const transport = server.connect('alice');
    const alice = track(ReadBy.create({ transport }));
    const sent: Message[] = [];
    for (let index = 0; index < 250; index++) sent.push(await sendText(alice, 'team', `${index}`));
    server.request('bob', 'sendMessageReadReceipt', { messageIDs: [sent[0]!.ID] });
    await settle();

    const pulled = pulls(transport);
    await reconnect(transport);
    expect(pulled.map((ids) => ids.length)).toEqual([100, 100]);
    expect(pulled.flat()).toEqual([...sent.slice(51), sent[0]!].map((m) => m.ID));
  });

  describe('with fake timers', () => {
    beforeEach(() => {
      vi.useFakeTimers();
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    it('R12, R10: a pull refused while I am outside the group is made again once I am back', async () => {
      const server = teamServer(['alice', 'bob', 'carol']);
      const transport = server.connect('alice', { heartbeatMs: 1_000 });
      const alice = track(ReadBy.create({ transport }));
      await vi.advanceTimersByTimeAsync(0);
      const message = await sendText(alice, 'team', 'x');
      const seen = record(alice, EVENT.MESSAGE_READ_RECEIPT_RECEIVED);
      const refusals: number[] = [];
      const pulled = pulls(transport, refusals);

      server.removeGroupMembers('team', ['alice']);
      transport.disconnect();
      server.request('bob', 'sendMessageReadReceipt', { messageIDs: [message.ID] });
      await transport.reconnect();
      await vi.advanceTimersByTimeAsync(2_500);
      // Refused on the reconnect and at each heartbeat since; the view still has no news.
      expect(refusals).toEqual([
        ERROR_CODE.PERMISSION_DENIED,
        ERROR_CODE.PERMISSION_DENIED,
        ERROR_CODE.PERMISSION_DENIED,
      ]);
      expect(alice.findMessage(message.ID)!.readReceiptInfo).toEqual({ readCount: 0, unreadCount: 2 });

      server.addGroupMembers('team', ['alice']);
      await vi.advanceTimersByTimeAsync(1_000);
      expect(pulled).toHaveLength(4);
      expect(alice.findMessage(message.ID)!.readReceiptInfo).toEqual({ readCount: 1, unreadCount: 1 });
      expect(seen).toEqual([[{ groupID: 'team', messageID: message.ID, readCount: 1, unreadCount: 1 }]]);
      // Made up for: later heartbeats pull nothing.
      await vi.advanceTimersByTimeAsync(5_000);
      expect(pulled).toHaveLength(4);
    });

    it('R12: pushes that overtake each other are not taken for lost, so nothing is pulled', async () => {
      const server = teamServer(['alice', 'bob', 'carol']);
      const { chat: alice, inner, held, deliver } = handDelivered(server, 'alice');
      await vi.advanceTimersByTimeAsync(0);
      const message = await sendText(alice, 'team', 'x');
      const pulled = pulls(inner);
      const seen = record(alice, EVENT.MESSAGE_READ_RECEIPT_RECEIVED);
      server.request('bob', 'sendMessageReadReceipt', { messageIDs: [message.ID] });
      server.request('carol', 'sendMessageReadReceipt', { messageIDs: [message.ID] });
      await vi.advanceTimersByTimeAsync(0);
      expect(held.map((push) => push.seq)).toEqual([1, 2]);

      deliver(held[1]!);
      await vi.advanceTimersByTimeAsync(100);
      deliver(held[0]!);
      await vi.advanceTimersByTimeAsync(5_000);
      expect(pulled).toEqual([]);
      expect(seen).toEqual([[{ groupID: 'team', messageID: message.ID, readCount: 2, unreadCount: 0 }]]);
    });

    it('R12, R5: a push still missing after the grace period is made up for by one pull, and announced', async () => {
      const server = teamServer(['alice', 'bob', 'carol', 'dave']);
      const { chat: alice, inner, held, deliver } = handDelivered(server, 'alice');
      await vi.advanceTimersByTimeAsync(0);
      const messages = [await sendText(alice, 'team', 'a'), await sendText(alice, 'team', 'b')];
      const pulled = pulls(inner);
      const seen = record(alice, EVENT.MESSAGE_READ_RECEIPT_RECEIVED);
      server.request('bob', 'sendMessageReadReceipt', { messageIDs: [messages[0]!.ID] });
      server.request('bob', 'sendMessageReadReceipt', { messageIDs: [messages[1]!.ID] });
      server.request('carol', 'sendMessageReadReceipt', { messageIDs: [messages[0]!.ID] });
      await vi.advanceTimersByTimeAsync(0);
      deliver(held[0]!);
      deliver(held[2]!); // the second push, about message b, is lost

      await vi.advanceTimersByTimeAsync(499);
      expect(pulled).toEqual([]);
      await vi.advanceTimersByTimeAsync(501);
      // Message a had the latest activity (its receipt push), so it comes last.
      expect(pulled).toEqual([[messages[1]!.ID, messages[0]!.ID]]);
      expect(seen).toEqual([
        [{ groupID: 'team', messageID: messages[0]!.ID, readCount: 2, unreadCount: 1 }],
        [{ groupID: 'team', messageID: messages[1]!.ID, readCount: 1, unreadCount: 2 }],
      ]);
    });

    it('R12: a heartbeat reveals a lost last push', async () => {
      const server = teamServer(['alice', 'bob', 'carol']);
      const { chat: alice, inner, held, deliver } = handDelivered(server, 'alice');
      await vi.advanceTimersByTimeAsync(0);
      const message = await sendText(alice, 'team', 'x');
      const pulled = pulls(inner);
      server.request('bob', 'sendMessageReadReceipt', { messageIDs: [message.ID] });
      await vi.advanceTimersByTimeAsync(0);
      expect(held).toHaveLength(1); // lost: never delivered

      deliver({ type: 'sync', seq: 1 });
      await vi.advanceTimersByTimeAsync(1_000);
      expect(pulled).toEqual([[message.ID]]);
      expect(alice.findMessage(message.ID)!.readReceiptInfo).toEqual({ readCount: 1, unreadCount: 1 });
    });

    it('R5/R6: readers a caller pulled for itself are announced when the resync finds the push lost', async () => {
      const server = teamServer(['alice', 'bob', 'carol']);
      const { chat: alice, held, deliver } = handDelivered(server, 'alice');
      await vi.advanceTimersByTimeAsync(0);
      const message = await sendText(alice, 'team', 'x');
      const store = getReceiptStore(alice);
      store.track(message);
      store.subscribe(message.ID, () => {});
      const announced = record(alice, EVENT.MESSAGE_READ_RECEIPT_RECEIVED);
      server.request('bob', 'sendMessageReadReceipt', { messageIDs: [message.ID] });
      await vi.advanceTimersByTimeAsync(0);
      expect(held).toHaveLength(1); // lost: never delivered
      // The app pulls on its own: it learns bob's receipt, and R6 announces nothing.
      await alice.getMessageReadReceiptList([message]);
      expect(announced).toEqual([]);

      deliver({ type: 'sync', seq: 1 });
      await vi.advanceTimersByTimeAsync(1_000);
      expect(announced).toEqual([[{ groupID: 'team', messageID: message.ID, readCount: 1, unreadCount: 1 }]]);
      // The store publishes what it heard on its own schedule (a timer, here).
      await vi.advanceTimersByTimeAsync(16);
      expect(store.get(message.ID)).toMatchObject({ status: 'partial', readCount: 1, unreadCount: 1 });
    });
  });
});
