import { ERROR_CODE, EVENT, type Message } from 'readby';
import { describe, expect, it, vi } from 'vitest';
import {
  connect,
  createServer,
  load,
  record,
  rejection,
  sendText,
  sendToPeer,
  settle,
  teamServer,
  unreadCounts,
  untyped,
} from './helpers';

const NOW_MS = 1_700_000_500_000;

/** Alice posts `count` messages with receipts to `team`; Bob has loaded them. */
async function posted(count = 1, members = ['alice', 'bob', 'carol']) {
  const server = teamServer(members, undefined, { now: () => NOW_MS });
  const alice = connect(server, 'alice');
  const bob = connect(server, 'bob');
  const sent: Message[] = [];
  for (let i = 0; i < count; i++) sent.push(await sendText(alice, 'team', `m${i + 1}`));
  const loaded: Message[] = [];
  let nextReqMessageID = '';
  do {
    const { data } = await bob.getMessageList({ conversationID: 'GROUPteam', nextReqMessageID });
    loaded.unshift(...data.messageList);
    nextReqMessageID = data.isCompleted ? '' : data.nextReqMessageID;
  } while (nextReqMessageID !== '');
  return { server, alice, bob, sent, loaded };
}

describe('sendMessageReadReceipt', () => {
  it('R3: resolves { code: 0, data: {} } and stores the receipt', async () => {
    const { server, bob, sent, loaded } = await posted();
    await expect(bob.sendMessageReadReceipt(loaded)).resolves.toEqual({ code: 0, data: {} });
    expect(server.getReceiptTruth(sent[0]!.ID)).toMatchObject({ readCount: 1, readUserIDList: ['bob'] });
  });

  it('R3: rejects an empty list with INVALID_PARAMETER', async () => {
    const { bob } = await posted();
    const error = await rejection(bob.sendMessageReadReceipt([]));
    expect(error.code).toBe(ERROR_CODE.INVALID_PARAMETER);
    expect(error.message).toBe('messageList: expected a non-empty array of messages');
  });

  it('R3: rejects something other than an array, such as a single message', async () => {
    const { bob, loaded } = await posted();
    for (const value of [loaded[0], undefined, 'list']) {
      const error = await rejection(bob.sendMessageReadReceipt(untyped<Message[]>(value)));
      expect(error.code).toBe(ERROR_CODE.INVALID_PARAMETER);
      expect(error.message).toMatch(/^messageList: /);
    }
  });

  it('R3: rejects 31 messages with INVALID_PARAMETER naming the limit, and accepts 30', async () => {
    const { server, bob, loaded } = await posted(31);
    expect(loaded).toHaveLength(31);
    const error = await rejection(bob.sendMessageReadReceipt(loaded));
    expect(error.code).toBe(ERROR_CODE.INVALID_PARAMETER);
    expect(error.message).toBe('messageList: expected at most 30 messages, got 31');
    expect(server.getStorageStats().receipts).toBe(0);
    await expect(bob.sendMessageReadReceipt(loaded.slice(1))).resolves.toEqual({ code: 0, data: {} });
    expect(server.getStorageStats().receipts).toBe(30);
  });

  it('R3: rejects messages of different conversations with INVALID_PARAMETER, storing nothing', async () => {
    const { server, alice, bob, loaded } = await posted();
    await sendToPeer(alice, 'bob', 'dm');
    const [peer] = await load(bob, 'C2Calice');
    const error = await rejection(bob.sendMessageReadReceipt([loaded[0]!, peer!]));
    expect(error.code).toBe(ERROR_CODE.INVALID_PARAMETER);
    expect(error.message).toBe(
      'messageList: expected messages of one conversation, but messageList[1] is in C2Calice, not GROUPteam',
    );
    expect(server.getStorageStats().receipts).toBe(0);
  });

  it('R3: rejects items that are not messages, naming the item', async () => {
    const { bob, loaded } = await posted();
    for (const item of [null, 'ID', 42, {}, { ID: 'x' }]) {
      const error = await rejection(bob.sendMessageReadReceipt(untyped<Message[]>([loaded[0], item])));
      expect(error.code).toBe(ERROR_CODE.INVALID_PARAMETER);
      expect(error.message).toMatch(/^messageList\[1\]: expected a message/);
    }
  });

  it('R3: rejects with 2114 when every message is my own', async () => {
    const { alice, sent } = await posted(2);
    const error = await rejection(alice.sendMessageReadReceipt(sent));
    expect(error.code).toBe(ERROR_CODE.READ_RECEIPT_MSG_LIST_EMPTY);
    expect(error.code).toBe(2114);
  });

  it('R3: rejects with 2114 when no message asked for a receipt', async () => {
    const server = teamServer(['alice', 'bob']);
    const alice = connect(server, 'alice');
    const bob = connect(server, 'bob');
    await sendText(alice, 'team', 'fyi', { needReadReceipt: false });
    await sendText(bob, 'team', 'mine');
    const error = await rejection(bob.sendMessageReadReceipt(await load(bob, 'GROUPteam')));
    expect(error.code).toBe(ERROR_CODE.READ_RECEIPT_MSG_LIST_EMPTY);
  });

  it('R3: drops own messages and messages without receipts, and stores the rest', async () => {
    const server = teamServer(['alice', 'bob', 'carol']);
    const alice = connect(server, 'alice');
    const bob = connect(server, 'bob');
    const wanted = await sendText(alice, 'team', 'wanted');
    const plain = await sendText(alice, 'team', 'plain', { needReadReceipt: false });
    const own = await sendText(bob, 'team', 'own');
    await expect(bob.sendMessageReadReceipt(await load(bob, 'GROUPteam'))).resolves.toEqual({
      code: 0,
      data: {},
    });
    expect(server.getReceiptTruth(wanted.ID)).toMatchObject({ readCount: 1, readUserIDList: ['bob'] });
    expect(server.getReceiptTruth(plain.ID)).toBeNull();
    expect(server.getReceiptTruth(own.ID)).toMatchObject({ readCount: 0 });
    expect(server.getStorageStats().receipts).toBe(1);
  });

  it('R3: rejects a non-member with PERMISSION_DENIED', async () => {
    const { server, loaded } = await posted();
    const outsider = connect(server, 'mallory');
    const copies = JSON.parse(JSON.stringify(loaded)) as Message[];
    const error = await rejection(outsider.sendMessageReadReceipt(copies));
    expect(error.code).toBe(ERROR_CODE.PERMISSION_DENIED);
    expect(server.getStorageStats().receipts).toBe(0);
  });

  it('R3: rejects a third party to a one-to-one message with PERMISSION_DENIED', async () => {
    const server = createServer();
    const alice = connect(server, 'alice');
    const bob = connect(server, 'bob');
    const carol = connect(server, 'carol');
    await sendToPeer(alice, 'bob', 'for bob only');
    const [message] = await load(bob, 'C2Calice');
    const error = await rejection(carol.sendMessageReadReceipt([message!]));
    expect(error.code).toBe(ERROR_CODE.PERMISSION_DENIED);
    expect(server.getStorageStats().receipts).toBe(0);
  });

  it('R3: rejects a message the server does not know with 10062', async () => {
    const { bob, loaded } = await posted();
    const ghost = { ...loaded[0]!, ID: 'ghost' };
    const error = await rejection(bob.sendMessageReadReceipt([ghost]));
    expect(error.code).toBe(ERROR_CODE.READ_RECEIPT_NOT_FOUND);
    expect(error.code).toBe(10062);
  });

  it('R3: is atomic: one unknown message in the list stores nothing and tells no one', async () => {
    const { server, alice, bob, sent, loaded } = await posted(3);
    const handler = vi.fn();
    alice.on(EVENT.MESSAGE_READ_RECEIPT_RECEIVED, handler);
    const ghost = { ...loaded[1]!, ID: 'ghost' };
    const error = await rejection(bob.sendMessageReadReceipt([loaded[0]!, ghost, loaded[2]!]));
    expect(error.code).toBe(ERROR_CODE.READ_RECEIPT_NOT_FOUND);
    await settle();
    expect(handler).not.toHaveBeenCalled();
    for (const message of sent) expect(server.getReceiptTruth(message.ID)!.readCount).toBe(0);
    expect(server.getStorageStats()).toMatchObject({ receipts: 0 });
  });

  it('R3: is idempotent: a second receipt changes nothing and causes no event', async () => {
    const { server, alice, bob, sent, loaded } = await posted(2);
    const handler = vi.fn();
    alice.on(EVENT.MESSAGE_READ_RECEIPT_RECEIVED, handler);
    await bob.sendMessageReadReceipt(loaded);
    await settle();
    expect(handler).toHaveBeenCalledTimes(1);
    const before = sent.map((message) => alice.findMessage(message.ID));
    // A second device of alice's that has loaded the messages without their counts: any push about them, even a
    // repeat of what alice's first device knows, would be news to it.
    const laptop = connect(server, 'alice');
    await load(laptop, 'GROUPteam');
    const onLaptop = record(laptop, EVENT.MESSAGE_READ_RECEIPT_RECEIVED);
    await expect(bob.sendMessageReadReceipt(loaded)).resolves.toEqual({ code: 0, data: {} });
    await expect(bob.sendMessageReadReceipt([loaded[1]!])).resolves.toEqual({ code: 0, data: {} });
    await settle();
    expect(handler).toHaveBeenCalledTimes(1);
    expect(onLaptop).toEqual([]);
    expect(sent.map((message) => alice.findMessage(message.ID))).toEqual(before);
    expect(sent.map((message) => laptop.findMessage(message.ID)!.readReceiptInfo)).toEqual([
      { readCount: undefined, unreadCount: undefined },
      { readCount: undefined, unreadCount: undefined },
    ]);
    expect(server.getStorageStats().receipts).toBe(2);
  });

  it('R3: counts a message listed twice in one call once', async () => {
    const { server, bob, sent, loaded } = await posted();
    await bob.sendMessageReadReceipt([loaded[0]!, loaded[0]!]);
    expect(server.getReceiptTruth(sent[0]!.ID)!.readCount).toBe(1);
  });

  it('R3: accepts plain copies of messages, as after a JSON round trip', async () => {
    const { server, bob, sent, loaded } = await posted();
    await bob.sendMessageReadReceipt(JSON.parse(JSON.stringify(loaded)) as Message[]);
    expect(server.getReceiptTruth(sent[0]!.ID)!.readCount).toBe(1);
  });

  it('R3: tells the sender of a one-to-one message the time of the receipt', async () => {
    const server = createServer({ now: () => NOW_MS });
    const alice = connect(server, 'alice');
    const bob = connect(server, 'bob');
    const message = await sendToPeer(alice, 'bob', 'hi');
    await bob.sendMessageReadReceipt(await load(bob, 'C2Calice'));
    await settle();
    expect(alice.findMessage(message.ID)!.readReceiptInfo).toEqual({
      isPeerRead: true,
      timestamp: 1_700_000_500,
    });
  });
});

