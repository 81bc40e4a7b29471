import { EVENT, type Message, ReadByError, type RequestName } from 'readby';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWireCheck } from '../../src/core/wireCheck';
import { draftText, rejection, sendText, sendToPeer, settle, teamServer, thrown } from './helpers';
import { type TamperedChat, tamperedChat } from './tamperedChat';

const INVALID_RESPONSE = 2803;

type Alice = TamperedChat & { group: Message; peer: Message; incoming: string };

/**
 * Alice, connected, with a group message read by bob (1 of 3), a one-to-one message to bob, and a message from
 * bob that asks her for a receipt.
 */
async function aliceWithMessages(): Promise<Alice> {
  const server = teamServer(['alice', 'bob', 'carol', 'dave']);
  const wire = tamperedChat(server, 'alice');
  const group = await sendText(wire.chat, 'team', 'counted');
  const peer = await sendToPeer(wire.chat, 'bob', 'direct');
  server.request('bob', 'sendMessageReadReceipt', { messageIDs: [group.ID] });
  const incoming = server.postMessage({
    from: 'bob',
    to: 'team',
    conversationType: 'GROUP',
    text: 'from bob',
    needReadReceipt: true,
  });
  await settle();
  expect(wire.chat.findMessage(group.ID)!.readReceiptInfo).toEqual({ readCount: 1, unreadCount: 2 });
  expect(wire.chat.findMessage(incoming.ID)!.flow).toBe('in');
  return { ...wire, group, peer, incoming: incoming.ID };
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** Every event the chat emits from now on, as `name` and `data`. */
function events(wire: TamperedChat): unknown[] {
  const seen: unknown[] = [];
  for (const name of Object.values(EVENT)) wire.chat.on(name, ({ data }) => seen.push({ name, data }));
  return seen;
}

function groupItem(messageID: string, readCount: unknown, unreadCount: unknown) {
  return { groupID: 'team', messageID, readCount, unreadCount };
}

describe('pushes from the wire (R2, R5, R12)', () => {
  const malformed: Array<[string, (group: Message) => unknown]> = [
    ['undefined', () => undefined],
    ['null', () => null],
    ['a number', () => 42],
    ['an array', () => [{ type: 'sync' }]],
    ['a push of an unknown type', () => ({ type: 'typing', userID: 'bob' })],
    ['receipts with items: null', () => ({ type: 'receipts', items: null })],
    ['receipts whose item is null', () => ({ type: 'receipts', items: [null] })],
    ['a count that is a string', (m) => ({ type: 'receipts', items: [groupItem(m.ID, '2', 1)] })],
    ['read by 5 of 3 (5 read, -2 unread)', (m) => ({ type: 'receipts', items: [groupItem(m.ID, 5, -2)] })],
    ['a fractional count', (m) => ({ type: 'receipts', items: [groupItem(m.ID, 1.5, 1.5)] })],
    ['a count beyond 2^53', (m) => ({ type: 'receipts', items: [groupItem(m.ID, 2 ** 60, 0)] })],
    ['a NaN count', (m) => ({ type: 'receipts', items: [groupItem(m.ID, Number.NaN, 0)] })],
    ['a total grown from 3 to 7', (m) => ({ type: 'receipts', items: [groupItem(m.ID, 2, 5)] })],
    [
      'a one-to-one item for a group message',
      (m) => ({
        type: 'receipts',
        items: [{ userID: 'bob', messageID: m.ID, isPeerRead: true, timestamp: 1 }],
      }),
    ],
    [
      'a message without a sender',
      () => ({
        type: 'message',
        message: {
          ID: 'x',
          type: 'TIMTextElem',
          payload: { text: 'x' },
          conversationType: 'GROUP',
          to: 'team',
        },
      }),
    ],
    ['a message: null', () => ({ type: 'message', message: null })],
    ['peerRead with a negative sequence', () => ({ type: 'peerRead', userID: 'bob', sequence: -1 })],
    ['seq: 1e308', () => ({ type: 'sync', seq: 1e308 })],
    ['seq: -1', () => ({ type: 'sync', seq: -1 })],
    ['seq: 1.5', () => ({ type: 'sync', seq: 1.5 })],
    ['seq: NaN', () => ({ type: 'sync', seq: Number.NaN })],
    ['seq: "2"', () => ({ type: 'sync', seq: '2' })],
  ];

  it.each(malformed)(
    'R12: drops %s, reports it with INVALID_RESPONSE and changes nothing',
    async (_, make) => {
      const wire = await aliceWithMessages();
      const seen = events(wire);
      const before = [wire.chat.findMessage(wire.group.ID), wire.chat.findMessage(wire.peer.ID)];
      const requests = wire.requests.length;
      expect(() => wire.push(make(wire.group))).not.toThrow();
      await settle();
      expect([wire.chat.findMessage(wire.group.ID), wire.chat.findMessage(wire.peer.ID)]).toEqual(before);
      expect(seen).toEqual([]);
      expect(wire.requests.length).toBe(requests);
      expect(wire.reported).toHaveLength(1);
      expect(wire.reported[0]).toBeInstanceOf(ReadByError);
      expect(wire.reported[0]!.code).toBe(INVALID_RESPONSE);
      expect(wire.reported[0]!.message).toMatch(/^push(\.\w+|\[\d+\])*: expected /);
    },
  );

  it('R2: a push that would change one total is refused whole: none of its items is applied', async () => {
    const wire = await aliceWithMessages();
    const other = await sendText(wire.chat, 'team', 'other');
    wire.push({ type: 'receipts', items: [groupItem(other.ID, 1, 2), groupItem(wire.group.ID, 2, 2)] });
    await settle();
    expect(wire.chat.findMessage(other.ID)!.readReceiptInfo).toEqual({ readCount: 0, unreadCount: 3 });
    expect(wire.chat.findMessage(wire.group.ID)!.readReceiptInfo).toEqual({ readCount: 1, unreadCount: 2 });
    expect(wire.reported.map((error) => error.message)).toEqual([
      'push.items[1]: expected readCount + unreadCount = 3, as before',
    ]);
  });

  it('R2: after refusing a bad push, the next good one still applies', async () => {
    const wire = await aliceWithMessages();
    wire.push({ type: 'receipts', items: [groupItem(wire.group.ID, 5, -2)] });
    wire.push({ type: 'receipts', items: [groupItem(wire.group.ID, 2, 1)] });
    await settle();
    expect(wire.chat.findMessage(wire.group.ID)!.readReceiptInfo).toEqual({ readCount: 2, unreadCount: 1 });
    expect(wire.reported).toHaveLength(1);
  });

  it('R12: a push numbered 1e308 does not blind gap detection: a push lost after it is still made up for', async () => {
    // Nobody reads or writes, so the server pushes nothing and the test numbers every push.
    const wire = tamperedChat(teamServer(), 'alice');
    await sendText(wire.chat, 'team', 'watched');
    vi.useFakeTimers();
    wire.push({ type: 'receipts', items: [], seq: 1 });
    wire.push({ type: 'sync', seq: 1e308 });
    // Push 2 never comes.
    wire.push({ type: 'receipts', items: [], seq: 3 });
    await vi.advanceTimersByTimeAsync(0);
    const before = wire.requests.length;
    await vi.advanceTimersByTimeAsync(1_100);
    expect(wire.requests.slice(before)).toEqual(['getMessageReadReceiptList']);
    expect(wire.reported.map((error) => error.message)).toEqual(['push.seq: expected a whole number ≥ 0']);
  });

  it('R12: an unknown connection state is reported and ignored', async () => {
    const wire = await aliceWithMessages();
    const seen = events(wire);
    expect(() => wire.state('online')).not.toThrow();
    expect(() => wire.state(undefined)).not.toThrow();
    expect(wire.chat.netState).toBe('connected');
    expect(seen).toEqual([]);
    expect(wire.reported.map((error) => [error.code, error.message])).toEqual([
      [INVALID_RESPONSE, 'state: expected "connected" or "connecting" or "disconnected"'],
      [INVALID_RESPONSE, 'state: expected "connected" or "connecting" or "disconnected"'],
    ]);
  });

  it('R12: an onError handler that throws does not reach the transport', async () => {
    const server = teamServer();
    const reportError = vi.fn();
    vi.stubGlobal('reportError', reportError);
    const wire = tamperedChat(server, 'alice', {
      onError: () => {
        throw new Error('handler failed');
      },
    });
    await settle();
    expect(() => wire.push(null)).not.toThrow();
    expect(reportError).toHaveBeenCalledWith(new Error('handler failed'));
  });
});

describe('R5: a pushed one-to-one receipt tells only of a read', () => {
  function peerItem(messageID: string, isPeerRead: unknown) {
    return { userID: 'bob', messageID, isPeerRead, timestamp: 1_700_000_100 };
  }

  it.each([
    ['false', false],
    ['"true"', 'true'],
    ['1', 1],
    ['left out', undefined],
  ])(
    'R5: an item whose isPeerRead is %s is refused whole with INVALID_RESPONSE and marks nothing read',
    async (_, isPeerRead) => {
      const wire = await aliceWithMessages();
      const seen = events(wire);
      const other = await sendToPeer(wire.chat, 'bob', 'second');
      wire.push({
        type: 'receipts',
        items: [peerItem(other.ID, true), peerItem(wire.peer.ID, isPeerRead)],
      });
      await settle();
      for (const ID of [wire.peer.ID, other.ID]) {
        expect(wire.chat.findMessage(ID)).toMatchObject({
          readReceiptInfo: { isPeerRead: false, timestamp: 0 },
          isPeerRead: false,
        });
      }
      expect(
        seen.filter((event) => (event as { name: string }).name !== EVENT.MESSAGE_STATUS_CHANGED),
      ).toEqual([]);
      expect(wire.reported.map((error) => [error.code, error.message])).toEqual([
        [INVALID_RESPONSE, 'push.items[1].isPeerRead: expected true'],
      ]);
    },
  );

  it('R5: an item that says not read cannot take a read message back to unread', async () => {
    const wire = await aliceWithMessages();
    wire.push({ type: 'receipts', items: [peerItem(wire.peer.ID, true)] });
    await settle();
    const read = wire.chat.findMessage(wire.peer.ID)!;
    expect(read.readReceiptInfo).toEqual({ isPeerRead: true, timestamp: 1_700_000_100 });
    const seen = events(wire);
    wire.push({ type: 'receipts', items: [{ ...peerItem(wire.peer.ID, false), timestamp: 0 }] });
    await settle();
    expect(wire.chat.findMessage(wire.peer.ID)).toEqual(read);
    expect(seen).toEqual([]);
    expect(wire.reported.map((error) => error.message)).toEqual(['push.items[0].isPeerRead: expected true']);
  });

  it('R5, R12: the number of a refused item leaves a gap, and the pull that fills it finds the true state', async () => {
    const server = teamServer();
    const wire = tamperedChat(server, 'alice');
    const peer = await sendToPeer(wire.chat, 'bob', 'direct');
    vi.useFakeTimers();
    wire.push({ type: 'receipts', items: [peerItem(peer.ID, false)], seq: 1 });
    wire.push({ type: 'sync', seq: 1 });
    await vi.advanceTimersByTimeAsync(1_100);
    expect(wire.requests.at(-1)).toBe('getMessageReadReceiptList');
    expect(wire.chat.findMessage(peer.ID)!.readReceiptInfo).toEqual({ isPeerRead: false, timestamp: 0 });
    expect(wire.reported.map((error) => error.message)).toEqual(['push.items[0].isPeerRead: expected true']);
  });
});

describe("R5: a pushed item names its message's conversation", () => {
  const peerItem = (messageID: string) => ({
    userID: 'bob',
    messageID,
    isPeerRead: true,
    timestamp: 1_700_000_100,
  });
  const { groupID: _group, ...withoutGroupID } = groupItem('', 2, 1);
  const { userID: _user, ...withoutUserID } = peerItem('');
  const cases: Array<[string, (alice: Alice) => unknown, string]> = [
    [
      'a group item without groupID',
      (a) => ({ ...withoutGroupID, messageID: a.group.ID }),
      'push.items[0].groupID: expected a non-empty string',
    ],
    [
      'a group item whose groupID is a number',
      (a) => ({ ...groupItem(a.group.ID, 2, 1), groupID: 7 }),
      'push.items[0].groupID: expected a non-empty string',
    ],
    [
      "a group item whose groupID is ''",
      (a) => ({ ...groupItem(a.group.ID, 2, 1), groupID: '' }),
      'push.items[0].groupID: expected a non-empty string',
    ],
    [
      'a group item that names another group',
      (a) => ({ ...groupItem(a.group.ID, 2, 1), groupID: 'elsewhere' }),
      "push.items[0].groupID: expected 'team', the group of its message",
    ],
    [
      'a one-to-one item without userID',
      (a) => ({ ...withoutUserID, messageID: a.peer.ID }),
      'push.items[0].userID: expected a non-empty string',
    ],
    [
      'a one-to-one item whose userID is null',
      (a) => ({ ...peerItem(a.peer.ID), userID: null }),
      'push.items[0].userID: expected a non-empty string',
    ],
    [
      'a one-to-one item that names another peer',
      (a) => ({ ...peerItem(a.peer.ID), userID: 'carol' }),
      "push.items[0].userID: expected 'bob', the peer of its message",
    ],
    [
      'a one-to-one item that names alice herself as the reader',
      (a) => ({ ...peerItem(a.peer.ID), userID: 'alice' }),
      "push.items[0].userID: expected 'bob', the peer of its message",
    ],
  ];

  it.each(cases)(
    'R5: %s is refused whole with INVALID_RESPONSE naming the field, and changes nothing',
    async (_, make, expected) => {
      const wire = await aliceWithMessages();
      const seen = events(wire);
      const before = [wire.chat.findMessage(wire.group.ID), wire.chat.findMessage(wire.peer.ID)];
      wire.push({ type: 'receipts', items: [make(wire)] });
      await settle();
      expect([wire.chat.findMessage(wire.group.ID), wire.chat.findMessage(wire.peer.ID)]).toEqual(before);
      expect(seen).toEqual([]);
      expect(wire.reported.map((error) => [error.code, error.message])).toEqual([
        [INVALID_RESPONSE, expected],
      ]);
    },
  );

  it("R5: items that name their message's group and peer are applied", async () => {
    const wire = await aliceWithMessages();
    wire.push({ type: 'receipts', items: [groupItem(wire.group.ID, 2, 1), peerItem(wire.peer.ID)] });
    await settle();
    expect(wire.chat.findMessage(wire.group.ID)!.readReceiptInfo).toEqual({ readCount: 2, unreadCount: 1 });
    expect(wire.chat.findMessage(wire.peer.ID)!.readReceiptInfo).toEqual({
      isPeerRead: true,
      timestamp: 1_700_000_100,
    });
    expect(wire.reported).toEqual([]);
  });

  it('R5: an item for a message the chat does not hold needs only its strings, and changes nothing', () => {
    const check = createWireCheck('alice', () => undefined);
    const push = {
      type: 'receipts',
      items: [
        { groupID: 'anywhere', messageID: 'unknown-1', readCount: 1, unreadCount: 1 },
        { userID: 'zoe', messageID: 'unknown-2', isPeerRead: true, timestamp: 0 },
      ],
    };
    expect(check.push(push)).toEqual(push);
    const bad = { ...push, items: [push.items[0], { ...push.items[1], userID: 42 }] };
    expect(thrown(() => check.push(bad)).toJSON()).toEqual({
      code: INVALID_RESPONSE,
      message: 'push.items[1].userID: expected a non-empty string',
    });
  });
});

describe('R9: a one-to-one receipt says whether the peer marked the conversation read', () => {
  it('R9: a pulled one-to-one receipt without markedRead rejects with INVALID_RESPONSE and changes nothing', async () => {
    const wire = await aliceWithMessages();
    wire.tamper('getMessageReadReceiptList', (answer: { receipts: Array<Record<string, unknown>> }) => ({
      receipts: answer.receipts.map(({ markedRead: _, ...receipt }) => ({ ...receipt, isPeerRead: true })),
    }));
    const seen = events(wire);
    const before = wire.chat.findMessage(wire.peer.ID);
    const error = await rejection(wire.chat.getMessageReadReceiptList([wire.peer]));
    expect(error.toJSON()).toEqual({
      code: INVALID_RESPONSE,
      message: 'getMessageReadReceiptList answer.receipts[0].markedRead: expected a boolean',
    });
    expect(wire.chat.findMessage(wire.peer.ID)).toEqual(before);
    expect(seen).toEqual([]);
  });

  it('R9: a sent one-to-one message whose receipt lacks markedRead is refused with INVALID_RESPONSE', async () => {
    const wire = await aliceWithMessages();
    wire.tamper('sendMessage', (answer: { message: { readReceipt: Record<string, unknown> } }) => {
      delete answer.message.readReceipt.markedRead;
      return answer;
    });
    const draft = draftText(wire.chat, 'bob', 'again', { conversationType: 'C2C' });
    const error = await rejection(wire.chat.sendMessage(draft));
    expect([error.code, error.message]).toEqual([
      INVALID_RESPONSE,
      'sendMessage answer.message.readReceipt.markedRead: expected a boolean',
    ]);
    // The send may have landed: the message is marked failed, to be sent again.
    expect(wire.chat.findMessage(draft.ID)).toMatchObject({ status: 'fail', sequence: 0 });
  });

  it('R9: a pushed one-to-one item needs no markedRead: a push tells only of a receipt', () => {
    const check = createWireCheck('alice', () => undefined);
    const push = {
      type: 'receipts',
      items: [{ userID: 'bob', messageID: 'm', isPeerRead: true, timestamp: 1 }],
    };
    expect(check.push(push)).toEqual(push);
  });
});

describe('R7: a page of who read a group message', () => {
  type Page = { readUserIDList: string[]; unreadUserIDList: string[]; cursor: string; isCompleted: boolean };
  const cases: Array<[string, 0 | 1, number, (page: Page) => Page, string]> = [
    [
      'readers also listed as not read',
      0,
      10,
      (page) => ({ ...page, unreadUserIDList: ['carol'] }),
      'getGroupMessageReadMemberList answer.unreadUserIDList: expected [] for filter 0',
    ],
    [
      'non-readers also listed as read',
      1,
      10,
      (page) => ({ ...page, readUserIDList: ['bob'] }),
      'getGroupMessageReadMemberList answer.readUserIDList: expected [] for filter 1',
    ],
    [
      'a last page that hands out a cursor',
      1,
      1,
      (page) => ({ ...page, isCompleted: true }),
      "getGroupMessageReadMemberList answer.cursor: expected '', as isCompleted is true",
    ],
    [
      'a page before the last without a cursor',
      1,
      2,
      (page) => ({ ...page, isCompleted: false }),
      'getGroupMessageReadMemberList answer.cursor: expected the cursor of the next page, as isCompleted is false',
    ],
    [
      'more members than asked for',
      1,
      1,
      (page) => ({ ...page, unreadUserIDList: ['carol', 'dave'] }),
      'getGroupMessageReadMemberList answer.unreadUserIDList: expected at most 1 ID, the count asked for',
    ],
  ];

  it.each(cases)(
    'R7: an answer with %s rejects with INVALID_RESPONSE naming the field, and changes nothing',
    async (_, filter, count, change, expected) => {
      const wire = await aliceWithMessages();
      wire.tamper('getGroupMessageReadMemberList', change);
      const seen = events(wire);
      const before = wire.chat.findMessage(wire.group.ID);
      const error = await rejection(
        wire.chat.getGroupMessageReadMemberList({ message: wire.group, filter, cursor: '', count }),
      );
      expect(error.toJSON()).toEqual({ code: INVALID_RESPONSE, message: expected });
      expect(wire.chat.findMessage(wire.group.ID)).toBe(before);
      expect(seen).toEqual([]);
      expect(wire.reported).toEqual([]);
    },
  );

  it('R7: the untampered pages of both filters are taken as they are', async () => {
    const wire = await aliceWithMessages();
    const message = wire.group;
    const first = await wire.chat.getGroupMessageReadMemberList({ message, filter: 1, cursor: '', count: 1 });
    expect(first.data).toMatchObject({ isCompleted: false, readUserIDList: [], unreadUserIDList: ['carol'] });
    expect(first.data.cursor).not.toBe('');
    const last = await wire.chat.getGroupMessageReadMemberList({
      message,
      filter: 1,
      cursor: first.data.cursor,
      count: 1,
    });
    expect(last.data).toMatchObject({ cursor: '', isCompleted: true, unreadUserIDList: ['dave'] });
    const readers = await wire.chat.getGroupMessageReadMemberList({
      message,
      filter: 0,
      cursor: '',
      count: 1,
    });
    expect(readers.data).toMatchObject({ cursor: '', isCompleted: true, readUserIDList: ['bob'] });
  });

  it('R7: a count above 100 allows a page of 100 at most, as the server reads it', () => {
    const check = createWireCheck('alice', () => undefined);
    const params = { messageID: 'm', filter: 0 as const, cursor: '', count: 500 };
    const page = (size: number) => ({
      messageID: 'm',
      cursor: 'next',
      isCompleted: false,
      readUserIDList: Array.from({ length: size }, (_, index) => `user${index}`),
      unreadUserIDList: [],
    });
    expect(check.answer('getGroupMessageReadMemberList', params, page(100))).toEqual(page(100));
    expect(thrown(() => check.answer('getGroupMessageReadMemberList', params, page(101))).toJSON()).toEqual({
      code: INVALID_RESPONSE,
      message:
        'getGroupMessageReadMemberList answer.readUserIDList: expected at most 100 IDs, the count asked for',
    });
  });
});

describe('answers from the wire (R12)', () => {
  type Case = [RequestName, string, (answer: never) => unknown];
  const cases: Case[] = [
    ['getMessageReadReceiptList', 'receipts: null', (answer: object) => ({ ...answer, receipts: null })],
    [
      'getMessageReadReceiptList',
      'a count that is a string',
      (answer: { receipts: object[] }) => ({
        receipts: answer.receipts.map((receipt) => ({ ...receipt, readCount: '1' })),
      }),
    ],
    [
      'getMessageReadReceiptList',
      'a total grown from 3 to 7',
      (answer: { receipts: object[] }) => ({
        receipts: answer.receipts.map((receipt) => ({ ...receipt, readCount: 2, unreadCount: 5 })),
      }),
    ],
    [
      'getMessageReadReceiptList',
      'a receipt for a message not asked about',
      (answer: { receipts: object[] }) => ({
        receipts: [...answer.receipts, { messageID: 'other', readCount: 0, unreadCount: 1 }],
      }),
    ],
    ['getMessageList', 'undefined', () => undefined],
    [
      'getMessageList',
      'a negative sequence',
      (answer: { messageList: object[] }) => ({
        ...answer,
        messageList: answer.messageList.map((message) => ({ ...message, sequence: -1 })),
      }),
    ],
    [
      'getMessageList',
      'a message of another conversation',
      (answer: { messageList: object[] }) => ({
        ...answer,
        messageList: answer.messageList.map((message) => ({ ...message, to: 'elsewhere' })),
      }),
    ],
    [
      'getMessageList',
      'a known message from another sender',
      (answer: { messageList: object[] }) => ({
        ...answer,
        messageList: answer.messageList.map((message) => ({ ...message, from: 'mallory' })),
      }),
    ],
    [
      'getConversationList',
      'a negative unread count',
      (answer: { conversationList: object[] }) => ({
        conversationList: answer.conversationList.map((item) => ({ ...item, unreadCount: -1 })),
      }),
    ],
    [
      'getGroupMessageReadMemberList',
      'readUserIDList: null',
      (answer: object) => ({
        ...answer,
        readUserIDList: null,
      }),
    ],
    [
      'getGroupMessageReadMemberList',
      'another messageID',
      (answer: object) => ({ ...answer, messageID: 'x' }),
    ],
    ['sendMessageReadReceipt', 'null', () => null],
    ['setMessageRead', 'a string', () => 'ok'],
    [
      'sendMessage',
      'another message',
      (answer: { message: object }) => ({
        message: { ...answer.message, ID: 'someone-else' },
      }),
    ],
  ];

  /** Makes the call of `method`; every call has been made once before, so that state is there to keep. */
  function call(wire: Alice, method: RequestName): Promise<unknown> {
    const { chat, group } = wire;
    switch (method) {
      case 'getMessageReadReceiptList':
        return chat.getMessageReadReceiptList([group]);
      case 'getMessageList':
        return chat.getMessageList({ conversationID: 'GROUPteam' });
      case 'getConversationList':
        return chat.getConversationList();
      case 'getGroupMessageReadMemberList':
        return chat.getGroupMessageReadMemberList({ message: group, filter: 0, cursor: '', count: 10 });
      case 'sendMessageReadReceipt':
        return chat.sendMessageReadReceipt([chat.findMessage(wire.incoming)!]);
      case 'setMessageRead':
        return chat.setMessageRead({ conversationID: 'GROUPteam' });
      case 'sendMessage':
        return chat.sendMessage(draftText(chat, 'team', 'new'));
    }
  }

  it.each(cases)(
    'R12: %s answered with %s rejects with INVALID_RESPONSE and changes nothing',
    async (method, _, change) => {
      const wire = await aliceWithMessages();
      wire.tamper(method, change);
      const seen = events(wire);
      const before = [wire.chat.findMessage(wire.group.ID), wire.chat.findMessage(wire.peer.ID)];
      const error = await rejection(call(wire, method));
      expect(error.code).toBe(INVALID_RESPONSE);
      expect(error.message).toMatch(new RegExp(`^${method} answer(\\.\\w+|\\[\\d+\\])*: expected `));
      expect([wire.chat.findMessage(wire.group.ID), wire.chat.findMessage(wire.peer.ID)]).toEqual(before);
      // A send whose answer cannot be read may have landed: its message is marked failed, to be sent again.
      expect(
        seen.filter((event) => (event as { name: string }).name !== EVENT.MESSAGE_STATUS_CHANGED),
      ).toEqual([]);
      expect(wire.reported).toEqual([]);
    },
  );
});
