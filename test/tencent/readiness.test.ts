import { type MessageLike, ReadByError } from 'readby';
import { fromTencentChat } from 'readby/tencent';
import { describe, expect, it } from 'vitest';
import { connectTencent, createTencent, FakeTencentCloudChat, loginTencent } from './fakeTencentChat';
import { record, recordNetStates, settle, stubSdk, teamServer } from './support';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves to whether `promise` has settled by now. */
async function hasSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => {
      settled = true;
    },
    () => {
      settled = true;
    },
  );
  await settle();
  return settled;
}

describe('the user comes from getLoginUser once SDK_READY fires', () => {
  it("is '' until SDK_READY, then the SDK's user, asked of the SDK once", async () => {
    const { chat, sdk } = createTencent(teamServer());
    const states = recordNetStates(chat);
    expect(chat.getLoginUser()).toBe('');
    const login = sdk.login({ userID: 'alice' });
    await login;
    expect(chat.getLoginUser()).toBe(''); // login resolved; the SDK is not ready yet
    await settle();
    expect(chat.getLoginUser()).toBe('alice');
    expect(chat.netState).toBe('connected');
    // The connection came up during login, but readby hears 'connected' only once the SDK is ready.
    expect(states).toEqual(['connecting', 'connected']);
    for (let i = 0; i < 100; i++) chat.getLoginUser();
    expect(sdk.calls.getLoginUser).toBe(1);
  });

  it('announces a re-login as another user: disconnected, then connected with the new user', async () => {
    const client = await connectTencent(teamServer(), 'alice');
    const states = recordNetStates(client.chat);
    const users: string[] = [];
    client.chat.on('netStateChange', () => users.push(client.chat.getLoginUser()));
    await loginTencent(client, 'bob');
    expect(client.chat.getLoginUser()).toBe('bob');
    expect(states).toEqual(['disconnected', 'connecting', 'connected']);
    expect(users).toEqual(['', '', 'bob']);
    expect(client.sdk.calls.getLoginUser).toBe(2);
  });

  it("announces 'connected' again after a logout and a login as the same user", async () => {
    const client = await connectTencent(teamServer(), 'alice');
    const states = recordNetStates(client.chat);
    await client.sdk.logout();
    expect(client.chat.getLoginUser()).toBe('');
    await loginTencent(client, 'alice');
    expect(client.chat.getLoginUser()).toBe('alice');
    expect(states).toEqual(['disconnected', 'connecting', 'connected']);
  });

  it('takes over an SDK that was ready before the adapter was made', async () => {
    const sdk = FakeTencentCloudChat.create({ server: teamServer() });
    await sdk.login({ userID: 'alice' });
    await sdk.untilReady();
    const chat = fromTencentChat(sdk);
    const states = recordNetStates(chat);
    await settle();
    expect(chat.getLoginUser()).toBe('alice');
    expect(states).toEqual(['connected']);
    await expect(chat.getMessageList({ conversationID: 'GROUPteam' })).resolves.toMatchObject({
      data: { messageList: [], isCompleted: true },
    });
    chat.destroy();
    await sdk.destroy();
  });
});

