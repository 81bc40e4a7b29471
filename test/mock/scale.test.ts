import { type Chat, ERROR_CODE, type Message } from 'readby';
import { createMockServer, createRandom, type MockServer } from 'readby/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectChat, groupMessage, postToGroup, userIDs } from './support';

const MEMBERS = 100_000;

interface Pass {
  users: string[];
  pages: { returned: number; probes: number; cursor: string; isCompleted: boolean; other: string[] }[];
}

/** A full pass over one filter of a message's member list, as its sender, with the work each page did. */
function fullPass(
  server: MockServer,
  messageID: string,
  filter: 0 | 1,
  count = 100,
  between?: () => void,
): Pass {
  const pass: Pass = { users: [], pages: [] };
  let cursor = '';
  do {
    const before = server.getWorkStats().memberListProbes;
    const page = server.request('u0', 'getGroupMessageReadMemberList', { messageID, filter, cursor, count });
    const users = filter === 0 ? page.readUserIDList : page.unreadUserIDList;
    pass.users.push(...users);
    pass.pages.push({
      returned: users.length,
      probes: server.getWorkStats().memberListProbes - before,
      cursor: page.cursor,
      isCompleted: page.isCompleted,
      other: filter === 0 ? page.unreadUserIDList : page.readUserIDList,
    });
    // Only the last page is complete, and only it has no cursor: checked as we go, so a pass always ends.
    expect(page.isCompleted).toBe(page.cursor === '');
    cursor = page.cursor;
    between?.();
  } while (cursor !== '');
  return pass;
}

/** A group of `size` members `u0…`, a message from u0 with receipts, and the members `reads(i)` selects as readers. */
function groupWithReads(size: number, reads: (index: number, size: number) => boolean) {
  const server = createMockServer({ maxReceiptGroupSize: size });
  const users = userIDs(size);
  server.createGroup({ groupID: 'big', type: 'Public', memberList: users });
  const { ID } = postToGroup(server, 'u0', 'big', 'all hands');
  for (let index = 1; index < size; index++) {
    if (reads(index, size)) server.request(users[index]!, 'sendMessageReadReceipt', { messageIDs: [ID] });
  }
  return { server, users, messageID: ID };
}

describe(`a ${MEMBERS.toLocaleString('en')}-member group (R7, docs/rules.md §4)`, () => {
  let server: MockServer;
  let users: string[];
  let sender: Chat;
  let message: Message;
  /** Readers in the order they read: a seeded shuffle of 30% of the members. */
  let readOrder: string[];

  beforeAll(async () => {
    server = createMockServer({ seed: 77, maxReceiptGroupSize: MEMBERS });
    users = userIDs(MEMBERS);
    server.createGroup({ groupID: 'big', type: 'Public', memberList: users });
    sender = connectChat(server, 'u0');
    const sent = await sender.sendMessage(groupMessage(sender, 'big', 'all hands'));
    message = sent.data.message;
    const random = createRandom(77);
    const others = users.slice(1);
    for (let index = others.length - 1; index > 0; index--) {
      const swap = random.int(0, index);
      [others[index], others[swap]] = [others[swap]!, others[index]!];
    }
    readOrder = others.slice(0, Math.floor(others.length * 0.3));
    for (const reader of readOrder)
      server.request(reader, 'sendMessageReadReceipt', { messageIDs: [message.ID] });
  });

  afterAll(() => sender.destroy());

  it('has receipts when maxReceiptGroupSize allows the size (R8)', () => {
    expect(message.needReadReceipt).toBe(true);
    expect(server.getReceiptTruth(message.ID)).toMatchObject({
      recipientCount: MEMBERS - 1,
      readCount: readOrder.length,
      unreadCount: MEMBERS - 1 - readOrder.length,
    });
  });

  it('a full pass of readers returns each reader once, in the order they read, 100 a page', () => {
    const pass = fullPass(server, message.ID, 0);
    expect(pass.users).toEqual(readOrder);
    expect(pass.pages.slice(0, -1).every((page) => page.returned === 100 && !page.isCompleted)).toBe(true);
    expect(pass.pages.at(-1)).toMatchObject({ isCompleted: true, cursor: '' });
    expect(pass.pages.every((page) => page.other.length === 0)).toBe(true);
  });

  it('a full unread pass returns each non-reader once, in join order, and never the sender', () => {
    const readers = new Set(readOrder);
    const pass = fullPass(server, message.ID, 1);
    expect(pass.users).toEqual(users.filter((user, index) => index > 0 && !readers.has(user)));
    expect(pass.pages.slice(0, -1).every((page) => page.returned === 100 && !page.isCompleted)).toBe(true);
    expect(pass.pages.at(-1)).toMatchObject({ isCompleted: true, cursor: '' });
    expect(pass.pages.every((page) => page.other.length === 0)).toBe(true);
  });

  it('treats a count above 100 as 100', () => {
    for (const filter of [0, 1] as const) {
      const page = server.request('u0', 'getGroupMessageReadMemberList', {
        messageID: message.ID,
        filter,
        cursor: '',
        count: 5_000,
      });
      expect(page.readUserIDList.length + page.unreadUserIDList.length).toBe(100);
    }
  });

  it('pages through the client as the server serves them, with cursors that work across the transport', async () => {
    for (const filter of [0, 1] as const) {
      let cursor = '';
      const viaClient: string[] = [];
      for (let page = 0; page < 5; page++) {
        const { data } = await sender.getGroupMessageReadMemberList({ message, filter, cursor, count: 100 });
        viaClient.push(...(filter === 0 ? data.readUserIDList : data.unreadUserIDList));
        cursor = data.cursor;
      }
      expect(viaClient).toEqual(fullPass(server, message.ID, filter).users.slice(0, 500));
    }
  });

  it('refuses a cursor of another filter or message, or one made up (R7)', async () => {
    const { data } = await sender.getGroupMessageReadMemberList({
      message,
      filter: 0,
      cursor: '',
      count: 10,
    });
    const invalid = { code: ERROR_CODE.INVALID_PARAMETER, message: expect.stringContaining('cursor') };
    await expect(
      sender.getGroupMessageReadMemberList({ message, filter: 1, cursor: data.cursor, count: 10 }),
    ).rejects.toMatchObject(invalid);
    await expect(
      sender.getGroupMessageReadMemberList({ message, filter: 0, cursor: '0.zz.abc', count: 10 }),
    ).rejects.toMatchObject(invalid);
  });

  it('under concurrent reads a pass never returns a user twice and misses nobody who stayed unread (R7)', () => {
    const random = createRandom(5);
    const readers = new Set(readOrder);
    const unread = users.filter((user, index) => index > 0 && !readers.has(user));
    const readDuringPass = new Set<string>();
    const pass = fullPass(server, message.ID, 1, 100, () => {
      for (let k = 0; k < 40; k++) {
        const user = unread[random.int(0, unread.length - 1)]!;
        server.request(user, 'sendMessageReadReceipt', { messageIDs: [message.ID] });
        readDuringPass.add(user);
      }
    });
    expect(new Set(pass.users).size).toBe(pass.users.length);
    const returned = new Set(pass.users);
    expect(unread.filter((user) => !readDuringPass.has(user) && !returned.has(user))).toEqual([]);
    const unreadAtStart = new Set(unread);
    expect(pass.users.every((user) => unreadAtStart.has(user))).toBe(true);

    const readPass = fullPass(server, message.ID, 0, 100, () => {
      server.request(unread[random.int(0, unread.length - 1)]!, 'sendMessageReadReceipt', {
        messageIDs: [message.ID],
      });
    });
    expect(new Set(readPass.users).size).toBe(readPass.users.length);
    expect(readPass.users.slice(0, readOrder.length)).toEqual(readOrder);
  });
});

