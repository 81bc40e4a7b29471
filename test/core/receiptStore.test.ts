import { type ChatLike, getReceiptStore, type MessageLike, type ReceiptState, TYPES } from 'readby';
import { describe, expect, it, vi } from 'vitest';
import { connect, draftText, sendText, settle, teamServer } from './helpers';

const MEMBERS = ['alice', 'bob', 'carol', 'dave'];

/** What a badge shows, less the ID. */
function shown(state: ReceiptState | undefined) {
  if (!state) return undefined;
  const { messageID: _, ...rest } = state;
  return rest;
}

const UNREAD_OF_3 = {
  status: 'unread',
  readCount: 0,
  unreadCount: 3,
  total: 3,
  isPeerRead: false,
  isLoading: false,
  error: null,
};

describe('§3 receipt store: one current state per message ID', () => {
  it('shows a sent group message as unread by its 3 recipients, then follows pushed receipts (R2, R5)', async () => {
    const server = teamServer(MEMBERS);
    const alice = connect(server, 'alice');
    const store = getReceiptStore(alice);
    const message = await sendText(alice, 'team', 'Ship it?');
    store.track(message);
    expect(shown(store.get(message.ID))).toEqual(UNREAD_OF_3);

    const heard = vi.fn();
    store.subscribe(message.ID, heard);
    server.request('bob', 'sendMessageReadReceipt', { messageIDs: [message.ID] });
    server.request('carol', 'sendMessageReadReceipt', { messageIDs: [message.ID] });
    await settle();
    await settle();
    // Both pushes are published in one update.
    expect(heard).toHaveBeenCalledTimes(1);
    expect(shown(store.get(message.ID))).toMatchObject({ status: 'partial', readCount: 2, unreadCount: 1 });
  });

  it('is the same store for every caller of one chat, and another for another chat', () => {
    const server = teamServer(MEMBERS);
    const alice = connect(server, 'alice');
    expect(getReceiptStore(alice)).toBe(getReceiptStore(alice));
    expect(getReceiptStore(connect(server, 'alice'))).not.toBe(getReceiptStore(alice));
  });

  it('never goes back: an older snapshot handed in later changes nothing (R2)', async () => {
    const server = teamServer(MEMBERS);
    const alice = connect(server, 'alice');
    const store = getReceiptStore(alice);
    const draft = draftText(alice, 'team', 'Ship it?');
    const sent = (await alice.sendMessage(draft)).data.message;
    store.track(sent);
    const before = store.get(sent.ID);
    store.track(draft);
    expect(store.get(sent.ID)).toBe(before);
    expect(store.get(sent.ID)?.status).toBe('unread');
  });

  it('forgets the oldest messages nobody watches beyond maxEntries, never a watched one nor the newest', async () => {
    const alice = connect(teamServer(MEMBERS), 'alice');
    const { ReceiptStore } = await import('readby');
    const store = new ReceiptStore(alice, { maxEntries: 2 });
    const [first, second, third, fourth] = [
      await sendText(alice, 'team', 'one'),
      await sendText(alice, 'team', 'two'),
      await sendText(alice, 'team', 'three'),
      await sendText(alice, 'team', 'four'),
    ];
    store.track(first!);
    store.subscribe(first!.ID, () => {});
    store.track(second!);
    store.track(third!);
    expect([first, second, third].map((m) => store.get(m!.ID)?.status)).toEqual([
      'unread',
      undefined,
      'unread',
    ]);
    store.track(fourth!);
    expect([first, third, fourth].map((m) => store.get(m!.ID)?.status)).toEqual([
      'unread',
      undefined,
      'unread',
    ]);
    store.destroy();
  });

  it('catches up on receipts pushed before it heard of the message, from the client’s own copy', async () => {
    const server = teamServer(MEMBERS);
    const alice = connect(server, 'alice');
    const message = await sendText(alice, 'team', 'Ship it?');
    server.request('bob', 'sendMessageReadReceipt', { messageIDs: [message.ID] });
    await settle();
    const store = getReceiptStore(alice);
    store.track(message);
    expect(store.get(message.ID)).toMatchObject({ status: 'partial', readCount: 1, unreadCount: 2 });
  });
});

