import { ERROR_CODE, EVENT, type Message } from 'readby';
import { describe, expect, it } from 'vitest';
import {
  connect,
  load,
  record,
  rejection,
  sendText,
  sendToPeer,
  settle,
  teamServer,
  untyped,
} from './helpers';

/** What a message becomes after a trip through JSON: a server render, storage, another process. */
function jsonCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

describe('messages this client did not load itself (R5, R6)', () => {
  it('R6: a message sent from another device comes back with fresh counts, and findMessage returns it', async () => {
    const server = teamServer(['alice', 'bob', 'carol']);
    const phone = connect(server, 'alice');
    const sent = await sendText(phone, 'team', 'from the phone');
    server.request('bob', 'sendMessageReadReceipt', { messageIDs: [sent.ID] });
    const laptop = connect(server, 'alice');
    await settle();
    expect(laptop.findMessage(sent.ID)).toBeNull();

    const { data } = await laptop.getMessageReadReceiptList([sent]);
    expect(data.messageList[0]).toEqual({ ...sent, readReceiptInfo: { readCount: 1, unreadCount: 1 } });
    expect(laptop.findMessage(sent.ID)).toBe(data.messageList[0]);
  });

  it('R5: later receipt pushes reach a message taken in this way', async () => {
    const server = teamServer(['alice', 'bob', 'carol']);
    const phone = connect(server, 'alice');
    const sent = await sendText(phone, 'team', 'from the phone');
    const laptop = connect(server, 'alice');
    await settle();
    const seen = record(laptop, EVENT.MESSAGE_READ_RECEIPT_RECEIVED);
    await laptop.getMessageReadReceiptList([sent]);
    server.request('carol', 'sendMessageReadReceipt', { messageIDs: [sent.ID] });
    await settle();
    expect(seen).toEqual([[{ groupID: 'team', messageID: sent.ID, readCount: 1, unreadCount: 1 }]]);
    expect(laptop.findMessage(sent.ID)!.readReceiptInfo).toEqual({ readCount: 1, unreadCount: 1 });
  });

  it('R6, R5: a server-rendered one-to-one message goes live in a fresh chat', async () => {
    const server = teamServer(['alice', 'bob']);
    await sendToPeer(connect(server, 'alice'), 'bob', 'hi');
    // The server renders the page with a chat of its own, and sends the messages along as JSON.
    const rendering = connect(server, 'alice');
    const html = JSON.stringify({ message: (await load(rendering, 'C2Cbob'))[0] });
    rendering.destroy();
    const browser = connect(server, 'alice');
    await settle();
    const seen = record(browser, EVENT.MESSAGE_READ_RECEIPT_RECEIVED);
    const { message } = JSON.parse(html) as { message: Message };

    const { data } = await browser.getMessageReadReceiptList([message]);
    expect(data.messageList[0]!.readReceiptInfo).toEqual({ isPeerRead: false, timestamp: 0 });
    expect(browser.findMessage(message.ID)).toBe(data.messageList[0]);
    server.request('bob', 'sendMessageReadReceipt', { messageIDs: [message.ID] });
    await settle();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject([{ userID: 'bob', messageID: message.ID, isPeerRead: true }]);
    expect(browser.findMessage(message.ID)!.readReceiptInfo.isPeerRead).toBe(true);
  });

  it('R6, docs/rules.md §1.3: a JSON copy of a group message with unknown counts is still a group message', async () => {
    const server = teamServer(['alice', 'bob', 'carol']);
    const phone = connect(server, 'alice');
    const sent = await sendText(phone, 'team', 'x');
    const history = await load(connect(server, 'alice'), 'GROUPteam');
    expect(history[0]!.readReceiptInfo).toEqual({ readCount: undefined, unreadCount: undefined });
    const copy = jsonCopy(history[0]!);
    expect(copy.readReceiptInfo).toEqual({});
    server.request('bob', 'sendMessageReadReceipt', { messageIDs: [sent.ID] });

    const fresh = connect(server, 'alice');
    await settle();
    const seen = record(fresh, EVENT.MESSAGE_READ_RECEIPT_RECEIVED);
    const { data } = await fresh.getMessageReadReceiptList([copy]);
    expect(data.messageList[0]!.readReceiptInfo).toEqual({ readCount: 1, unreadCount: 1 });
    server.request('carol', 'sendMessageReadReceipt', { messageIDs: [sent.ID] });
    await settle();
    expect(seen).toEqual([[{ groupID: 'team', messageID: sent.ID, readCount: 2, unreadCount: 0 }]]);
  });

  it('R6: a copy is taken in as a copy: changing the given object later changes nothing', async () => {
    const server = teamServer(['alice', 'bob']);
    const sent = await sendText(connect(server, 'alice'), 'team', 'x');
    const fresh = connect(server, 'alice');
    const given = jsonCopy(sent) as Message & { payload: { text: string } };
    await fresh.getMessageReadReceiptList([given]);
    given.payload.text = 'changed';
    expect(fresh.findMessage(sent.ID)!.payload).toEqual({ text: 'x' });
    expect(Object.isFrozen(fresh.findMessage(sent.ID))).toBe(true);
  });

  it.each([
    ['without from', { from: undefined }],
    ['of an unknown conversation type', { conversationType: 'ROOM' }],
    ['not sent yet', { status: 'unSend' }],
    ['seen from another user (conversationID)', { conversationID: 'GROUPother' }],
    ['with a sequence that is not a whole number', { sequence: 'one' }],
  ])('R6: a message %s is answered as before but not taken in', async (_, change) => {
    const server = teamServer(['alice', 'bob']);
    const sent = await sendText(connect(server, 'alice'), 'team', 'x');
    server.request('bob', 'sendMessageReadReceipt', { messageIDs: [sent.ID] });
    const fresh = connect(server, 'alice');
    const given = untyped<Message>({ ...sent, ...change });
    await fresh.getMessageReadReceiptList([given]).catch(() => {});
    expect(fresh.findMessage(sent.ID)).toBeNull();
  });

  it('R6: a message the server does not know is not taken in: the pull rejects with 10062', async () => {
    const server = teamServer(['alice', 'bob']);
    const sent = await sendText(connect(server, 'alice'), 'team', 'x');
    const fresh = connect(server, 'alice');
    const invented = { ...sent, ID: 'alice-invented' };
    const error = await rejection(fresh.getMessageReadReceiptList([invented]));
    expect(error.code).toBe(ERROR_CODE.READ_RECEIPT_NOT_FOUND);
    expect(fresh.findMessage('alice-invented')).toBeNull();
  });

  it('R3: a message acknowledged by a fresh chat of the reader is taken in', async () => {
    const server = teamServer(['alice', 'bob']);
    const sent = await sendText(connect(server, 'alice'), 'team', 'x');
    const [received] = await load(connect(server, 'bob'), 'GROUPteam');
    const fresh = connect(server, 'bob');
    await fresh.sendMessageReadReceipt([jsonCopy(received!)]);
    expect(fresh.findMessage(sent.ID)).toEqual({ ...received, readReceiptInfo: received!.readReceiptInfo });
    expect(fresh.findMessage(sent.ID)!.flow).toBe('in');
  });

  it('R7: a message whose readers a fresh chat pages through is taken in', async () => {
    const server = teamServer(['alice', 'bob']);
    const sent = await sendText(connect(server, 'alice'), 'team', 'x');
    const fresh = connect(server, 'alice');
    const { data } = await fresh.getGroupMessageReadMemberList({
      message: jsonCopy(sent),
      filter: 1,
      cursor: '',
      count: 10,
    });
    expect(data.unreadUserIDList).toEqual(['bob']);
    expect(fresh.findMessage(sent.ID)).toMatchObject({ ID: sent.ID, flow: 'out', status: 'success' });
  });
});
