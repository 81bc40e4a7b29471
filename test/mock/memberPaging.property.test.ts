import fc from 'fast-check';
import { ERROR_CODE, type ReadMemberPage } from 'readby';
import { createMockServer, type MockServer } from 'readby/mock';
import { describe, expect, it } from 'vitest';

/** Fixed, so that a failure names a run that replays. */
const SEED = 20_251_202;

type Step =
  | { kind: 'page'; filter: 0 | 1 }
  | { kind: 'read'; who: number }
  | { kind: 'leave'; who: number }
  | { kind: 'join'; who: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('page' as const),
      filter: fc.constantFrom(0 as const, 1 as const),
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('read' as const), who: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('leave' as const), who: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('join' as const), who: fc.nat() }) },
);

interface Pass {
  filter: 0 | 1;
  cursor: string;
  pages: ReadMemberPage[];
  returned: string[];
  /** The readers when the first page was asked for; null until then. */
  readersAtStart: string[] | null;
  done: boolean;
}

/**
 * A group of `recipients` members `r0…` besides the sender `s`, with `departed` members `d0…` among them who left
 * before the send (slots that are no recipients, R1), and one message from `s` with receipts.
 */
function groupWithMessage(recipients: number, departed: number, maxReceiptGroupSize = 100_000) {
  const server = createMockServer({ seed: 1, maxReceiptGroupSize });
  const users = Array.from({ length: recipients }, (_, index) => `r${index}`);
  const gone = Array.from({ length: departed }, (_, index) => `d${index}`);
  const memberList = ['s'];
  for (let index = 0; index < Math.max(recipients, departed); index++) {
    if (index < recipients) memberList.push(users[index]!);
    if (index < departed) memberList.push(gone[index]!);
  }
  server.createGroup({ groupID: 'g', type: 'Public', memberList });
  if (departed > 0) server.removeGroupMembers('g', gone);
  const { ID } = server.postMessage({
    from: 's',
    to: 'g',
    conversationType: 'GROUP',
    text: 'hi',
    needReadReceipt: true,
  });
  return { server, users, gone, messageID: ID };
}

function page(
  server: MockServer,
  messageID: string,
  filter: 0 | 1,
  cursor: string,
  count: number,
): ReadMemberPage {
  return server.request('s', 'getGroupMessageReadMemberList', { messageID, filter, cursor, count });
}

function isSubsequence(list: string[], of: string[]): boolean {
  let at = 0;
  for (const item of list) {
    while (at < of.length && of[at] !== item) at += 1;
    if (at === of.length) return false;
    at += 1;
  }
  return true;
}