describe('§3 receipt store: pulls', () => {
  it('pulls the counts of messages tracked in one tick together: one call per conversation, ≤ 100 each (R6)', async () => {
    const server = teamServer(MEMBERS);
    server.createGroup({ groupID: 'other', type: TYPES.GRP_WORK, memberList: MEMBERS });
    const sender = connect(server, 'alice');
    for (let i = 0; i < 150; i++) await sendText(sender, 'team', `team ${i}`);
    for (let i = 0; i < 20; i++) await sendText(sender, 'other', `other ${i}`);
    // Another device of alice's, with history whose counts it does not know.
    const alice = connect(server, 'alice');
    const loaded: MessageLike[] = [];
    for (const conversationID of ['GROUPteam', 'GROUPother']) {
      let next = '';
      do {
        const { data } = await alice.getMessageList({
          conversationID,
          ...(next ? { nextReqMessageID: next } : {}),
        });
        loaded.push(...data.messageList);
        next = data.isCompleted ? '' : data.nextReqMessageID;
      } while (next);
    }
    const pull = vi.spyOn(alice, 'getMessageReadReceiptList');
    const store = getReceiptStore(alice);
    for (const message of loaded) store.track(message);
    expect(store.get(loaded[0]!.ID)?.isLoading).toBe(true);
    await settle();
    await settle();
    expect(pull.mock.calls.map(([list]) => [list[0]!.conversationID, list.length])).toEqual([
      ['GROUPteam', 100],
      ['GROUPteam', 50],
      ['GROUPother', 20],
    ]);
    expect(shown(store.get(loaded[0]!.ID))).toEqual(UNREAD_OF_3);
  });

  it('tells a group message by conversationType: JSON that dropped its unknown counts is still a group message', async () => {
    const server = teamServer(MEMBERS);
    const sender = connect(server, 'alice');
    await sendText(sender, 'team', 'Ship it?');
    const alice = connect(server, 'alice');
    const [loaded] = (await alice.getMessageList({ conversationID: 'GROUPteam' })).data.messageList;
    const json = JSON.parse(JSON.stringify(loaded)) as MessageLike;
    expect(json.readReceiptInfo).toEqual({});
    const store = getReceiptStore(alice);
    expect(shown(store.describe(json))).toMatchObject({
      status: 'unread',
      total: undefined,
      isLoading: true,
    });
    store.track(json);
    await settle();
    await settle();
    expect(shown(store.get(json.ID))).toEqual(UNREAD_OF_3);
  });

  it('takes 0/0 on a group message it is handed as unknown, and pulls it (the vendor shows 0/0 from history)', async () => {
    const server = teamServer(MEMBERS);
    const sender = connect(server, 'alice');
    const message = await sendText(sender, 'team', 'Ship it?');
    const alice = connect(server, 'alice');
    const store = getReceiptStore(alice);
    const vendorLike: MessageLike = { ...message, readReceiptInfo: { readCount: 0, unreadCount: 0 } };
    expect(store.describe(vendorLike)).toMatchObject({
      status: 'unread',
      readCount: undefined,
      isLoading: true,
    });
    const pull = vi.spyOn(alice, 'getMessageReadReceiptList');
    store.track(vendorLike);
    await settle();
    await settle();
    expect(pull).toHaveBeenCalledTimes(1);
    expect(shown(store.get(message.ID))).toEqual(UNREAD_OF_3);
  });

  it('reads a one-to-one message by isPeerRead alone: the vendor’s readCount 0 there says nothing (R9)', () => {
    const alice = connect(teamServer(MEMBERS), 'alice');
    const store = getReceiptStore(alice);
    const base = {
      ID: 'c2c-1',
      conversationType: TYPES.CONV_C2C,
      conversationID: 'C2Cbob',
      to: 'bob',
      from: 'alice',
      status: 'success',
      needReadReceipt: true,
    };
    const unread = {
      ...base,
      readReceiptInfo: { readCount: 0, unreadCount: 0, isPeerRead: false, timestamp: 0 },
    };
    expect(shown(store.describe(unread))).toEqual({
      status: 'unread',
      readCount: 0,
      unreadCount: 1,
      total: 1,
      isPeerRead: false,
      isLoading: false,
      error: null,
    });
    const read = {
      ...base,
      readReceiptInfo: { readCount: 0, unreadCount: 0, isPeerRead: true, timestamp: 9 },
    };
    expect(store.describe(read)).toMatchObject({ status: 'read', readCount: 1, unreadCount: 0, total: 1 });
  });

  it('makes a message from JSON live: its counts are pulled and later receipts reach it (R5, R6)', async () => {
    const server = teamServer(MEMBERS);
    const sender = connect(server, 'alice');
    const message = await sendText(sender, 'team', 'Ship it?');
    server.request('bob', 'sendMessageReadReceipt', { messageIDs: [message.ID] });
    await settle();
    // Server rendering, another tab: a fresh client of alice's that never loaded the message.
    const alice = connect(server, 'alice');
    const store = getReceiptStore(alice);
    store.track(JSON.parse(JSON.stringify(message)) as MessageLike);
    await settle();
    await settle();
    expect(store.get(message.ID)).toMatchObject({ status: 'partial', readCount: 1, unreadCount: 2 });
    server.request('carol', 'sendMessageReadReceipt', { messageIDs: [message.ID] });
    await settle();
    await settle();
    expect(store.get(message.ID)).toMatchObject({ status: 'partial', readCount: 2, unreadCount: 1 });
  });
});

