import fc from 'fast-check';
import { TYPES } from 'readby';
import { describe, expect, it } from 'vitest';
// Pure functions tested through their modules: the engine's merge and the receipt store's.
import { emptyReceiptInfo, mergeReceiptInfo } from '../../src/core/message';
import { factsWithPush, mergeFacts, type ReceiptFacts } from '../../src/core/receiptFacts';
import type { ReadReceiptInfo } from '../../src/core/types';

const runs = { seed: 20_250_601, numRuns: 300 };

/**
 * The receipt states one group message goes through, as read counts out of its fixed number of recipients (R1),
 * delivered in any order and any number of times; and the same deliveries in another order.
 */
const groupDeliveries = fc.integer({ min: 0, max: 60 }).chain((total) =>
  fc.array(fc.integer({ min: 0, max: total }), { minLength: 1, maxLength: 25 }).chain((reads) =>
    fc.record({
      total: fc.constant(total),
      reads: fc.constant(reads),
      reordered: fc.shuffledSubarray(reads, { minLength: reads.length }),
    }),
  ),
);

/** One-to-one: deliveries of "not read" and of the one "read" state (the peer reads once, at one time). */
const peerDeliveries = fc.record({
  timestamp: fc.integer({ min: 1, max: 2_000_000_000 }),
  reads: fc.array(fc.boolean(), { minLength: 1, maxLength: 25 }),
});

/** Every intermediate result of merging `states` one after another into `start`. */
function steps<S, T>(start: S, states: T[], merge: (current: S, next: T) => S): S[] {
  const seen = [start];
  for (const state of states) seen.push(merge(seen[seen.length - 1]!, state));
  return seen;
}

const group = (readCount: number, total: number): ReadReceiptInfo => ({
  readCount,
  unreadCount: total - readCount,
});

describe('mergeReceiptInfo, the engine merge (R2, R5)', () => {
  const merge = (current: ReadReceiptInfo, next: ReadReceiptInfo) =>
    mergeReceiptInfo(TYPES.CONV_GROUP, current, next);
  const start = emptyReceiptInfo(TYPES.CONV_GROUP);

  it('R2: any deliveries of a group message merge to the state with the highest read count', () => {
    fc.assert(
      fc.property(groupDeliveries, ({ total, reads }) => {
        const merged = steps(
          start,
          reads.map((read) => group(read, total)),
          merge,
        ).at(-1);
        expect(merged).toEqual(group(Math.max(...reads), total));
      }),
      runs,
    );
  });

  it('R5: the result does not depend on the order of delivery', () => {
    fc.assert(
      fc.property(groupDeliveries, ({ total, reads, reordered }) => {
        const inOrder = steps(
          start,
          reads.map((read) => group(read, total)),
          merge,
        ).at(-1);
        const shuffled = steps(
          start,
          reordered.map((read) => group(read, total)),
          merge,
        ).at(-1);
        expect(shuffled).toEqual(inOrder);
      }),
      runs,
    );
  });

  it('R2: along the way the read count never decreases and the total never changes once known', () => {
    fc.assert(
      fc.property(groupDeliveries, ({ total, reads }) => {
        const seen = steps(
          start,
          reads.map((read) => group(read, total)),
          merge,
        ).slice(1);
        for (const [index, state] of seen.entries()) {
          expect(state.readCount! + state.unreadCount!).toBe(total);
          if (index > 0) expect(state.readCount!).toBeGreaterThanOrEqual(seen[index - 1]!.readCount!);
        }
      }),
      runs,
    );
  });

  it('R5: a state delivered again returns the current state itself', () => {
    fc.assert(
      fc.property(groupDeliveries, ({ total, reads }) => {
        const merged = steps(
          start,
          reads.map((read) => group(read, total)),
          merge,
        ).at(-1)!;
        for (const read of reads) expect(merge(merged, group(read, total))).toBe(merged);
      }),
      runs,
    );
  });

  it('R2: counts of another total, once the total is known, change nothing', () => {
    fc.assert(
      fc.property(
        groupDeliveries,
        fc.integer({ min: 0, max: 60 }),
        fc.nat(),
        ({ total, reads }, other, read) => {
          fc.pre(other !== total);
          const merged = steps(
            start,
            reads.map((count) => group(count, total)),
            merge,
          ).at(-1)!;
          expect(merge(merged, group(read % (other + 1), other))).toBe(merged);
        },
      ),
      runs,
    );
  });

  it('R9: one-to-one, any deliveries merge to read once one said read, and never go back', () => {
    const peerMerge = (current: ReadReceiptInfo, next: ReadReceiptInfo) =>
      mergeReceiptInfo(TYPES.CONV_C2C, current, next);
    fc.assert(
      fc.property(peerDeliveries, ({ timestamp, reads }) => {
        const states: ReadReceiptInfo[] = reads.map((read) =>
          read ? { isPeerRead: true, timestamp } : { isPeerRead: false, timestamp: 0 },
        );
        const seen = steps(emptyReceiptInfo(TYPES.CONV_C2C), states, peerMerge);
        const expected = reads.includes(true)
          ? { isPeerRead: true, timestamp }
          : { isPeerRead: false, timestamp: 0 };
        expect(seen.at(-1)).toEqual(expected);
        const firstRead = seen.findIndex((state) => state.isPeerRead === true);
        if (firstRead !== -1) for (const state of seen.slice(firstRead)) expect(state.isPeerRead).toBe(true);
      }),
      runs,
    );
  });
});

