import { EVENT, type GroupReadReceiptInfo, type ReceiptItem } from 'readby';
import { describe, expect, it, vi } from 'vitest';
import { connect, createServer, load, record, sendText, sendToPeer, settle, teamServer } from './helpers';

const NOW_MS = 1_700_000_900_000;

describe('R5: MESSAGE_READ_RECEIPT_RECEIVED', () => {
  it('R5: tells the sender of a group message the absolute counts, as { name, data }', async () => {
    const server = teamServer(['alice', 'bob', 'carol']);
    const alice = connect(server, 'alice');
    const bob = connect(server, 'bob');
    const handler = vi.fn();
    alice.on(EVENT.MESSAGE_READ_RECEIPT_RECEIVED, handler);
    const message = await sendText(alice, 'team', 'x');
    await bob.sendMessageReadReceipt(await load(bob, 'GROUPteam'));
    await settle();
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler).toHaveBeenCalledWith({
      name: 'onMessageReadReceiptReceived',
      data: [{ groupID: 'team', messageID: message.ID, readCount: 1, unreadCount: 1 }],
    });
  });

  it('R5: tells the sender of a one-to-one message who read it and when', async () => {
    const server = createServer({ now: () => NOW_MS });
    const alice = connect(server, 'alice');
    const bob = connect(server, 'bob');
    const seen = record(alice, EVENT.MESSAGE_READ_RECEIPT_RECEIVED);
    const message = await sendToPeer(alice, 'bob', 'x');
    await bob.sendMessageReadReceipt(await load(bob, 'C2Calice'));
    await settle();
    expect(seen).toEqual([
      [{ userID: 'bob', messageID: message.ID, isPeerRead: true, timestamp: 1_700_000_900 }],
    ]);
  });

  it('R5: reaches every connected client of the sender, each once', async () => {
    const server = teamServer(['alice', 'bob', 'carol']);
    const phone = connect(server, 'alice');
    const laptop = connect(server, 'alice');
    const bob = connect(server, 'bob');
    await settle();
    const onPhone = vi.fn();
    const onLaptop = vi.fn();
    phone.on(EVENT.MESSAGE_READ_RECEIPT_RECEIVED, onPhone);
    laptop.on(EVENT.MESSAGE_READ_RECEIPT_RECEIVED, onLaptop);
    const synced = record(laptop, EVENT.MESSAGE_RECEIVED);
    const message = await sendText(phone, 'team', 'from the phone');
    await settle();
    // The laptop learns of the message from the server, as an outgoing one, so it can follow its receipts.
    expect(synced.flat().map((m) => [m.ID, m.flow])).toEqual([[message.ID, 'out']]);
    expect(laptop.findMessage(message.ID)).toMatchObject({ flow: 'out', status: 'success' });
    await bob.sendMessageReadReceipt(await load(bob, 'GROUPteam'));
    await settle();
    const event = {
      name: 'onMessageReadReceiptReceived',
      data: [{ groupID: 'team', messageID: message.ID, readCount: 1, unreadCount: 1 }],
    };
    expect(onPhone).toHaveBeenCalledTimes(1);
    expect(onPhone).toHaveBeenCalledWith(event);
    expect(onLaptop).toHaveBeenCalledTimes(1);
    expect(onLaptop).toHaveBeenCalledWith(event);
    expect(laptop.findMessage(message.ID)!.readReceiptInfo).toEqual({ readCount: 1, unreadCount: 1 });
  });

  it('R5: reaches a later client of the sender once it has loaded the message, and not before', async () => {
    const server = teamServer(['alice', 'bob', 'carol']);
    const phone = connect(server, 'alice');
    const bob = connect(server, 'bob');
    const carol = connect(server, 'carol');
    const message = await sendText(phone, 'team', 'x');
    const laptop = connect(server, 'alice');
    const onLaptop = vi.fn();
    laptop.on(EVENT.MESSAGE_READ_RECEIPT_RECEIVED, onLaptop);
    await settle();

    await bob.sendMessageReadReceipt(await load(bob, 'GROUPteam'));
    await settle();
    expect(onLaptop).not.toHaveBeenCalled();
    expect(laptop.findMessage(message.ID)).toBeNull();

    await load(laptop, 'GROUPteam');
    await carol.sendMessageReadReceipt(await load(carol, 'GROUPteam'));
    await settle();
    expect(onLaptop).toHaveBeenCalledTimes(1);
    expect(onLaptop.mock.calls[0]![0].data).toEqual([
      { groupID: 'team', messageID: message.ID, readCount: 2, unreadCount: 0 },
    ]);
  });

  it('R5: tells no one but the sender', async () => {
    const server = teamServer(['alice', 'bob', 'carol']);
    const alice = connect(server, 'alice');
    const bob = connect(server, 'bob');
    const carol = connect(server, 'carol');
    const onBob = vi.fn();
    const onCarol = vi.fn();
    bob.on(EVENT.MESSAGE_READ_RECEIPT_RECEIVED, onBob);
    carol.on(EVENT.MESSAGE_READ_RECEIPT_RECEIVED, onCarol);
    await sendText(alice, 'team', 'x');
    await bob.sendMessageReadReceipt(await load(bob, 'GROUPteam'));
    await carol.sendMessageReadReceipt(await load(carol, 'GROUPteam'));
    await settle();
    expect(onBob).not.toHaveBeenCalled();
    expect(onCarol).not.toHaveBeenCalled();
  });

  it('R5: findMessage already shows the new counts when the handler runs', async () => {
    const server = teamServer(['alice', 'bob', 'carol']);
    const alice = connect(server, 'alice');
    const bob = connect(server, 'bob');
    const views: GroupReadReceiptInfo[] = [];
    alice.on(EVENT.MESSAGE_READ_RECEIPT_RECEIVED, ({ data }) => {
      for (const item of data)
        views.push(alice.findMessage(item.messageID)!.readReceiptInfo as GroupReadReceiptInfo);
    });
    await sendText(alice, 'team', 'x');
    await bob.sendMessageReadReceipt(await load(bob, 'GROUPteam'));
    await settle();
    expect(views).toEqual([{ readCount: 1, unreadCount: 1 }]);
  });

  it('R5: one receipt call for several messages comes as one event with an item per message', async () => {
    const server = teamServer(['alice', 'bob', 'carol']);
    const alice = connect(server, 'alice');
    const bob = connect(server, 'bob');
    const seen = record(alice, EVENT.MESSAGE_READ_RECEIPT_RECEIVED);
    const first = await sendText(alice, 'team', 'one');
    const second = await sendText(alice, 'team', 'two');
    await bob.sendMessageReadReceipt(await load(bob, 'GROUPteam'));
    await settle();
    expect(seen).toEqual([
      [
        { groupID: 'team', messageID: first.ID, readCount: 1, unreadCount: 1 },
        { groupID: 'team', messageID: second.ID, readCount: 1, unreadCount: 1 },
      ],
    ]);
  });

  it('R5: receipts that arrive together may share an event whose item carries the latest counts', async () => {
    const server = teamServer(['alice', 'bob', 'carol', 'dave']);
    const alice = connect(server, 'alice');
    const seen = record(alice, EVENT.MESSAGE_READ_RECEIPT_RECEIVED);
    const message = await sendText(alice, 'team', 'x');
    for (const reader of ['bob', 'carol']) {
      server.request(reader, 'sendMessageReadReceipt', { messageIDs: [message.ID] });
    }
    await settle();
    const items = seen.flat();
    const last = items.filter((item: ReceiptItem) => item.messageID === message.ID).at(-1);
    expect(last).toEqual({ groupID: 'team', messageID: message.ID, readCount: 2, unreadCount: 1 });
    expect(seen).toHaveLength(1);
    expect(items).toHaveLength(1);
  });

  it('R5: gives no event for a message this client does not know', async () => {
    const server = teamServer(['alice', 'bob']);
    const alice = connect(server, 'alice');
    const message = await sendText(alice, 'team', 'x');
    alice.destroy();
    const fresh = connect(server, 'alice');
    const handler = vi.fn();
    fresh.on(EVENT.MESSAGE_READ_RECEIPT_RECEIVED, handler);
    await settle();
    server.request('bob', 'sendMessageReadReceipt', { messageIDs: [message.ID] });
    await settle();
    expect(handler).not.toHaveBeenCalled();
    expect(fresh.findMessage(message.ID)).toBeNull();
  });
});