describe('§3 receipt store: sends and the connection', () => {
  it('follows a draft through its send to unread, with no newer snapshot handed in', async () => {
    const alice = connect(teamServer(MEMBERS), 'alice');
    const store = getReceiptStore(alice);
    const draft = draftText(alice, 'team', 'Ship it?');
    store.track(draft);
    expect(store.get(draft.ID)?.status).toBe('sending');
    await alice.sendMessage(draft);
    await settle();
    expect(shown(store.get(draft.ID))).toEqual(UNREAD_OF_3);
  });

  it('after a reconnect pulls again only the watched messages that can still change (R12)', async () => {
    const server = teamServer(MEMBERS);
    const transport = server.connect('alice');
    const { default: ReadBy } = await import('readby');
    const alice = ReadBy.create({ transport });
    const store = getReceiptStore(alice);
    const watched = await sendText(alice, 'team', 'watched');
    const everyone = await sendText(alice, 'team', 'read by all');
    const unwatched = await sendText(alice, 'team', 'nobody looks');
    server.request('bob', 'sendMessageReadReceipt', { messageIDs: [everyone.ID] });
    server.request('carol', 'sendMessageReadReceipt', { messageIDs: [everyone.ID] });
    server.request('dave', 'sendMessageReadReceipt', { messageIDs: [everyone.ID] });
    await settle();
    for (const message of [watched, everyone, unwatched]) store.track(message);
    store.subscribe(watched.ID, () => {});
    store.subscribe(everyone.ID, () => {});
    const pull = vi.spyOn(alice, 'getMessageReadReceiptList');
    transport.disconnect();
    await settle();
    transport.reconnect();
    await settle();
    await settle();
    const fromStore = pull.mock.calls.filter(([list]) => list.length === 1 && list[0]!.ID === watched.ID);
    expect(fromStore).toHaveLength(1);
    expect(pull.mock.calls.flatMap(([list]) => list.map((m) => m.ID))).not.toContain(everyone.ID);
    alice.destroy();
  });

  it('stops listening to the chat on destroy: every handler it added is removed', () => {
    const alice = connect(teamServer(MEMBERS), 'alice');
    const on = vi.spyOn(alice, 'on');
    const off = vi.spyOn(alice, 'off');
    const chat: ChatLike = alice;
    const store = getReceiptStore(chat);
    store.destroy();
    expect(off.mock.calls.map(([name, handler]) => [name, handler])).toEqual(
      on.mock.calls.map(([name, handler]) => [name, handler]),
    );
    expect(on).toHaveBeenCalledTimes(4);
    expect(getReceiptStore(chat)).not.toBe(store);
  });
});
