import { type Chat, ERROR_CODE, type GetGroupMessageReadMemberListOptions, type Message } from 'readby';
import type { MockServer } from 'readby/mock';
import { describe, expect, it } from 'vitest';
import {
  allPages,
  connect,
  createServer,
  range,
  rejection,
  sendText,
  sendToPeer,
  teamServer,
  untyped,
} from './helpers';

/** Alice and the given members in `team`; alice has sent one message with receipts. */
async function sentTo(members: string[], options: Parameters<typeof teamServer>[2] = {}) {
  const server = teamServer(['alice', ...members], 'Private', { maxReceiptGroupSize: 1000, ...options });
  const alice = connect(server, 'alice');
  const message = await sendText(alice, 'team', 'who read this?');
  return { server, alice, message };
}

function read(server: MockServer, message: Message, readers: string[]): void {
  for (const reader of readers)
    server.request(reader, 'sendMessageReadReceipt', { messageIDs: [message.ID] });
}

function page(chat: Chat, options: Partial<GetGroupMessageReadMemberListOptions> & { message: Message }) {
  return chat.getGroupMessageReadMemberList({ filter: 0, cursor: '', count: 100, ...options });
}

async function invalid(promise: Promise<unknown>): Promise<string> {
  const error = await rejection(promise);
  expect(error.code).toBe(ERROR_CODE.INVALID_PARAMETER);
  return error.message;
}

