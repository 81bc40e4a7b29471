import { describe, expect, it, vi } from 'vitest';
import {
  connectTencent,
  createTencent,
  FAKE_EVENT,
  type FakeEvent,
  type FakeMessage,
  FakeTencentCloudChat,
} from './fakeTencentChat';
import { settle, teamServer } from './support';

/** The fake alone, driven as an app drives the SDK: its semantics are what the adapter's tests rely on. */

function groupText(
  sdk: ReturnType<typeof FakeTencentCloudChat.create>,
  text: string,
  to = 'team',
): FakeMessage {
  return sdk.createTextMessage({ to, conversationType: 'GROUP', payload: { text }, needReadReceipt: true });
}

describe('the fake SDK: logging in', () => {
  it('registers handlers with on(), which returns undefined, and fires SDK_READY after login resolves', async () => {
    const sdk = FakeTencentCloudChat.create({ server: teamServer() });
    const seen: string[] = [];
    expect(sdk.on(FAKE_EVENT.SDK_READY, () => seen.push('ready'))).toBeUndefined();
    expect(sdk.getLoginUser()).toBe('');
    const response = await sdk.login({ userID: 'alice', userSig: 'sig' });
    expect(response).toEqual({ code: 0, data: { repeatLogin: false } });
    expect(seen).toEqual([]);
    expect(sdk.isReady()).toBe(false);
    await settle();
    expect(seen).toEqual(['ready']);
    expect(sdk.isReady()).toBe(true);
    expect(sdk.getLoginUser()).toBe('alice');
    await sdk.destroy();
  });

  it('rejects every call with 2024 before login and 3000 while logging in', async () => {
    const sdk = FakeTencentCloudChat.create({ server: teamServer() });
    await expect(sdk.getMessageList({ conversationID: 'GROUPteam' })).rejects.toMatchObject({ code: 2024 });
    await expect(sdk.sendMessageReadReceipt([])).rejects.toMatchObject({ code: 2024 });
    await expect(sdk.getGroupList()).rejects.toMatchObject({ code: 2024 });
    // Even the synchronous ones: a rejected Promise where a message or null was expected.
    await expect(sdk.findMessage('x') as unknown as Promise<unknown>).rejects.toMatchObject({ code: 2024 });
    const draft = sdk.createTextMessage({ to: 'team', conversationType: 'GROUP', payload: { text: 'hi' } });
    await expect(draft as unknown as Promise<unknown>).rejects.toMatchObject({ code: 2024 });
    const login = sdk.login({ userID: 'alice' });
    await expect(sdk.getGroupList()).rejects.toMatchObject({ code: 3000 });
    await login;
    await sdk.untilReady();
    await expect(sdk.getGroupList()).resolves.toMatchObject({ code: 0 });
    await sdk.destroy();
  });

  it('after a kick emits KICKED_OUT then SDK_NOT_READY and rejects calls with the kick code', async () => {
    const { sdk } = await connectTencent(teamServer(), 'alice');
    const seen: FakeEvent[] = [];
    sdk.on(FAKE_EVENT.KICKED_OUT, (event) => seen.push(event));
    sdk.on(FAKE_EVENT.SDK_NOT_READY, (event) => seen.push(event));
    sdk.simulateKickedOut('multipleDevice');
    expect(seen).toEqual([
      { name: 'kickedOut', data: { type: 'multipleDevice' } },
      { name: 'sdkStateNotReady', data: undefined },
    ]);
    expect(sdk.getLoginUser()).toBe('');
    await expect(sdk.getMessageList({ conversationID: 'GROUPteam' })).rejects.toMatchObject({ code: 3002 });
  });

  it('counts calls per method', async () => {
    const { sdk } = await connectTencent(teamServer(), 'alice');
    sdk.resetCalls();
    sdk.findMessage('x');
    sdk.findMessage('y');
    await sdk.getGroupList();
    expect(sdk.calls).toMatchObject({ findMessage: 2, getGroupList: 1, getMessageList: 0 });
  });
});