/** The store's facts of a sent group message of alice's, counts unknown. */
function groupFacts(): ReceiptFacts {
  return {
    ID: 'm1',
    conversationID: 'GROUPteam',
    isGroup: true,
    from: 'alice',
    sendStatus: 'success',
    needReadReceipt: true,
    readCount: undefined,
    unreadCount: undefined,
    isPeerRead: undefined,
  };
}

describe("mergeFacts and factsWithPush, the receipt store's merge (R2, R5)", () => {
  const withCounts = (read: number, total: number): ReceiptFacts => ({
    ...groupFacts(),
    readCount: read,
    unreadCount: total - read,
  });
  const item = (read: number, total: number) => ({
    groupID: 'team',
    messageID: 'm1',
    readCount: read,
    unreadCount: total - read,
  });
  const merges = {
    mergeFacts: (current: ReceiptFacts, read: number, total: number) =>
      mergeFacts(current, withCounts(read, total)),
    factsWithPush: (current: ReceiptFacts, read: number, total: number) =>
      factsWithPush(current, item(read, total)),
  };

  it.each(Object.entries(merges))(
    'R2: %s merges any deliveries to the highest read count, whatever their order, never going down',
    (_, merge) => {
      fc.assert(
        fc.property(groupDeliveries, ({ total, reads, reordered }) => {
          const inOrder = steps(groupFacts(), reads, (facts, read) => merge(facts, read, total));
          const shuffled = steps(groupFacts(), reordered, (facts, read) => merge(facts, read, total));
          const highest = Math.max(...reads);
          expect(inOrder.at(-1)).toEqual(withCounts(highest, total));
          expect(shuffled.at(-1)).toEqual(inOrder.at(-1));
          for (const [index, facts] of inOrder.slice(2).entries()) {
            expect(facts.readCount!).toBeGreaterThanOrEqual(inOrder[index + 1]!.readCount!);
            expect(facts.readCount! + facts.unreadCount!).toBe(total);
          }
        }),
        runs,
      );
    },
  );

  it('R5: a push delivered again returns the current facts themselves', () => {
    fc.assert(
      fc.property(groupDeliveries, ({ total, reads }) => {
        const merged = steps(groupFacts(), reads, (facts, read) =>
          factsWithPush(facts, item(read, total)),
        ).at(-1)!;
        for (const read of reads) expect(factsWithPush(merged, item(read, total))).toBe(merged);
      }),
      runs,
    );
  });

  it('R9: one-to-one, a pushed receipt means read, whatever else arrives before or after', () => {
    const peer: ReceiptFacts = { ...groupFacts(), conversationID: 'C2Cbob', isGroup: false };
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 25 }), (reads) => {
        // `true`: a receipt push; `false`: a copy of the message that says it is not read.
        const seen = steps(peer, reads, (facts, read) =>
          read
            ? factsWithPush(facts, { userID: 'bob', messageID: 'm1', isPeerRead: true })
            : mergeFacts(facts, { ...facts, isPeerRead: false }),
        );
        expect(seen.at(-1)!.isPeerRead).toBe(reads.includes(true));
        const firstRead = reads.indexOf(true);
        if (firstRead !== -1)
          for (const facts of seen.slice(firstRead + 1)) expect(facts.isPeerRead).toBe(true);
      }),
      runs,
    );
  });

  it('R12: a sent message stays sent, whatever status a late copy carries', () => {
    const statuses = fc.constantFrom('unSend', 'fail', 'success');
    fc.assert(
      fc.property(fc.array(statuses, { minLength: 1, maxLength: 20 }), (sequence) => {
        const start = { ...groupFacts(), sendStatus: 'unSend' };
        const seen = steps(start, sequence, (facts, sendStatus) =>
          mergeFacts(facts, { ...facts, sendStatus }),
        );
        const firstSent = sequence.indexOf('success');
        if (firstSent !== -1) {
          for (const facts of seen.slice(firstSent + 1)) expect(facts.sendStatus).toBe('success');
        }
      }),
      runs,
    );
  });
});