describe('getGroupMessageReadMemberList, full passes under concurrent reads, joins and leaves (R1, R7)', () => {
  it('returns nobody twice, everyone who stayed in the set, only recipients, readers in read order, and ends with isCompleted and no cursor', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 1, max: 100 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        fc.array(step, { maxLength: 150 }),
        (recipientCount, departed, count, readFirst, steps) => {
          const { server, users, gone, messageID } = groupWithMessage(recipientCount, departed);
          const recipients = new Set(users);
          const members = new Set(['s', ...users]);
          // Anyone who may read: recipients, those who left before the send, and newcomers.
          const pool = [...users, ...gone, ...Array.from({ length: 5 }, (_, index) => `j${index}`)];
          const readOrder: string[] = [];
          const read = (user: string) => {
            if (!members.has(user)) {
              // Outside the group, a receipt is refused and changes nothing (R10).
              expect(() =>
                server.request(user, 'sendMessageReadReceipt', { messageIDs: [messageID] }),
              ).toThrow(expect.objectContaining({ code: ERROR_CODE.PERMISSION_DENIED }));
              return;
            }
            server.request(user, 'sendMessageReadReceipt', { messageIDs: [messageID] });
            if (recipients.has(user) && !readOrder.includes(user)) readOrder.push(user);
          };
          for (const index of readFirst) read(users[index % users.length]!);

          const passes: Pass[] = [0, 1].map((filter) => ({
            filter: filter as 0 | 1,
            cursor: '',
            pages: [],
            returned: [],
            readersAtStart: null,
            done: false,
          }));
          const turn = (pass: Pass) => {
            if (pass.done) return;
            pass.readersAtStart ??= [...readOrder];
            const next = page(server, messageID, pass.filter, pass.cursor, count);
            pass.pages.push(next);
            pass.returned.push(...(pass.filter === 0 ? next.readUserIDList : next.unreadUserIDList));
            pass.cursor = next.cursor;
            pass.done = next.isCompleted;
          };
          for (const action of steps) {
            if (action.kind === 'page') turn(passes[action.filter]!);
            else if (action.kind === 'read') read(pool[action.who % pool.length]!);
            else if (action.kind === 'leave') {
              const user = users[action.who % users.length]!;
              server.removeGroupMembers('g', [user]);
              members.delete(user);
            } else {
              const user = pool[action.who % pool.length]!;
              server.addGroupMembers('g', [user]);
              members.add(user);
            }
          }
          for (const pass of passes) while (!pass.done) turn(pass);

          // Receipts are stored once each, in the order they were sent, and only recipients count (R1, R3.5).
          expect(server.getReceiptTruth(messageID)!.readUserIDList).toEqual(readOrder);
          for (const pass of passes) {
            const last = pass.pages.at(-1)!;
            expect({ isCompleted: last.isCompleted, cursor: last.cursor }).toEqual({
              isCompleted: true,
              cursor: '',
            });
            for (const earlier of pass.pages.slice(0, -1)) {
              expect(earlier.isCompleted).toBe(false);
              expect(earlier.cursor).not.toBe('');
            }
            for (const each of pass.pages) {
              expect(pass.filter === 0 ? each.unreadUserIDList : each.readUserIDList).toEqual([]);
              expect(
                (pass.filter === 0 ? each.readUserIDList : each.unreadUserIDList).length,
              ).toBeLessThanOrEqual(count);
            }
            expect(new Set(pass.returned).size).toBe(pass.returned.length);
            expect(pass.returned.filter((user) => !recipients.has(user))).toEqual([]);
            const atStart = new Set(pass.readersAtStart);
            const atEnd = new Set(readOrder);
            const returned = new Set(pass.returned);
            if (pass.filter === 0) {
              // Reads only add: a reader at the start stayed one all pass.
              expect([...atStart].filter((user) => !returned.has(user))).toEqual([]);
              expect(pass.returned.filter((user) => !atEnd.has(user))).toEqual([]);
              expect(isSubsequence(pass.returned, readOrder)).toBe(true);
            } else {
              // A non-reader at the end was one all pass; a reader at the start never was one.
              expect([...recipients].filter((user) => !atEnd.has(user) && !returned.has(user))).toEqual([]);
              expect(pass.returned.filter((user) => atStart.has(user))).toEqual([]);
            }
          }
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });
});

/**
 * The work of each page of a full pass, in the server's probes (bit words, read-order entries and roster slots
 * looked at): a unit that timing noise cannot blur.
 */
function probesPerPage(server: MockServer, messageID: string, filter: 0 | 1, count: number): number[] {
  const probes: number[] = [];
  let cursor = '';
  do {
    const before = server.getWorkStats().memberListProbes;
    cursor = page(server, messageID, filter, cursor, count).cursor;
    probes.push(server.getWorkStats().memberListProbes - before);
  } while (cursor !== '');
  return probes;
}

/** Two probes a summary level for each user returned and one more, with levels to spare: a group's size never shows. */
const costBound = (count: number) => 10 * (count + 1);

describe('the cost of a member-list page (R7, docs/rules.md §4)', () => {
  it('grows with the page, not with the group, whatever the group size and who has read', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 100 }),
        fc.constantFrom(0 as const, 1 as const),
        (size, readRatio, count, filter) => {
          const { server, users, messageID } = groupWithMessage(size, 0);
          // Readers in a run at the front and scattered after it: long runs are what a non-reader page must skip.
          users.forEach((user, index) => {
            if (index < size * readRatio || (index * 2_654_435_761) % 97 < 97 * readRatio) {
              server.request(user, 'sendMessageReadReceipt', { messageIDs: [messageID] });
            }
          });
          expect(
            probesPerPage(server, messageID, filter, count).filter((probes) => probes > costBound(count)),
          ).toEqual([]);
        },
      ),
      { seed: SEED, numRuns: 100 },
    );
  });
  it('costs what the same page costs in the group without the members who left before the send', () => {
    // They are no recipients (R1) but keep their slots: a page must not pay for walking past them.
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 1, max: 2_000 }),
        fc.integer({ min: 1, max: 100 }),
        (size, departed, count) => {
          const without = groupWithMessage(size, 0);
          const withDeparted = groupWithMessage(size, departed);
          const cost = probesPerPage(without.server, without.messageID, 1, count);
          const costWithDeparted = probesPerPage(withDeparted.server, withDeparted.messageID, 1, count);
          expect(costWithDeparted.length).toBe(cost.length);
          expect(costWithDeparted.filter((probes, index) => probes > cost[index]! + 10)).toEqual([]);
        },
      ),
      { seed: SEED, numRuns: 50 },
    );
  });
});
