import { ERROR_CODE, EVENT } from 'readby';
import { describe, expect, it } from 'vitest';
import {
  allPages,
  connect,
  load,
  record,
  rejection,
  sendText,
  sendToPeer,
  settle,
  teamServer,
} from './helpers';

describe('R1: the recipients of a group message', () => {
  it('R1: are the members when the send succeeded, minus the sender', async () => {
    const server = teamServer(['alice', 'bob', 'carol', 'dave']);
    const alice = connect(server, 'alice');
    const message = await sendText(alice, 'team', 'hi');
    expect(message.readReceiptInfo).toEqual({ readCount: 0, unreadCount: 3 });
    expect(server.getReceiptTruth(message.ID)).toEqual({
      recipientCount: 3,
      readCount: 0,
      unreadCount: 3,
      readUserIDList: [],
    });
    expect((await allPages(alice, message, 1, 100)).users).toEqual(['bob', 'carol', 'dave']);
  });

  it('R1: leave out a member who joins after the send, whose receipt then counts for nothing', async () => {
    const server = teamServer(['alice', 'bob', 'carol']);
    const alice = connect(server, 'alice');
    const receipts = record(alice, EVENT.MESSAGE_READ_RECEIPT_RECEIVED);
    const message = await sendText(alice, 'team', 'before eve');
    server.addGroupMembers('team', ['eve']);
    const eve = connect(server, 'eve');
    await expect(eve.sendMessageReadReceipt(await load(eve, 'GROUPteam'))).resolves.toEqual({
      code: 0,
      data: {},
    });
    await settle();
    expect(receipts).toEqual([]);
    expect(server.getReceiptTruth(message.ID)).toMatchObject({
      recipientCount: 2,
      readCount: 0,
      unreadCount: 2,
    });
    expect((await allPages(alice, message, 1, 100)).users).toEqual(['bob', 'carol']);
    expect((await allPages(alice, message, 0, 100)).users).toEqual([]);
  });

  it('R1: keep a member who leaves after the send, still counted as not having read', async () => {
    const server = teamServer(['alice', 'bob', 'carol']);
    const alice = connect(server, 'alice');
    const bob = connect(server, 'bob');
    const message = await sendText(alice, 'team', 'before bob leaves');
    const loaded = await load(bob, 'GROUPteam');
    server.removeGroupMembers('team', ['bob']);
    // A departed member can no longer act in the group (R10), so bob stays unread.
    expect((await rejection(bob.sendMessageReadReceipt(loaded))).code).toBe(ERROR_CODE.PERMISSION_DENIED);
    const { data } = await alice.getMessageReadReceiptList([message]);
    expect(data.messageList[0]!.readReceiptInfo).toEqual({ readCount: 0, unreadCount: 2 });
    expect((await allPages(alice, message, 1, 100)).users).toEqual(['bob', 'carol']);
  });

  it('R1: keep a member who leaves and rejoins, once, and count their receipt', async () => {
    const server = teamServer(['alice', 'bob', 'carol']);
    const alice = connect(server, 'alice');
    const bob = connect(server, 'bob');
    const receipts = record(alice, EVENT.MESSAGE_READ_RECEIPT_RECEIVED);
    const message = await sendText(alice, 'team', 'before bob leaves');
    server.removeGroupMembers('team', ['bob']);
    server.addGroupMembers('team', ['bob']);
    expect((await allPages(alice, message, 1, 100)).users).toEqual(['bob', 'carol']);
    await bob.sendMessageReadReceipt(await load(bob, 'GROUPteam'));
    await settle();
    expect(receipts).toEqual([[{ groupID: 'team', messageID: message.ID, readCount: 1, unreadCount: 1 }]]);
    expect((await allPages(alice, message, 0, 100)).users).toEqual(['bob']);
    expect((await allPages(alice, message, 1, 100)).users).toEqual(['carol']);
  });

  it('R1: leave out a member who had left before the send, even after they rejoin', async () => {
    const server = teamServer(['alice', 'bob', 'carol']);
    const alice = connect(server, 'alice');
    server.removeGroupMembers('team', ['bob']);
    const message = await sendText(alice, 'team', 'bob is away');
    expect(message.readReceiptInfo).toEqual({ readCount: 0, unreadCount: 1 });
    server.addGroupMembers('team', ['bob']);
    const bob = connect(server, 'bob');
    await bob.sendMessageReadReceipt(await load(bob, 'GROUPteam'));
    expect(server.getReceiptTruth(message.ID)).toMatchObject({ recipientCount: 1, readCount: 0 });
    expect((await allPages(alice, message, 1, 100)).users).toEqual(['carol']);
  });

  it('R1: include the original sender when someone else sends', async () => {
    const server = teamServer(['alice', 'bob', 'carol']);
    const bob = connect(server, 'bob');
    const message = await sendText(bob, 'team', 'from bob');
    expect((await allPages(bob, message, 1, 100)).users).toEqual(['alice', 'carol']);
  });

  it('R1: is the peer alone for a one-to-one message', async () => {
    const server = teamServer(['alice', 'bob', 'carol'], undefined, { now: () => 1_700_000_300_000 });
    const alice = connect(server, 'alice');
    const bob = connect(server, 'bob');
    const carol = connect(server, 'carol');
    const message = await sendToPeer(alice, 'bob', 'just you');
    await settle();
    const forged = { ...bob.findMessage(message.ID)!, conversationID: 'C2Calice' };
    expect((await rejection(carol.sendMessageReadReceipt([forged]))).code).toBe(ERROR_CODE.PERMISSION_DENIED);
    expect(server.getStorageStats().receipts).toBe(0);
    await bob.sendMessageReadReceipt([bob.findMessage(message.ID)!]);
    await settle();
    expect(alice.findMessage(message.ID)!.readReceiptInfo).toEqual({
      isPeerRead: true,
      timestamp: 1_700_000_300,
    });
    expect(server.getStorageStats().receipts).toBe(1);
  });
});