describe('calls made before SDK_READY wait for it', () => {
  it('runs every call made before login once the SDK is ready; the SDK refuses none', async () => {
    const server = teamServer();
    const posted = server.postMessage({
      from: 'bob',
      to: 'team',
      conversationType: 'GROUP',
      text: 'from bob',
      needReadReceipt: true,
    });
    // A message alice sent earlier, as readby may hold it: a plain copy (from a cache or a server render).
    const earlier = await connectTencent(server, 'alice');
    const sent = earlier.chat.createTextMessage({
      to: 'team',
      conversationType: 'GROUP',
      payload: { text: 'from alice' },
      needReadReceipt: true,
    });
    await earlier.chat.sendMessage(sent);
    const mine: MessageLike = JSON.parse(JSON.stringify(sent));
    const incoming: MessageLike = { ...posted, conversationID: 'GROUPteam', flow: 'in', status: 'success' };

    const { chat, sdk } = createTencent(server);
    const list = chat.getMessageList({ conversationID: 'GROUPteam' });
    const receipt = chat.sendMessageReadReceipt([incoming]);
    const counts = chat.getMessageReadReceiptList([mine]);
    const members = chat.getGroupMessageReadMemberList({ message: mine, filter: 1, cursor: '', count: 10 });
    await settle();
    expect(sdk.calls).toMatchObject({
      getMessageList: 0,
      sendMessageReadReceipt: 0,
      getMessageReadReceiptList: 0,
      getGroupMessageReadMemberList: 0,
      findMessage: 0,
    });

    await sdk.login({ userID: 'alice' });
    const page = await list;
    expect(page.data.messageList.map((message) => message.ID)).toEqual([posted.ID, sent.ID]);
    await expect(receipt).resolves.toEqual({ code: 0, data: {} });
    const pulled = await counts;
    expect(pulled.data.messageList.map((message) => [message.ID, message.readReceiptInfo])).toEqual([
      [sent.ID, { readCount: 0, unreadCount: 2, isPeerRead: undefined, timestamp: 0 }],
    ]);
    await expect(members).resolves.toMatchObject({
      data: { unreadUserIDList: ['bob', 'carol'], readUserIDList: [], isCompleted: true, cursor: '' },
    });
    expect(server.getReceiptTruth(posted.ID)).toMatchObject({ readCount: 1, readUserIDList: ['alice'] });
    expect(sdk.calls).toMatchObject({
      getMessageList: 1,
      sendMessageReadReceipt: 1,
      getMessageReadReceiptList: 1,
      getGroupMessageReadMemberList: 1,
    });
  });

  it('holds a send made while the user is logged out until the same user is back', async () => {
    const client = await connectTencent(teamServer(), 'alice');
    const message = client.chat.createTextMessage({
      to: 'team',
      conversationType: 'GROUP',
      payload: { text: 'hello' },
      needReadReceipt: true,
    });
    client.sdk.simulateKickedOut();
    const sending = client.chat.sendMessage(message);
    expect(await hasSettled(sending)).toBe(false);
    expect(client.sdk.calls.sendMessage).toBe(0);
    await loginTencent(client, 'alice');
    await expect(sending).resolves.toEqual({ code: 0, data: { message } });
    expect(message.status).toBe('success');
    expect(client.sdk.calls.sendMessage).toBe(1);
  });

  it('throws from createTextMessage before SDK_READY, since a message must exist at once', async () => {
    const { chat } = createTencent(teamServer());
    const create = () =>
      chat.createTextMessage({ to: 'team', conversationType: 'GROUP', payload: { text: 'too early' } });
    expect(create).toThrow(ReadByError);
    expect(create).toThrow('createTextMessage: the SDK is not ready; create messages after SDK_READY');
  });
});