describe('getGroupMessageReadMemberList', () => {
  it('R7: filter 0 lists the readers in the order in which they read, with an empty other list', async () => {
    const { server, alice, message } = await sentTo(['bob', 'carol', 'dave', 'eve']);
    read(server, message, ['dave', 'bob', 'eve']);
    await expect(page(alice, { message, filter: 0 })).resolves.toEqual({
      code: 0,
      data: {
        messageID: message.ID,
        cursor: '',
        isCompleted: true,
        readUserIDList: ['dave', 'bob', 'eve'],
        unreadUserIDList: [],
      },
    });
  });

  it('R7: filter 1 lists the members who have not read in the order in which they joined', async () => {
    const { server, alice, message } = await sentTo(['bob', 'carol', 'dave', 'eve']);
    read(server, message, ['dave']);
    await expect(page(alice, { message, filter: 1 })).resolves.toEqual({
      code: 0,
      data: {
        messageID: message.ID,
        cursor: '',
        isCompleted: true,
        readUserIDList: [],
        unreadUserIDList: ['bob', 'carol', 'eve'],
      },
    });
  });

  it('R7: an unread message has an empty, complete reader list', async () => {
    const { alice, message } = await sentTo(['bob']);
    const { data } = await page(alice, { message, filter: 0 });
    expect(data).toEqual({
      messageID: message.ID,
      cursor: '',
      isCompleted: true,
      readUserIDList: [],
      unreadUserIDList: [],
    });
  });

  it('R7: pages with cursors; only the last page is complete, with cursor ""', async () => {
    const members = range(70);
    const { server, alice, message } = await sentTo(members);
    read(server, message, members.slice(0, 45));
    const pages: Array<{ size: number; isCompleted: boolean; cursor: string }> = [];
    let cursor = '';
    do {
      const { data } = await page(alice, { message, filter: 0, cursor, count: 20 });
      pages.push({ size: data.readUserIDList.length, isCompleted: data.isCompleted, cursor: data.cursor });
      // Checked on every page, so that a last page with a cursor fails here instead of paging on for ever.
      expect(data.isCompleted).toBe(data.cursor === '');
      cursor = data.cursor;
    } while (cursor !== '');
    expect(pages.map((p) => [p.size, p.isCompleted])).toEqual([
      [20, false],
      [20, false],
      [5, true],
    ]);
    expect(pages.slice(0, 2).every((p) => p.cursor.length > 0)).toBe(true);
    expect((await allPages(alice, message, 0, 20)).users).toEqual(members.slice(0, 45));
    expect((await allPages(alice, message, 1, 20)).users).toEqual(members.slice(45));
  });

  it('R7: treats a count above 100 as 100', async () => {
    const members = range(150);
    const { server, alice, message } = await sentTo(members);
    read(server, message, members.slice(0, 120));
    for (const filter of [0, 1] as const) {
      const { data } = await page(alice, { message, filter, count: 500 });
      const listed = filter === 0 ? data.readUserIDList : data.unreadUserIDList;
      expect(listed).toHaveLength(filter === 0 ? 100 : 30);
    }
    expect((await allPages(alice, message, 0, 101)).pages).toBe(2);
  });

  it('R7: takes a count of 1', async () => {
    const { server, alice, message } = await sentTo(['bob', 'carol']);
    read(server, message, ['carol', 'bob']);
    expect(await allPages(alice, message, 0, 1)).toEqual({ users: ['carol', 'bob'], pages: 2 });
  });

  it('R7: rejects a count of 0, 1.5, "3", -1 or none with INVALID_PARAMETER naming options.count', async () => {
    const { alice, message } = await sentTo(['bob']);
    for (const count of [0, 1.5, '3', -1, Number.NaN, undefined]) {
      expect(await invalid(page(alice, { message, count: untyped<number>(count) }))).toBe(
        'options.count: expected a whole number ≥ 1',
      );
    }
  });

  it('R7: rejects a filter other than 0 or 1 with INVALID_PARAMETER naming options.filter', async () => {
    const { alice, message } = await sentTo(['bob']);
    for (const filter of [2, -1, '0', undefined, null]) {
      expect(await invalid(page(alice, { message, filter: untyped<0>(filter) }))).toMatch(
        /^options\.filter: /,
      );
    }
  });

  it('R7: rejects a cursor that is not a string', async () => {
    const { alice, message } = await sentTo(['bob']);
    for (const cursor of [undefined, null, 0]) {
      expect(await invalid(page(alice, { message, cursor: untyped<string>(cursor) }))).toMatch(
        /^options\.cursor: /,
      );
    }
  });

  it('R7: rejects a made-up or edited cursor', async () => {
    const members = range(10);
    const { server, alice, message } = await sentTo(members);
    read(server, message, members);
    const { data } = await page(alice, { message, filter: 0, count: 3 });
    const [filter, position, signature] = data.cursor.split('.');
    for (const cursor of [
      'garbage',
      '0',
      `${filter}.${position}`,
      `${filter}.5.${signature}`,
      `1.${position}.${signature}`,
    ]) {
      expect(await invalid(page(alice, { message, filter: 0, cursor, count: 3 }))).toMatch(
        /^options\.cursor: /,
      );
    }
  });

  it('R7: rejects the cursor of another message, and of the other filter', async () => {
    const members = range(10);
    const { server, alice, message } = await sentTo(members);
    const other = await sendText(alice, 'team', 'another');
    read(server, message, members);
    read(server, other, members);
    const { data: readers } = await page(alice, { message, filter: 0, count: 3 });
    expect(
      await invalid(page(alice, { message: other, filter: 0, cursor: readers.cursor, count: 3 })),
    ).toMatch(/^options\.cursor: /);
    // A readers' cursor of this very message, whose position is also a place in the join order.
    expect(await invalid(page(alice, { message, filter: 1, cursor: readers.cursor, count: 3 }))).toMatch(
      /^options\.cursor: /,
    );
    const fresh = await sendText(alice, 'team', 'unread by all');
    const { data: nonReaders } = await page(alice, { message: fresh, filter: 1, count: 3 });
    // Readers after the cursor's place, so that the place exists in the read order too.
    read(server, fresh, members.slice(5));
    expect(
      await invalid(page(alice, { message: fresh, filter: 0, cursor: nonReaders.cursor, count: 3 })),
    ).toMatch(/^options\.cursor: /);
  });

  it('R7: a full pass under concurrent reads never repeats a user and misses no one who stayed', async () => {
    const members = range(120);
    const { server, alice, message } = await sentTo(members);
    read(
      server,
      message,
      members.filter((_, i) => i % 7 === 0),
    );
    const readersBefore = server.getReceiptTruth(message.ID)!.readUserIDList;
    const unreadBefore = members.filter((user) => !readersBefore.includes(user));
    const readDuringPass = new Set<string>();
    const seen: Record<0 | 1, string[]> = { 0: [], 1: [] };

    for (const filter of [1, 0] as const) {
      let cursor = '';
      let step = 0;
      do {
        const { data } = await page(alice, { message, filter, cursor, count: 9 });
        seen[filter].push(...(filter === 0 ? data.readUserIDList : data.unreadUserIDList));
        expect(data.isCompleted).toBe(data.cursor === '');
        cursor = data.cursor;
        // Readers behind the cursor, ahead of it, and at both ends of the join order.
        const batch = [
          members[(step * 13) % 120]!,
          members[119 - ((step * 5) % 120)]!,
          members[(step * 29 + 3) % 120]!,
        ];
        const fresh = batch.filter(
          (user) => !server.getReceiptTruth(message.ID)!.readUserIDList.includes(user),
        );
        read(server, message, fresh);
        for (const user of fresh) readDuringPass.add(user);
        step += 1;
      } while (cursor !== '');
    }

    for (const filter of [0, 1] as const) expect(new Set(seen[filter]).size).toBe(seen[filter].length);
    const stayedUnread = unreadBefore.filter((user) => !readDuringPass.has(user));
    expect(seen[1]).toEqual(expect.arrayContaining(stayedUnread));
    expect(seen[1].every((user) => unreadBefore.includes(user))).toBe(true);
    // The read pass started after the unread pass: everyone who had read by then is listed, in read order.
    const truth = server.getReceiptTruth(message.ID)!.readUserIDList;
    expect(seen[0]).toEqual(truth.slice(0, seen[0].length));
    expect(seen[0].length).toBeGreaterThanOrEqual(readersBefore.length);
  });

  it('R7: in a 20,000-member group, pages past long runs of readers to the next non-readers, in join order', async () => {
    const members = range(20_000);
    const server = teamServer(['alice', ...members], 'Private', { maxReceiptGroupSize: 20_001 });
    const alice = connect(server, 'alice');
    const message = await sendText(alice, 'team', 'everyone');
    // Everyone but a few scattered members reads: whole runs of readers must be skipped, not listed.
    const holdouts = new Set([members[0]!, members[4_321]!, members[4_322]!, members[19_999]!]);
    const readers = members.filter((user) => !holdouts.has(user));
    read(server, message, readers);
    expect(await allPages(alice, message, 1, 2)).toEqual({ users: [...holdouts], pages: 2 });
    const { data } = await page(alice, { message, filter: 0, count: 3 });
    expect(data.readUserIDList).toEqual(members.slice(1, 4));
    expect(server.getReceiptTruth(message.ID)).toMatchObject({ readCount: 19_996, unreadCount: 4 });
  });

  it('R7: answers only the sender by default, with PERMISSION_DENIED for other members', async () => {
    const { server, message } = await sentTo(['bob', 'carol']);
    const bob = connect(server, 'bob');
    const error = await rejection(page(bob, { message }));
    expect(error.code).toBe(ERROR_CODE.PERMISSION_DENIED);
  });

  it("R7: answers every member with memberListAccess: 'members', but still no outsider", async () => {
    const { server, message } = await sentTo(['bob', 'carol'], { memberListAccess: 'members' });
    read(server, message, ['carol']);
    const bob = connect(server, 'bob');
    const { data } = await page(bob, { message, filter: 0 });
    expect(data.readUserIDList).toEqual(['carol']);
    const outsider = connect(server, 'mallory');
    expect((await rejection(page(outsider, { message }))).code).toBe(ERROR_CODE.PERMISSION_DENIED);
  });

  it('R7: rejects a one-to-one message with 10062', async () => {
    const server = createServer();
    const alice = connect(server, 'alice');
    const message = await sendToPeer(alice, 'bob', 'dm');
    const error = await rejection(page(alice, { message }));
    expect(error.code).toBe(ERROR_CODE.READ_RECEIPT_NOT_FOUND);
  });

  it('R7: rejects a group message sent without receipts, or unknown to the server, with 10062', async () => {
    const server = teamServer();
    const alice = connect(server, 'alice');
    const plain = await sendText(alice, 'team', 'no receipts', { needReadReceipt: false });
    expect((await rejection(page(alice, { message: plain }))).code).toBe(ERROR_CODE.READ_RECEIPT_NOT_FOUND);
    const ghost = { ...plain, ID: 'ghost' };
    expect((await rejection(page(alice, { message: ghost }))).code).toBe(ERROR_CODE.READ_RECEIPT_NOT_FOUND);
  });

  it('R7: rejects a missing or malformed message with INVALID_PARAMETER naming options.message', async () => {
    const server = teamServer();
    const alice = connect(server, 'alice');
    for (const message of [undefined, null, 'ID', { ID: 1 }]) {
      expect(await invalid(page(alice, { message: untyped<Message>(message) }))).toMatch(
        /^options\.message: /,
      );
    }
    expect(
      await invalid(alice.getGroupMessageReadMemberList(untyped<GetGroupMessageReadMemberListOptions>(null))),
    ).toBe('options: expected an object');
  });
});
