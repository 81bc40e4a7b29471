import { type GroupType, type MessageLike, ReadByError } from 'readby';
import { fromTencentChat, type TencentChat } from 'readby/tencent';
import { describe, expect, it, vi } from 'vitest';
import { connectTencent, createTencentServer } from './fakeTencentChat';
import { settle, teamServer } from './support';

function groupText(chat: TencentChat, text: string, to = 'team', needReadReceipt = true): MessageLike {
  return chat.createTextMessage({ to, conversationType: 'GROUP', payload: { text }, needReadReceipt });
}

/** alice sends `count` group messages with receipts; bob loads them. */
async function sentAndLoaded(count: number) {
  const server = teamServer();
  const alice = await connectTencent(server, 'alice');
  const bob = await connectTencent(server, 'bob');
  const sent: MessageLike[] = [];
  for (let i = 0; i < count; i++) {
    const message = groupText(alice.chat, `m${i}`);
    await alice.chat.sendMessage(message);
    sent.push(message);
  }
  await settle();
  const { data } = await bob.chat.getMessageList({ conversationID: 'GROUPteam' });
  return { server, alice, bob, sent, loaded: data.messageList };
}

describe('bad input is rejected, never thrown, and the SDK never sees it', () => {
  it('sendMessageReadReceipt([]) rejects with INVALID_PARAMETER, where the SDK would throw (R3)', async () => {
    const { chat, sdk } = await connectTencent(teamServer(), 'alice');
    let result: Promise<unknown> | undefined;
    expect(() => {
      result = chat.sendMessageReadReceipt([]);
    }).not.toThrow();
    await expect(result).rejects.toBeInstanceOf(ReadByError);
    await expect(result).rejects.toMatchObject({
      code: 10004,
      message: 'messageList: expected a non-empty array of messages',
    });
    expect(sdk.calls.sendMessageReadReceipt).toBe(0);
  });

  it('rejects 31 messages, naming the limit of 30 (R3)', async () => {
    const server = createTencentServer();
    server.createGroup({ groupID: 'team', type: 'Private', memberList: ['alice', 'bob'] });
    const { chat, sdk } = await connectTencent(server, 'alice');
    const list = Array.from(
      { length: 31 },
      (_, i) => ({ ID: `m${i}`, conversationID: 'GROUPteam' }) as MessageLike,
    );
    await expect(chat.sendMessageReadReceipt(list)).rejects.toMatchObject({
      code: 10004,
      message: 'messageList: expected at most 30 messages, got 31',
    });
    expect(sdk.calls.sendMessageReadReceipt).toBe(0);
  });

  it('rejects messages of two conversations (R3, R6)', async () => {
    const { chat, sdk } = await connectTencent(teamServer(), 'alice');
    const list = [
      { ID: 'a', conversationID: 'GROUPteam' },
      { ID: 'b', conversationID: 'C2Cbob' },
    ] as MessageLike[];
    const expected = {
      code: 10004,
      message:
        'messageList: expected messages of one conversation, but messageList[1] is in C2Cbob, not GROUPteam',
    };
    await expect(chat.sendMessageReadReceipt(list)).rejects.toMatchObject(expected);
    await expect(chat.getMessageReadReceiptList(list)).rejects.toMatchObject(expected);
    await expect(chat.getMessageReadReceiptList([])).rejects.toMatchObject({
      code: 10004,
      message: 'messageList: expected a non-empty array of messages',
    });
    expect(sdk.calls).toMatchObject({ sendMessageReadReceipt: 0, getMessageReadReceiptList: 0 });
  });

  it('checks getGroupMessageReadMemberList as readby does, where the SDK would guess (R7)', async () => {
    const { chat, sdk } = await connectTencent(teamServer(), 'alice');
    const message = { ID: 'm', conversationID: 'GROUPteam' } as MessageLike;
    await expect(
      chat.getGroupMessageReadMemberList({ message, filter: 2 as 0, cursor: '', count: 10 }),
    ).rejects.toMatchObject({ code: 10004, message: 'options.filter: expected 0 (read) or 1 (not read)' });
    await expect(
      chat.getGroupMessageReadMemberList({ message, filter: 0, cursor: '', count: 0 }),
    ).rejects.toMatchObject({ code: 10004, message: 'options.count: expected a whole number ≥ 1' });
    await expect(
      chat.getGroupMessageReadMemberList({ message, filter: 0, cursor: 5 as unknown as string, count: 10 }),
    ).rejects.toMatchObject({
      code: 10004,
      message: "options.cursor: expected '' or the cursor of the previous page",
    });
    expect(sdk.calls.getGroupMessageReadMemberList).toBe(0);
  });

  it('throws from createTextMessage, and rejects getMessageList, naming the parameter', async () => {
    const { chat, sdk } = await connectTencent(teamServer(), 'alice');
    expect(() =>
      chat.createTextMessage({ to: '', conversationType: 'GROUP', payload: { text: 'x' } }),
    ).toThrow('options.to: expected a non-empty string');
    expect(() =>
      chat.createTextMessage({ to: 'team', conversationType: 'USER' as 'GROUP', payload: { text: 'x' } }),
    ).toThrow("options.conversationType: expected 'C2C' or 'GROUP'");
    await expect(chat.getMessageList({ conversationID: 'team' })).rejects.toMatchObject({
      code: 10004,
      message: "options.conversationID: expected 'C2C<userID>' or 'GROUP<groupID>'",
    });
    expect(sdk.calls).toMatchObject({ createTextMessage: 0, getMessageList: 0 });
  });

  it('refuses what is not an SDK instance', () => {
    expect(() => fromTencentChat(null as never)).toThrow(
      'tim: expected an SDK instance made by TencentCloudChat.create',
    );
    expect(() => fromTencentChat({ on() {}, off() {} } as never)).toThrow(
      'tim: expected an SDK instance made by TencentCloudChat.create (missing getLoginUser, isReady, createTextMessage',
    );
  });
});

