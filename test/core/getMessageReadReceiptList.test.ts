import ReadBy, { ERROR_CODE, EVENT, type Message } from 'readby';
import { describe, expect, it, vi } from 'vitest';
import {
  connect,
  createServer,
  draftText,
  load,
  rejection,
  sendText,
  sendToPeer,
  settle,
  teamServer,
  track,
  untyped,
} from './helpers';

const NOW_MS = 1_700_001_000_000;

describe('getMessageReadReceiptList', () => {
  it('R6: returns the list in the same order, with fresh counts on my messages and the others untouched', async () => {
    const server = teamServer(['alice', 'bob', 'carol']);
    const alice = connect(server, 'alice');
    const bob = connect(server, 'bob');
    await sendText(alice, 'team', 'one');
    await sendText(bob, 'team', 'from bob');
    await sendText(alice, 'team', 'no receipt', { needReadReceipt: false });
    await sendText(alice, 'team', 'two');
    server.request('bob', 'sendMessageReadReceipt', { messageIDs: [(await load(bob, 'GROUPteam'))[0]!.ID] });

    // A second client of alice's that only loaded the page: it has no counts yet.
    const laptop = connect(server, 'alice');
    const page = await load(laptop, 'GROUPteam');
    expect(page.map((m) => m.readReceiptInfo)).toEqual(
      Array(4).fill({ readCount: undefined, unreadCount: undefined }),
    );
    const response = await laptop.getMessageReadReceiptList(page);
    expect(response.code).toBe(0);
    const list = response.data.messageList;
    expect(list.map((m) => m.ID)).toEqual(page.map((m) => m.ID));
    expect(list[0]!.readReceiptInfo).toEqual({ readCount: 1, unreadCount: 1 });
    expect(list[1]).toBe(page[1]);
    expect(list[2]).toBe(page[2]);
    expect(list[3]!.readReceiptInfo).toEqual({ readCount: 0, unreadCount: 2 });
    expect(laptop.findMessage(page[0]!.ID)).toBe(list[0]);

    // The others come back as they were given, even as plain copies: only my messages with receipts are replaced.
    const copies = JSON.parse(JSON.stringify(page)) as Message[];
    const again = (await laptop.getMessageReadReceiptList(copies)).data.messageList;
    expect(again[0]).toBe(laptop.findMessage(page[0]!.ID));
    expect(again[1]).toBe(copies[1]);
    expect(again[2]).toBe(copies[2]);
    expect(again[3]).toBe(laptop.findMessage(page[3]!.ID));
  });

  it('R6: emits no event', async () => {
    const server = teamServer(['alice', 'bob']);
    const alice = connect(server, 'alice');
    const message = await sendText(alice, 'team', 'x');
    server.request('bob', 'sendMessageReadReceipt', { messageIDs: [message.ID] });
    const laptop = connect(server, 'alice');
    await settle();
    const handler = vi.fn();
    laptop.on(EVENT.MESSAGE_READ_RECEIPT_RECEIVED, handler);
    laptop.on(EVENT.MESSAGE_READ_BY_PEER, handler);
    laptop.on(EVENT.MESSAGE_RECEIVED, handler);
    const page = await load(laptop, 'GROUPteam');
    await laptop.getMessageReadReceiptList(page);
    await settle();
    expect(handler).not.toHaveBeenCalled();
    expect(laptop.findMessage(message.ID)!.readReceiptInfo).toEqual({ readCount: 1, unreadCount: 0 });
  });

  it('R6: accepts a stale snapshot and answers with the latest one', async () => {
    const server = teamServer(['alice', 'bob']);
    const alice = connect(server, 'alice');
    const draft = draftText(alice, 'team', 'x');
    await alice.sendMessage(draft);
    server.request('bob', 'sendMessageReadReceipt', { messageIDs: [draft.ID] });
    const { data } = await alice.getMessageReadReceiptList([draft]);
    expect(data.messageList[0]).toMatchObject({
      status: 'success',
      readReceiptInfo: { readCount: 1, unreadCount: 0 },
    });
  });

  it('R6: gives one-to-one messages the peer’s receipt and read mark', async () => {
    const server = createServer({ now: () => NOW_MS });
    const alice = connect(server, 'alice');
    const bob = connect(server, 'bob');
    const first = await sendToPeer(alice, 'bob', 'one');
    const second = await sendToPeer(alice, 'bob', 'two');
    server.request('bob', 'sendMessageReadReceipt', { messageIDs: [first.ID] });
    await bob.setMessageRead({ conversationID: 'C2Calice' });
    const later = await sendToPeer(alice, 'bob', 'three');

    const laptop = connect(server, 'alice');
    const { data } = await laptop.getMessageReadReceiptList(await load(laptop, 'C2Cbob'));
    expect(data.messageList.map((m) => [m.ID, m.readReceiptInfo, m.isPeerRead])).toEqual([
      [first.ID, { isPeerRead: true, timestamp: 1_700_001_000 }, true],
      [second.ID, { isPeerRead: false, timestamp: 0 }, true],
      [later.ID, { isPeerRead: false, timestamp: 0 }, false],
    ]);
  });

  it('R6: returns a list without messages of mine as it was, without asking the server', async () => {
    const server = teamServer(['alice', 'bob']);
    const alice = connect(server, 'alice');
    const transport = server.connect('bob');
    const bob = track(ReadBy.create({ transport }));
    await sendText(alice, 'team', 'x');
    await sendText(alice, 'team', 'y', { needReadReceipt: false });
    const page = await load(bob, 'GROUPteam');
    const requests = vi.spyOn(transport, 'request');
    const { data } = await bob.getMessageReadReceiptList(page);
    expect(data.messageList).toEqual(page);
    expect(data.messageList[0]).toBe(page[0]);
    expect(data.messageList[1]).toBe(page[1]);
    // Plain copies, as after a JSON round trip, come back as the very objects given.
    const copies = JSON.parse(JSON.stringify(page)) as Message[];
    const again = (await bob.getMessageReadReceiptList(copies)).data.messageList;
    expect(again).toHaveLength(2);
    expect(again[0]).toBe(copies[0]);
    expect(again[1]).toBe(copies[1]);
    expect(requests).not.toHaveBeenCalled();
  });

  it('R6: rejects an empty list, a non-array and non-message items with INVALID_PARAMETER', async () => {
    const server = teamServer();
    const alice = connect(server, 'alice');
    const sent = await sendText(alice, 'team', 'x');
    for (const [value, text] of [
      [[], 'messageList: expected a non-empty array of messages'],
      [sent, 'messageList: expected a non-empty array of messages'],
      [[sent, null], 'messageList[1]: expected a message (an object with ID and conversationID)'],
    ] as const) {
      const error = await rejection(alice.getMessageReadReceiptList(untyped<Message[]>(value)));
      expect(error.code).toBe(ERROR_CODE.INVALID_PARAMETER);
      expect(error.message).toBe(text);
    }
  });

  it('R6: rejects messages of different conversations with INVALID_PARAMETER', async () => {
    const server = teamServer();
    const alice = connect(server, 'alice');
    const group = await sendText(alice, 'team', 'x');
    const peer = await sendToPeer(alice, 'bob', 'y');
    const error = await rejection(alice.getMessageReadReceiptList([group, peer]));
    expect(error.code).toBe(ERROR_CODE.INVALID_PARAMETER);
    expect(error.message).toMatch(/^messageList: expected messages of one conversation/);
  });

  it('R6: takes up to 100 messages a call, the batch size of the badges, and names the limit above it', async () => {
    const server = teamServer(['alice', 'bob']);
    const alice = connect(server, 'alice');
    const one = await sendText(alice, 'team', 'x');
    const hundred = Array<Message>(100).fill(one);
    await expect(alice.getMessageReadReceiptList(hundred)).resolves.toMatchObject({ code: 0 });
    const error = await rejection(alice.getMessageReadReceiptList([...hundred, one]));
    expect(error.code).toBe(ERROR_CODE.INVALID_PARAMETER);
    expect(error.message).toBe('messageList: expected at most 100 messages, got 101');
  });
});