describe('R4: unread counts are separate from receipts', () => {
  it('R4: a receipt leaves every unread count as it was, for reader and sender', async () => {
    const server = teamServer(['alice', 'bob']);
    const alice = connect(server, 'alice');
    const bob = connect(server, 'bob');
    await sendText(alice, 'team', 'one');
    await sendText(alice, 'team', 'two');
    await sendToPeer(alice, 'bob', 'dm');
    await sendText(bob, 'team', 'from bob');
    expect(await unreadCounts(bob)).toEqual({ GROUPteam: 2, C2Calice: 1 });
    expect(await unreadCounts(alice)).toEqual({ GROUPteam: 1, C2Cbob: 0 });

    await bob.sendMessageReadReceipt(await load(bob, 'GROUPteam'));
    await bob.sendMessageReadReceipt(await load(bob, 'C2Calice'));
    await settle();
    expect(await unreadCounts(bob)).toEqual({ GROUPteam: 2, C2Calice: 1 });
    expect(await unreadCounts(alice)).toEqual({ GROUPteam: 1, C2Cbob: 0 });
  });

  it('R4: setMessageRead clears my unread count of that conversation only', async () => {
    const server = teamServer(['alice', 'bob']);
    const alice = connect(server, 'alice');
    const bob = connect(server, 'bob');
    await sendText(alice, 'team', 'one');
    await sendToPeer(alice, 'bob', 'dm');
    await expect(bob.setMessageRead({ conversationID: 'GROUPteam' })).resolves.toEqual({ code: 0, data: {} });
    expect(await unreadCounts(bob)).toEqual({ GROUPteam: 0, C2Calice: 1 });
    await bob.setMessageRead({ conversationID: 'C2Calice' });
    expect(await unreadCounts(bob)).toEqual({ GROUPteam: 0, C2Calice: 0 });
    await sendText(alice, 'team', 'new');
    expect(await unreadCounts(bob)).toEqual({ GROUPteam: 1, C2Calice: 0 });
  });

  it('R4: setMessageRead sends no receipt', async () => {
    const server = teamServer(['alice', 'bob']);
    const alice = connect(server, 'alice');
    const bob = connect(server, 'bob');
    const handler = vi.fn();
    alice.on(EVENT.MESSAGE_READ_RECEIPT_RECEIVED, handler);
    const message = await sendText(alice, 'team', 'one');
    await bob.setMessageRead({ conversationID: 'GROUPteam' });
    await settle();
    expect(server.getReceiptTruth(message.ID)!.readCount).toBe(0);
    expect(handler).not.toHaveBeenCalled();
  });

  it('R4: setMessageRead on an already read conversation changes nothing', async () => {
    const server = teamServer(['alice', 'bob']);
    const alice = connect(server, 'alice');
    const bob = connect(server, 'bob');
    await sendToPeer(bob, 'alice', 'dm');
    const byPeer = record(bob, EVENT.MESSAGE_READ_BY_PEER);
    await alice.setMessageRead({ conversationID: 'C2Cbob' });
    await alice.setMessageRead({ conversationID: 'C2Cbob' });
    await settle();
    expect(byPeer).toHaveLength(1);
    expect(await unreadCounts(alice)).toEqual({ GROUPteam: 0, C2Cbob: 0 });
  });
});
