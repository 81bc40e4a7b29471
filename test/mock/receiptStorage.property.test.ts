import fc from 'fast-check';
import { ERROR_CODE } from 'readby';
import { createMockServer, type MockServer } from 'readby/mock';
import { describe, expect, it } from 'vitest';
import { thrownBy } from './support';

/** Fixed, so that a failure names a run that replays. */
const SEED = 20_251_205;

type Step =
  | { kind: 'send'; count: number }
  | { kind: 'join'; count: number }
  | { kind: 'leave'; who: number }
  | { kind: 'read'; who: number; first: number; length: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('send' as const), count: fc.integer({ min: 1, max: 12 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('join' as const), count: fc.integer({ min: 1, max: 20 }) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('leave' as const), who: fc.nat() }) },
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('read' as const),
      who: fc.nat(),
      first: fc.nat(),
      length: fc.integer({ min: 1, max: 30 }),
    }),
  },
);

/** A roster slot of the model: who holds it and whether they have left since. */
interface Slot {
  user: string;
  left: boolean;
}

/** The model of a message: its recipients by user with their slots (R1), and its readers in read order. */
interface ModelMessage {
  id: string;
  recipients: Map<string, number>;
  readers: string[];
}

/** Every page of one filter of a message's member list, as its sender asks for them. */
function fullPass(server: MockServer, messageID: string, filter: 0 | 1, count: number): string[] {
  const users: string[] = [];
  let cursor = '';
  do {
    const page = server.request('s', 'getGroupMessageReadMemberList', { messageID, filter, cursor, count });
    users.push(...(filter === 0 ? page.readUserIDList : page.unreadUserIDList));
    cursor = page.cursor;
  } while (cursor !== '');
  return users;
}

describe('receipt storage over many messages and membership changes (R1, R2, R3.5, R7)', () => {
  it('gives every message its own recipients, readers in read order and non-readers in join order, as a plain model does', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 70 }),
        fc.array(step, { minLength: 1, maxLength: 120 }),
        fc.integer({ min: 1, max: 100 }),
        (initial, steps, pageSize) => {
          // Groups around 32 and 64 members, so that joins cross the sizes where a message needs another word of
          // bits and starts a new block; runs of up to 30 messages cross the blocks of 32 messages.
          const server = createMockServer({ seed: 1, maxReceiptGroupSize: 10_000 });
          const slots: Slot[] = [{ user: 's', left: false }];
          for (let index = 0; index < initial; index++) slots.push({ user: `m${index}`, left: false });
          server.createGroup({ groupID: 'g', type: 'Public', memberList: slots.map((slot) => slot.user) });
          let joined = initial;
          const messages: ModelMessage[] = [];
          const active = () =>
            slots.filter((slot) => !slot.left && slot.user !== 's').map((slot) => slot.user);
          const everyone = () => [...new Set(slots.map((slot) => slot.user))].filter((user) => user !== 's');

          for (const action of steps) {
            if (action.kind === 'send') {
              for (let index = 0; index < action.count; index++) {
                const recipients = new Map<string, number>();
                slots.forEach((slot, at) => {
                  if (!slot.left && slot.user !== 's') recipients.set(slot.user, at);
                });
                const { ID } = server.postMessage({
                  from: 's',
                  to: 'g',
                  conversationType: 'GROUP',
                  text: `message ${messages.length}`,
                  needReadReceipt: true,
                });
                messages.push({ id: ID, recipients, readers: [] });
              }
            } else if (action.kind === 'join') {
              // Newcomers, and members who left coming back (with a new slot).
              const back = everyone().filter((user) => !active().includes(user));
              const users = [...back.slice(0, action.count >> 1)];
              while (users.length < action.count) users.push(`m${joined++}`);
              server.addGroupMembers('g', users);
              for (const user of users) slots.push({ user, left: false });
            } else if (action.kind === 'leave') {
              const members = active();
              if (members.length === 0) continue;
              const user = members[action.who % members.length]!;
              server.removeGroupMembers('g', [user]);
              for (const slot of slots) if (slot.user === user) slot.left = true;
            } else {
              const pool = everyone();
              if (messages.length === 0 || pool.length === 0) continue;
              const user = pool[action.who % pool.length]!;
              const first = action.first % messages.length;
              const run = messages.slice(first, first + action.length);
              const messageIDs = run.map((message) => message.id);
              if (!active().includes(user)) {
                // Who is no member may not send receipts, and nothing is stored (R10, R3.4).
                expect(
                  thrownBy(() => server.request(user, 'sendMessageReadReceipt', { messageIDs })).code,
                ).toBe(ERROR_CODE.PERMISSION_DENIED);
                continue;
              }
              server.request(user, 'sendMessageReadReceipt', { messageIDs });
              for (const message of run) {
                // Once per reader (R3.5); a member who was none at the send counts for nothing (R1).
                if (message.recipients.has(user) && !message.readers.includes(user))
                  message.readers.push(user);
              }
            }
          }

          for (const message of messages) {
            const unread = [...message.recipients]
              .filter(([user]) => !message.readers.includes(user))
              .sort(([, a], [, b]) => a - b)
              .map(([user]) => user);
            const truth = server.getReceiptTruth(message.id)!;
            expect(truth.readCount).toBe(message.readers.length);
            expect(truth.readCount + truth.unreadCount).toBe(message.recipients.size);
            expect(fullPass(server, message.id, 0, pageSize)).toEqual(message.readers);
            expect(fullPass(server, message.id, 1, pageSize)).toEqual(unread);
          }
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
  });
});