describe('the fake SDK: messages are live objects, changed in place', () => {
  it('keeps one object per ID through the send, pushes, pulls and history', async () => {
    const server = teamServer();
    const alice = await connectTencent(server, 'alice');
    const bob = await connectTencent(server, 'bob');
    const message = groupText(alice.sdk, 'Ship it?');
    expect(message.status).toBe('unSend');
    const { data } = await alice.sdk.sendMessage(message);
    expect(data).toEqual({ message }); // no readReceiptCode
    expect(data.message).toBe(message);
    expect(message.status).toBe('success');
    expect(message.sequence).toBe(1);
    expect(alice.sdk.findMessage(message.ID)).toBe(message);

    const page = await bob.sdk.getMessageList({ conversationID: 'GROUPteam' });
    await bob.sdk.sendMessageReadReceipt(page.data.messageList);
    await settle();
    // R5: the push changed the sender's object itself.
    expect(message.readReceiptInfo).toEqual({
      readCount: 1,
      unreadCount: 1,
      isPeerRead: undefined,
      timestamp: 0,
    });
    const history = await alice.sdk.getMessageList({ conversationID: 'GROUPteam' });
    expect(history.data.messageList[0]).toBe(message);
  });

  it('shows 0/0 on a group message from history until its counts are pulled, and pulls into the same object', async () => {
    const server = teamServer();
    const first = await connectTencent(server, 'alice');
    await first.sdk.sendMessage(groupText(first.sdk, 'hello'));
    await first.sdk.logout();
    await first.sdk.login({ userID: 'alice' });
    await first.sdk.untilReady();
    const { data } = await first.sdk.getMessageList({ conversationID: 'GROUPteam' });
    const [fromHistory] = data.messageList;
    expect(fromHistory!.readReceiptInfo).toEqual({
      readCount: 0,
      unreadCount: 0,
      isPeerRead: undefined,
      timestamp: 0,
    });
    const pulled = await first.sdk.getMessageReadReceiptList(data.messageList);
    expect(pulled.data.messageList[0]).toBe(fromHistory);
    expect(fromHistory!.readReceiptInfo).toMatchObject({ readCount: 0, unreadCount: 2 });
  });

  it('gives one-to-one messages 0/0 counts beside isPeerRead, and marks them read in place (R9)', async () => {
    const server = teamServer();
    const alice = await connectTencent(server, 'alice');
    const bob = await connectTencent(server, 'bob');
    const message = alice.sdk.createTextMessage({
      to: 'bob',
      conversationType: 'C2C',
      payload: { text: 'hi' },
      needReadReceipt: true,
    });
    expect(message.readReceiptInfo).toEqual({
      readCount: 0,
      unreadCount: 0,
      isPeerRead: false,
      timestamp: 0,
    });
    await alice.sdk.sendMessage(message);
    await settle();
    const received = await bob.sdk.getMessageList({ conversationID: 'C2Calice' });
    await bob.sdk.sendMessageReadReceipt(received.data.messageList);
    await settle();
    expect(message.readReceiptInfo).toMatchObject({ readCount: 0, unreadCount: 0, isPeerRead: true });
    expect(message.readReceiptInfo.timestamp).toBeGreaterThan(0);
    await bob.sdk.setMessageRead({ conversationID: 'C2Calice' });
    await settle();
    expect(message.isPeerRead).toBe(true);
  });

  it('keeps needReadReceipt as asked in a Community group, and sendMessage says nothing of receipts', async () => {
    const server = teamServer('Community');
    const { sdk } = await connectTencent(server, 'alice');
    const message = groupText(sdk, 'hello');
    const response = await sdk.sendMessage(message);
    expect(response).toEqual({ code: 0, data: { message } });
    expect(message.needReadReceipt).toBe(true);
  });
});

describe('the fake SDK: receipt calls', () => {
  it('throws synchronously for an empty list, once ready', async () => {
    const { sdk } = await connectTencent(teamServer(), 'alice');
    expect(() => sdk.sendMessageReadReceipt([])).toThrow('Params validate failed.');
    expect(() => sdk.getMessageReadReceiptList([])).toThrow('Params validate failed.');
  });

  it('makes no request for one-to-one messages in getMessageReadReceiptList', async () => {
    const server = teamServer();
    const { sdk, transport } = await connectTencent(server, 'alice');
    const message = sdk.createTextMessage({
      to: 'bob',
      conversationType: 'C2C',
      payload: { text: 'hi' },
      needReadReceipt: true,
    });
    await sdk.sendMessage(message);
    const request = vi.spyOn(transport, 'request');
    const { data } = await sdk.getMessageReadReceiptList([message]);
    expect(data.messageList).toEqual([message]);
    expect(request).not.toHaveBeenCalled();
  });

  it('reads a bad filter as 0 and a count of 0 as 100, as the SDK does', async () => {
    const server = teamServer();
    const alice = await connectTencent(server, 'alice');
    const bob = await connectTencent(server, 'bob');
    const message = groupText(alice.sdk, 'hi');
    await alice.sdk.sendMessage(message);
    await settle();
    const page = await bob.sdk.getMessageList({ conversationID: 'GROUPteam' });
    await bob.sdk.sendMessageReadReceipt(page.data.messageList);
    const { data } = await alice.sdk.getGroupMessageReadMemberList({
      message,
      filter: 2,
      cursor: '',
      count: 0,
    });
    expect(data).toMatchObject({
      readUserIDList: ['bob'],
      unreadUserIDList: [],
      isCompleted: true,
      cursor: '',
    });
  });

  it('lists groups with their types, and announces a group joined later', async () => {
    const server = teamServer();
    const { sdk } = createTencent(server);
    const updates: unknown[] = [];
    sdk.on(FAKE_EVENT.GROUP_LIST_UPDATED, ({ data }) => updates.push(data));
    await sdk.login({ userID: 'alice' });
    await sdk.untilReady();
    await expect(sdk.getGroupList()).resolves.toEqual({
      code: 0,
      data: { groupList: [{ groupID: 'team', name: 'team', type: 'Private', memberCount: 3 }] },
    });
    server.createGroup({ groupID: 'lounge', type: 'Community', memberList: ['alice', 'dave'] });
    await settle();
    expect(updates).toEqual([
      [
        { groupID: 'team', name: 'team', type: 'Private', memberCount: 3 },
        { groupID: 'lounge', name: 'lounge', type: 'Community', memberCount: 2 },
      ],
    ]);
    await expect(sdk.getGroupProfile({ groupID: 'lounge' })).resolves.toMatchObject({
      data: { group: { type: 'Community' } },
    });
    await expect(sdk.getGroupProfile({ groupID: 'nope' })).rejects.toMatchObject({ code: 10010 });
  });
});
