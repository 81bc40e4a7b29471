import { ERROR_CODE, EVENT, TYPES, type WireDraft } from 'readby';
import { describe, expect, it } from 'vitest';
import {
  connect,
  draftText,
  load,
  record,
  rejection,
  sendText,
  settle,
  teamServer,
  unreadCounts,
} from './helpers';

describe('R10: identity and membership', () => {
  it('R10: a non-member cannot send to a group: PERMISSION_DENIED and a failed message', async () => {
    const server = teamServer(['alice', 'bob']);
    const mallory = connect(server, 'mallory');
    const bob = connect(server, 'bob');
    const received = record(bob, EVENT.MESSAGE_RECEIVED);
    const draft = draftText(mallory, 'team', 'hi', { needReadReceipt: false });
    const error = await rejection(mallory.sendMessage(draft));
    expect(error.code).toBe(ERROR_CODE.PERMISSION_DENIED);
    expect(mallory.findMessage(draft.ID)!.status).toBe('fail');
    await settle();
    expect(received).toEqual([]);
    expect(await load(bob, 'GROUPteam')).toEqual([]);
  });

  it('R10: a non-member cannot list a group’s messages', async () => {
    const server = teamServer(['alice', 'bob']);
    await sendText(connect(server, 'alice'), 'team', 'private');
    const mallory = connect(server, 'mallory');
    expect((await rejection(mallory.getMessageList({ conversationID: 'GROUPteam' }))).code).toBe(
      ERROR_CODE.PERMISSION_DENIED,
    );
    expect((await rejection(mallory.setMessageRead({ conversationID: 'GROUPteam' }))).code).toBe(
      ERROR_CODE.PERMISSION_DENIED,
    );
    expect((await mallory.getConversationList()).data.conversationList).toEqual([]);
  });

  it('R10: a member who leaves loses access, and no longer receives the group’s messages', async () => {
    const server = teamServer(['alice', 'bob', 'carol']);
    const alice = connect(server, 'alice');
    const bob = connect(server, 'bob');
    const received = record(bob, EVENT.MESSAGE_RECEIVED);
    await sendText(alice, 'team', 'before');
    const loaded = await load(bob, 'GROUPteam');
    server.removeGroupMembers('team', ['bob']);
    await sendText(alice, 'team', 'after');
    await settle();
    expect(received.flat().map((m) => (m.payload as { text: string }).text)).toEqual(['before']);
    expect((await rejection(bob.getMessageList({ conversationID: 'GROUPteam' }))).code).toBe(
      ERROR_CODE.PERMISSION_DENIED,
    );
    expect((await rejection(bob.sendMessageReadReceipt(loaded))).code).toBe(ERROR_CODE.PERMISSION_DENIED);
    expect(Object.keys(await unreadCounts(bob))).toEqual([]);
  });

  it('R10: a sender who left can no longer query the receipts of their messages', async () => {
    const server = teamServer(['alice', 'bob', 'carol']);
    const alice = connect(server, 'alice');
    const message = await sendText(alice, 'team', 'x');
    server.removeGroupMembers('team', ['alice']);
    expect((await rejection(alice.getMessageReadReceiptList([message]))).code).toBe(
      ERROR_CODE.PERMISSION_DENIED,
    );
    const error = await rejection(
      alice.getGroupMessageReadMemberList({ message, filter: 0, cursor: '', count: 10 }),
    );
    expect(error.code).toBe(ERROR_CODE.PERMISSION_DENIED);
  });

  it('R10: a request cannot pull the receipt counts of a message another member sent', async () => {
    const server = teamServer(['alice', 'bob', 'carol']);
    const alice = connect(server, 'alice');
    const message = await sendText(alice, 'team', 'mine');
    server.request('carol', 'sendMessageReadReceipt', { messageIDs: [message.ID] });
    // The client never asks for them (R6); a request made by hand is refused by the server.
    expect(() => server.request('bob', 'getMessageReadReceiptList', { messageIDs: [message.ID] })).toThrow(
      expect.objectContaining({ code: ERROR_CODE.PERMISSION_DENIED }),
    );
    expect(server.request('alice', 'getMessageReadReceiptList', { messageIDs: [message.ID] })).toEqual({
      receipts: [{ messageID: message.ID, readCount: 1, unreadCount: 1 }],
    });
  });

  it('R10: a missing group is GROUP_NOT_FOUND for sending, listing and marking read', async () => {
    const server = teamServer();
    const alice = connect(server, 'alice');
    const draft = draftText(alice, 'nope', 'x', { needReadReceipt: false });
    for (const promise of [
      alice.sendMessage(draft),
      alice.getMessageList({ conversationID: 'GROUPnope' }),
      alice.setMessageRead({ conversationID: 'GROUPnope' }),
    ]) {
      const error = await rejection(promise);
      expect(error.code).toBe(ERROR_CODE.GROUP_NOT_FOUND);
      expect(error.code).toBe(10010);
    }
  });

  it('R10: identity comes from the connection: a request naming another sender is stamped with its own', async () => {
    const server = teamServer(['alice', 'bob']);
    const forged = {
      ID: 'forged-1',
      type: TYPES.MSG_TEXT,
      payload: { text: 'I am bob' },
      conversationType: TYPES.CONV_GROUP,
      to: 'team',
      needReadReceipt: false,
      from: 'bob',
    } satisfies WireDraft & { from: string };
    const { message } = server.request('alice', 'sendMessage', { message: forged });
    expect(message.from).toBe('alice');
    const bob = connect(server, 'bob');
    const [seen] = await load(bob, 'GROUPteam');
    expect(seen).toMatchObject({ ID: 'forged-1', from: 'alice', flow: 'in' });
  });

  it('R10: a message ID another user already used cannot be taken over', async () => {
    const server = teamServer(['alice', 'bob']);
    const alice = connect(server, 'alice');
    const message = await sendText(alice, 'team', 'original');
    const copy: WireDraft = {
      ID: message.ID,
      type: TYPES.MSG_TEXT,
      payload: { text: 'replaced' },
      conversationType: TYPES.CONV_GROUP,
      to: 'team',
      needReadReceipt: false,
    };
    expect(() => server.request('bob', 'sendMessage', { message: copy })).toThrow(
      expect.objectContaining({ code: ERROR_CODE.INVALID_PARAMETER }),
    );
    const [stored] = await load(alice, 'GROUPteam');
    expect(stored).toMatchObject({ from: 'alice', payload: { text: 'original' } });
  });
});
