import ReadBy, {
  type RequestName,
  type Requests,
  type ServerPush,
  type Transport,
  TYPES,
  type WireDraft,
} from 'readby';
import { createMockServer, type MockServer } from 'readby/mock';
import { afterEach, describe, expect, it } from 'vitest';
import { connectChat, groupMessage, peerMessage, postToGroup, settle } from './support';

const quiet = { onPush() {}, onStateChange() {} };

function teamServer(): MockServer {
  const server = createMockServer({ seed: 11 });
  server.createGroup({ groupID: 'team', type: 'Private', memberList: ['alice', 'bob', 'carol'] });
  return server;
}

/** A transport that hands on everything it carries and keeps a copy of the reference it saw. */
function recordingTransport(server: MockServer, userID: string, seen: unknown[]): Transport {
  const inner = server.connect(userID);
  return {
    userID: inner.userID,
    clientID: inner.clientID,
    open: (listener) =>
      inner.open({
        onPush: (push: ServerPush) => {
          seen.push(push);
          listener.onPush(push);
        },
        onStateChange: (state) => listener.onStateChange(state),
      }),
    request: async <K extends RequestName>(method: K, params: Requests[K]['params']) => {
      seen.push(params);
      const result = await inner.request(method, params);
      seen.push(result);
      return result;
    },
    close: () => inner.close(),
  };
}

describe('everything that crosses the transport is plain JSON (docs/rules.md §2)', () => {
  const chats: { destroy(): void }[] = [];
  afterEach(() => {
    for (const chat of chats.splice(0)) chat.destroy();
  });

  it('a draft mutated after it was sent does not change what the server stored', async () => {
    const server = teamServer();
    const transport = server.connect('alice');
    await transport.open(quiet);
    const draft: WireDraft = {
      ID: 'draft-1',
      type: TYPES.MSG_TEXT,
      payload: { text: 'original' },
      conversationType: TYPES.CONV_GROUP,
      to: 'team',
      needReadReceipt: true,
    };
    const sending = transport.request('sendMessage', { message: draft });
    draft.payload = { text: 'changed' };
    draft.to = 'elsewhere';
    draft.needReadReceipt = false;
    const { message } = await sending;
    expect(message).toMatchObject({ payload: { text: 'original' }, to: 'team', needReadReceipt: true });
    const stored = server.request('bob', 'getMessageList', {
      conversationID: 'GROUPteam',
      nextReqMessageID: '',
      count: 15,
    }).messageList;
    expect(stored.map((wire) => wire.payload)).toEqual([{ text: 'original' }]);
    transport.close();
  });

  it('an answer is the client’s own copy: changing it changes nothing on the server', async () => {
    const server = teamServer();
    const transport = server.connect('alice');
    await transport.open(quiet);
    postToGroup(server, 'bob', 'team', 'hi');
    const first = await transport.request('getMessageList', {
      conversationID: 'GROUPteam',
      nextReqMessageID: '',
      count: 15,
    });
    first.messageList[0]!.payload = { text: 'tampered' };
    first.messageList[0]!.from = 'mallory';
    const second = await transport.request('getMessageList', {
      conversationID: 'GROUPteam',
      nextReqMessageID: '',
      count: 15,
    });
    expect(second.messageList[0]).toMatchObject({ payload: { text: 'hi' }, from: 'bob' });
    expect(second.messageList[0]).not.toBe(first.messageList[0]);
    transport.close();
  });

  it('a received message is not the sender’s object, nor shared between recipients', async () => {
    const server = teamServer();
    const [alice, bob, carol] = ['alice', 'bob', 'carol'].map((user) => connectChat(server, user));
    chats.push(alice!, bob!, carol!);
    const message = groupMessage(alice!, 'team', 'shared?');
    const { data } = await alice!.sendMessage(message);
    await settle();
    const forBob = bob!.findMessage(message.ID)!;
    const forCarol = carol!.findMessage(message.ID)!;
    expect(forBob.payload).toEqual(data.message.payload);
    expect(forBob).not.toBe(data.message);
    expect(forBob.payload).not.toBe(data.message.payload);
    expect(forBob.payload).not.toBe(forCarol.payload);
  });

  it('functions and undefined values in a draft are dropped on the way, as JSON drops them', async () => {
    const server = teamServer();
    const transport = server.connect('alice');
    await transport.open(quiet);
    const payload = { data: 'poll', description: undefined, extension: () => 'run me' };
    await transport.request('sendMessage', {
      message: {
        ID: 'custom-1',
        type: TYPES.MSG_CUSTOM,
        payload: payload as unknown as WireDraft['payload'],
        conversationType: TYPES.CONV_GROUP,
        to: 'team',
        needReadReceipt: true,
      },
    });
    const [stored] = server.request('bob', 'getMessageList', {
      conversationID: 'GROUPteam',
      nextReqMessageID: '',
      count: 15,
    }).messageList;
    expect(stored!.payload).toStrictEqual({ data: 'poll' });
    expect(Object.keys(stored!.payload)).toEqual(['data']);
    transport.close();
  });

  it('every request, answer and push of a whole session survives a JSON round trip unchanged', async () => {
    const server = teamServer();
    const seen: unknown[] = [];
    const alice = ReadBy.create({ transport: recordingTransport(server, 'alice', seen) });
    const bob = ReadBy.create({ transport: recordingTransport(server, 'bob', seen) });
    chats.push(alice, bob);
    const inGroup = groupMessage(alice, 'team', 'group');
    const oneToOne = peerMessage(alice, 'bob', 'direct');
    await alice.sendMessage(inGroup);
    await alice.sendMessage(oneToOne);
    await settle();
    await bob.sendMessageReadReceipt([bob.findMessage(inGroup.ID)!]);
    await bob.sendMessageReadReceipt([bob.findMessage(oneToOne.ID)!]);
    await bob.setMessageRead({ conversationID: 'C2Calice' });
    await alice.getMessageReadReceiptList([inGroup]);
    await alice.getGroupMessageReadMemberList({ message: inGroup, filter: 0, cursor: '', count: 10 });
    await alice.getGroupMessageReadMemberList({ message: inGroup, filter: 1, cursor: '', count: 10 });
    await alice.getMessageList({ conversationID: 'GROUPteam' });
    await bob.getConversationList();
    await settle();
    expect(seen.length).toBeGreaterThan(20);
    for (const value of seen) expect(value).toStrictEqual(JSON.parse(JSON.stringify(value)));
  });
});