describe('a call the SDK refuses as not ready while under way is retried after the next SDK_READY', () => {
  it('runs the call again once the same user is back, and answers it', async () => {
    const server = teamServer();
    server.postMessage({ from: 'bob', to: 'team', conversationType: 'GROUP', text: 'one' });
    const client = await connectTencent(server, 'alice', { connect: { latencyMs: 50 } });
    const listing = client.chat.getMessageList({ conversationID: 'GROUPteam' });
    await settle();
    expect(client.sdk.calls.getMessageList).toBe(1);
    client.sdk.simulateKickedOut(); // the request is on its way: the SDK rejects it with 2024
    await sleep(20);
    expect(await hasSettled(listing)).toBe(false);
    expect(client.sdk.calls.getMessageList).toBe(1);
    await loginTencent(client, 'alice');
    const { data } = await listing;
    expect(data.messageList.map((message) => message.payload.text)).toEqual(['one']);
    expect(client.sdk.calls.getMessageList).toBe(2);
  });

  it('sends a message once, announcing its status once, after a kick in the middle of the send', async () => {
    const server = teamServer();
    const client = await connectTencent(server, 'alice', { connect: { latencyMs: 50 } });
    const statuses: string[] = [];
    client.chat.on('onMessageStatusChanged', ({ data }) => statuses.push(...data.map((m) => m.status)));
    const message = client.chat.createTextMessage({
      to: 'team',
      conversationType: 'GROUP',
      payload: { text: 'hello' },
      needReadReceipt: true,
    });
    const sending = client.chat.sendMessage(message);
    await settle();
    client.sdk.simulateKickedOut();
    await sleep(20);
    expect(message.status).toBe('fail'); // as the SDK shows it meanwhile
    await loginTencent(client, 'alice');
    await sending;
    expect(message.status).toBe('success');
    expect(statuses).toEqual(['success']);
    expect(client.sdk.calls.sendMessage).toBe(2);
    const history = await client.chat.getMessageList({ conversationID: 'GROUPteam' });
    expect(history.data.messageList.map((m) => m.ID)).toEqual([message.ID]);
  });

  it('rejects the call rather than run it for another user', async () => {
    const server = teamServer();
    const client = await connectTencent(server, 'alice', { connect: { latencyMs: 50 } });
    const listing = client.chat.getMessageList({ conversationID: 'GROUPteam' });
    await settle();
    client.sdk.simulateKickedOut();
    await loginTencent(client, 'bob');
    await expect(listing).rejects.toBeInstanceOf(ReadByError);
    await expect(listing).rejects.toMatchObject({
      code: 2024,
      message: 'getMessageList: alice was logged out before it completed, and bob logged in',
    });
    expect(client.sdk.calls.getMessageList).toBe(1);
  });
});

describe('the net state', () => {
  it("forwards the SDK's states as the connection drops and comes back", async () => {
    const { chat, transport } = await connectTencent(teamServer(), 'alice');
    const states = recordNetStates(chat);
    transport.disconnect();
    expect(chat.netState).toBe('disconnected');
    await transport.reconnect();
    await settle();
    expect(states).toEqual(['disconnected', 'connecting', 'connected']);
    expect(chat.getLoginUser()).toBe('alice');
  });

  it("says 'disconnected' once when the user is kicked out (KICKED_OUT, then SDK_NOT_READY)", async () => {
    const { chat, sdk } = await connectTencent(teamServer(), 'alice');
    const events = record(chat, 'netStateChange');
    sdk.simulateKickedOut('userSigExpired');
    expect(events).toEqual([{ name: 'netStateChange', data: { state: 'disconnected' } }]);
    expect(chat.getLoginUser()).toBe('');
  });

  it("reads a state it does not know as 'connecting', and 'connected' before SDK_READY as 'connecting'", async () => {
    const sdk = stubSdk();
    const chat = fromTencentChat(sdk);
    const states = recordNetStates(chat);
    sdk.emit('netStateChange', { state: 'connected' });
    sdk.emit('netStateChange', { state: 'disconnected' });
    sdk.emit('netStateChange', { state: 'reconnecting' });
    sdk.user = 'alice';
    sdk.ready = true;
    sdk.emit('sdkStateReady');
    await settle();
    sdk.emit('netStateChange', { state: 'connected' }); // already said: not repeated
    expect(states).toEqual(['connecting', 'disconnected', 'connecting', 'connected']);
    chat.destroy();
  });

  it('becomes ready even when the group list cannot be loaded', async () => {
    const sdk = stubSdk({ ready: true, user: 'alice' });
    sdk.groupList = () => Promise.reject(Object.assign(new Error('busy'), { code: 2996 }));
    const chat = fromTencentChat(sdk);
    await settle();
    expect(chat.netState).toBe('connected');
    expect(chat.getLoginUser()).toBe('alice');
    chat.destroy();
  });
});