describe('the SDK is asked nothing when readby reads state', () => {
  it('getLoginUser, hasReadReceipts and netState read what the adapter keeps', async () => {
    const { chat, sdk } = await connectTencent(teamServer(), 'alice');
    const message = groupText(chat, 'hi');
    const direct = chat.createTextMessage({
      to: 'bob',
      conversationType: 'C2C',
      payload: { text: 'hi' },
      needReadReceipt: true,
    });
    sdk.resetCalls();
    for (let i = 0; i < 100; i++) {
      chat.getLoginUser();
      chat.hasReadReceipts(message);
      chat.hasReadReceipts(direct);
      void chat.netState;
    }
    expect(Object.values(sdk.calls).every((count) => count === 0)).toBe(true);
  });

  it("passes the SDK's own messages back as they are, with no findMessage", async () => {
    const { bob, loaded } = await sentAndLoaded(3);
    const receipts = vi.spyOn(bob.sdk, 'sendMessageReadReceipt');
    await bob.chat.sendMessageReadReceipt(loaded);
    expect(bob.sdk.calls.findMessage).toBe(0);
    expect(receipts.mock.calls[0]![0]).toEqual(loaded);
    expect(receipts.mock.calls[0]![0].every((message, i) => message === loaded[i])).toBe(true);
  });

  it("swaps each plain copy for the SDK's own with one findMessage, and passes unknown ones as given", async () => {
    const { alice, sent } = await sentAndLoaded(2);
    const copies: MessageLike[] = JSON.parse(JSON.stringify(sent));
    // Someone else's message the SDK has not loaded: the SDK reads its fields and leaves it out of the pull.
    const unknown = { ...copies[0]!, ID: 'from-elsewhere', from: 'bob' };
    const pulls = vi.spyOn(alice.sdk, 'getMessageReadReceiptList');
    const { data } = await alice.chat.getMessageReadReceiptList([...copies, unknown]);
    expect(alice.sdk.calls.findMessage).toBe(3);
    const given = pulls.mock.calls[0]![0];
    expect(given[0]).toBe(sent[0]);
    expect(given[1]).toBe(sent[1]);
    expect(given[2]).toBe(unknown);
    expect(data.messageList).toEqual([sent[0], sent[1], unknown]);
    expect(data.messageList[0]).toBe(sent[0]);
  });
});

describe('getGroupMessageReadMemberList pages through who read a group message (R7)', () => {
  it('gives readers in the order they read, then the rest, with both lists always present', async () => {
    const server = createTencentServer();
    server.createGroup({
      groupID: 'team',
      type: 'Private',
      memberList: ['alice', 'bob', 'carol', 'dave', 'erin'],
    });
    const alice = await connectTencent(server, 'alice');
    const message = groupText(alice.chat, 'hi');
    await alice.chat.sendMessage(message);
    for (const reader of ['dave', 'carol']) {
      const client = await connectTencent(server, reader);
      const page = await client.chat.getMessageList({ conversationID: 'GROUPteam' });
      await client.chat.sendMessageReadReceipt(page.data.messageList);
    }
    const first = await alice.chat.getGroupMessageReadMemberList({
      message,
      filter: 0,
      cursor: '',
      count: 1,
    });
    expect(first.data).toMatchObject({
      messageID: message.ID,
      readUserIDList: ['dave'],
      unreadUserIDList: [],
      isCompleted: false,
    });
    const second = await alice.chat.getGroupMessageReadMemberList({
      message,
      filter: 0,
      cursor: first.data.cursor,
      count: 1,
    });
    expect(second.data).toEqual({
      messageID: message.ID,
      cursor: '',
      isCompleted: true,
      readUserIDList: ['carol'],
      unreadUserIDList: [],
    });
    const unread = await alice.chat.getGroupMessageReadMemberList({
      message,
      filter: 1,
      cursor: '',
      count: 500,
    });
    expect(unread.data).toMatchObject({
      readUserIDList: [],
      unreadUserIDList: ['bob', 'erin'],
      isCompleted: true,
    });
  });

  it('asks the SDK for at most 100 members a page', async () => {
    const { chat, sdk } = await connectTencent(teamServer(), 'alice');
    const message = groupText(chat, 'hi');
    await chat.sendMessage(message);
    const pages = vi.spyOn(sdk, 'getGroupMessageReadMemberList');
    await chat.getGroupMessageReadMemberList({ message, filter: 1, cursor: '', count: 500 });
    expect(pages.mock.calls[0]![0]).toEqual({ message, filter: 1, cursor: '', count: 100 });
  });
});