describe('the cost of a member-list page grows with the page, not with the group (R7, docs/rules.md §4)', () => {
  const patterns: [string, (index: number, size: number) => boolean][] = [
    ['nobody has read', () => false],
    ['a tenth has read', (index) => index % 10 === 3],
    ['half has read', (index) => index % 2 === 0],
    ['nine in ten have read', (index) => index % 10 !== 0],
    ['all but the last 150 have read', (index, size) => index < size - 150],
    ['all but one in a thousand have read', (index) => index % 1_000 !== 999],
    ['everyone has read', () => true],
  ];

  /** Probes a page makes beyond one per member it returns: the part that would grow with the group if any did. */
  const PER_MEMBER = 8;
  const PER_PAGE = 8;

  it.each(patterns)('when %s, at 1,000 and 100,000 members alike', (_, reads) => {
    const costs = [1_000, 100_000].map((size) => {
      const { server, messageID } = groupWithReads(size, reads);
      return ([0, 1] as const).map((filter) => {
        const pass = fullPass(server, messageID, filter);
        for (const page of pass.pages) {
          expect(page.probes).toBeLessThanOrEqual(PER_MEMBER * page.returned + PER_PAGE);
        }
        const probes = pass.pages.reduce((sum, page) => sum + page.probes, 0);
        const returned = pass.pages.reduce((sum, page) => sum + page.returned, 0);
        return {
          perMember: probes / Math.max(1, returned),
          largestPage: Math.max(...pass.pages.map((p) => p.probes)),
        };
      });
    });
    const [small, large] = costs as [(typeof costs)[0], (typeof costs)[0]];
    for (const filter of [0, 1]) {
      // Per member returned, the big group costs no more than about what the small one does.
      expect(large[filter]!.perMember).toBeLessThanOrEqual(small[filter]!.perMember * 1.5 + 2);
      // And no page of the big group touches more than a full page of the small one could.
      expect(large[filter]!.largestPage).toBeLessThanOrEqual(PER_MEMBER * 100 + PER_PAGE);
    }
  });

  it('a reader page touches exactly one read-order entry per reader it returns', () => {
    const { server, messageID } = groupWithReads(100_000, (index) => index % 3 === 0);
    const pass = fullPass(server, messageID, 0);
    expect(pass.pages.every((page) => page.probes === page.returned)).toBe(true);
  });
});
