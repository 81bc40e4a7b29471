import ReadBy, { TYPES, type WireDraft, type WireMessage } from 'readby';
import { createMockServer, type MockServer } from 'readby/mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { settle } from './support';

function teamServer(options: { now?: () => number } = {}): MockServer {
  const server = createMockServer({ seed: 8, ...options });
  server.createGroup({ groupID: 'team', type: 'Private', memberList: ['alice', 'bob', 'carol'] });
  return server;
}

function listed(server: MockServer, userID = 'bob', conversationID = 'GROUPteam'): WireMessage[] {
  return server.request(userID, 'getMessageList', { conversationID, nextReqMessageID: '', count: 15 })
    .messageList;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a server clock that reads 0 (R9)', () => {
  it('R9: a peer receipt at time 0 reads as read, and a second one changes nothing and tells no one', async () => {
    const server = teamServer({ now: () => 0 });
    const pushes: string[] = [];
    const alice = server.connect('alice');
    await alice.open({ onPush: (push) => pushes.push(push.type), onStateChange() {} });
    const { message } = await alice.request('sendMessage', {
      message: {
        ID: `${alice.clientID}-1`,
        type: TYPES.MSG_TEXT,
        payload: { text: 'seen?' },
        conversationType: TYPES.CONV_C2C,
        to: 'bob',
        needReadReceipt: true,
      },
    });
    server.request('bob', 'sendMessageReadReceipt', { messageIDs: [message.ID] });
    server.request('bob', 'sendMessageReadReceipt', { messageIDs: [message.ID] });
    await settle();
    const { receipts } = await alice.request('getMessageReadReceiptList', { messageIDs: [message.ID] });
    expect(receipts).toEqual([{ messageID: message.ID, isPeerRead: true, timestamp: 0, markedRead: false }]);
    expect(pushes).toEqual(['receipts']);
    expect(server.getStorageStats().receipts).toBe(1);
    alice.close();
  });
});

describe('what the server hands to direct callers cannot change what it stores (docs/rules.md §2)', () => {
  const draft = (text: string): WireDraft => ({
    ID: 'alice~1-1',
    type: TYPES.MSG_TEXT,
    payload: { text },
    conversationType: TYPES.CONV_GROUP,
    to: 'team',
    needReadReceipt: true,
  });

  it('the payload a caller sent is not the one stored: changing it afterwards changes nothing', () => {
    const server = teamServer();
    const message = draft('original');
    server.request('alice', 'sendMessage', { message });
    (message.payload as { text: string }).text = 'changed';
    expect(listed(server)[0]?.payload).toEqual({ text: 'original' });
  });

  it('an onMessage listener gets a frozen message: changing it throws and the stored one stays', () => {
    const server = teamServer();
    const attempts: unknown[] = [];
    server.onMessage((message) => {
      for (const change of [
        () => Object.assign(message.payload, { text: 'tampered' }),
        () => Object.assign(message, { from: 'mallory', needReadReceipt: false }),
      ]) {
        try {
          change();
        } catch (error) {
          attempts.push(error);
        }
      }
    });
    server.postMessage({
      from: 'alice',
      to: 'team',
      conversationType: 'GROUP',
      text: 'hi',
      needReadReceipt: true,
    });
    expect(attempts).toEqual([expect.any(TypeError), expect.any(TypeError)]);
    expect(listed(server)[0]).toMatchObject({
      payload: { text: 'hi' },
      from: 'alice',
      needReadReceipt: true,
    });
  });

  it('getMessageList, getConversationList and postMessage answers cannot change the stored message', () => {
    const server = teamServer();
    const posted = server.postMessage({ from: 'alice', to: 'team', conversationType: 'GROUP', text: 'hi' });
    const [fromList] = listed(server);
    const { conversationList } = server.request('bob', 'getConversationList', {});
    const fromConversations = conversationList[0]?.lastMessage;
    for (const message of [posted, fromList, fromConversations]) {
      expect(() => Object.assign(message!.payload, { text: 'tampered' })).toThrow(TypeError);
      try {
        Object.assign(message!, { from: 'mallory' });
      } catch {
        // A frozen stored message refuses; a copy takes the change, which is the caller's own.
      }
    }
    expect(listed(server)[0]).toMatchObject({ payload: { text: 'hi' }, from: 'alice' });
    expect(server.request('carol', 'getConversationList', {}).conversationList[0]?.lastMessage).toMatchObject(
      {
        payload: { text: 'hi' },
        from: 'alice',
      },
    );
  });

  it('a listener that throws fails neither the send nor the listeners after it; its error is reported', async () => {
    const server = teamServer();
    const reported = vi.spyOn(console, 'error').mockImplementation(() => {});
    const failure = new Error('listener bug');
    const heard: string[] = [];
    server.onMessage(() => {
      throw failure;
    });
    server.onMessage((message) => heard.push(message.ID));
    const chat = ReadBy.create({ transport: server.connect('alice') });
    const message = chat.createTextMessage({
      to: 'team',
      conversationType: TYPES.CONV_GROUP,
      payload: { text: 'hi' },
    });
    const { data } = await chat.sendMessage(message);
    expect(data.message.status).toBe('success');
    expect(heard).toEqual([message.ID]);
    expect(reported).toHaveBeenCalledWith(failure);
    chat.destroy();
  });
});