describe('hasReadReceipts: which messages can have receipts at all (R8)', () => {
  it.each<[GroupType, boolean]>([
    ['Private', true],
    ['Public', true],
    ['ChatRoom', true],
    ['Community', false],
    ['AVChatRoom', false],
  ])('a message with receipts asked in a %s group: %s, told by the group list', async (type, expected) => {
    const { chat, sdk } = await connectTencent(teamServer(type), 'alice');
    const message = groupText(chat, 'hello');
    const { data } = await chat.sendMessage(message);
    expect(message.needReadReceipt).toBe(true); // the SDK keeps what was asked…
    expect(data).not.toHaveProperty('readReceiptCode'); // …and does not say it was ignored
    expect(chat.hasReadReceipts(message)).toBe(expected);
    expect(sdk.calls).toMatchObject({ getGroupList: 1, getGroupProfile: 0 });
  });

  it('is true for one-to-one messages with receipts, and false for any message without', async () => {
    const { chat } = await connectTencent(teamServer(), 'alice');
    const direct = chat.createTextMessage({
      to: 'bob',
      conversationType: 'C2C',
      payload: { text: 'hi' },
      needReadReceipt: true,
    });
    expect(chat.hasReadReceipts(direct)).toBe(true);
    expect(chat.hasReadReceipts({ ...direct, needReadReceipt: false })).toBe(false);
    expect(chat.hasReadReceipts(groupText(chat, 'hi', 'team', false))).toBe(false);
  });

  it('follows the group types the app switched receipts on for', async () => {
    const server = teamServer('Public');
    const { chat } = await connectTencent(server, 'alice', {
      adapter: { readReceiptGroupTypes: ['Private'] },
    });
    expect(chat.hasReadReceipts(groupText(chat, 'hi'))).toBe(false);
  });

  it('learns a group joined later from GROUP_LIST_UPDATED, asking the SDK nothing', async () => {
    const server = teamServer();
    const { chat, sdk } = await connectTencent(server, 'alice');
    server.createGroup({ groupID: 'lounge', type: 'Community', memberList: ['alice', 'bob'] });
    await settle();
    expect(chat.hasReadReceipts(groupText(chat, 'hi', 'lounge'))).toBe(false);
    expect(sdk.calls).toMatchObject({ getGroupList: 1, getGroupProfile: 0 });
  });

  it('is true while a group is unknown, and asks for its profile once', async () => {
    const server = teamServer();
    server.createGroup({ groupID: 'lounge', type: 'AVChatRoom', memberList: ['bob'] });
    const { chat, sdk } = await connectTencent(server, 'alice');
    // A message alice holds from elsewhere, of a group she is not in.
    const message = { ID: 'x', conversationID: 'GROUPlounge', conversationType: 'GROUP', to: 'lounge' };
    const seen = Array.from({ length: 50 }, () =>
      chat.hasReadReceipts({ ...message, from: 'bob', status: 'success', needReadReceipt: true }),
    );
    expect(seen.every((value) => value)).toBe(true);
    await settle();
    expect(sdk.calls.getGroupProfile).toBe(1);
    expect(chat.hasReadReceipts({ ...message, from: 'bob', status: 'success', needReadReceipt: true })).toBe(
      false,
    );
  });

  it('is false for a message in a community topic', async () => {
    const { chat, sdk } = await connectTencent(teamServer(), 'alice');
    const topic = '@TGS#_lounge@TOPIC#_news';
    const message = { ID: 'y', conversationID: `GROUP${topic}`, conversationType: 'GROUP', to: topic };
    expect(chat.hasReadReceipts({ ...message, from: 'bob', status: 'success', needReadReceipt: true })).toBe(
      false,
    );
    expect(sdk.calls.getGroupProfile).toBe(0);
  });
});

describe('counts of 0/0 on a group message from history', () => {
  it('are handed on as the SDK has them, and a pull fills in the same object', async () => {
    const server = teamServer();
    const first = await connectTencent(server, 'alice');
    await first.chat.sendMessage(groupText(first.chat, 'before'));
    const bob = await connectTencent(server, 'bob');
    const page = await bob.chat.getMessageList({ conversationID: 'GROUPteam' });
    await bob.chat.sendMessageReadReceipt(page.data.messageList);

    const { chat } = await connectTencent(server, 'alice');
    const { data } = await chat.getMessageList({ conversationID: 'GROUPteam' });
    const [fromHistory] = data.messageList;
    expect(fromHistory!.readReceiptInfo).toMatchObject({ readCount: 0, unreadCount: 0 });
    const pulled = await chat.getMessageReadReceiptList(data.messageList);
    expect(pulled.data.messageList[0]).toBe(fromHistory);
    expect(fromHistory!.readReceiptInfo).toMatchObject({ readCount: 1, unreadCount: 1 });
  });
});
