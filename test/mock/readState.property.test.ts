import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteArena } from '../../src/mock/byteArena';
import { BLOCK_ROWS, ReadBlock } from '../../src/mock/readBlock';
import { ReadState } from '../../src/mock/readState';

/** Fixed, so that a failure names a run that replays. */
const SEED = 20_251_204;

/** A plain model of one message: who read, in order, and which slots are no recipients. */
interface Model {
  slots: number;
  absent: Set<number>;
  order: number[];
  read: Set<number>;
}

/** The bits of the absent slots, a word per 32 slots, as the roster hands them to a message at its send. */
function absentBits(slots: number, absent: Set<number>): Uint32Array {
  const words = new Uint32Array(Math.ceil(slots / 32));
  for (const slot of absent) words[slot >>> 5]! |= 1 << (slot & 31);
  return words;
}

/** What `nextUnread(from, end)` must answer: the first slot in [from, end) that neither read nor is absent. */
function firstUnread(unread: number[], from: number, end: number): number {
  // `unread` is sorted: the first at or after `from` by halving.
  let low = 0;
  let high = unread.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (unread[middle]! < from) low = middle + 1;
    else high = middle;
  }
  return low < unread.length && unread[low]! < end ? unread[low]! : -1;
}

/** Slot counts on each side of the entry widths (1 byte to 256 slots, 2 to 65,536, then 4) and of a word. */
const slotCounts = fc.oneof(
  fc.integer({ min: 1, max: 40 }),
  fc.integer({ min: 250, max: 300 }),
  fc.integer({ min: 1_000, max: 3_000 }),
  fc.integer({ min: 65_530, max: 65_600 }),
);

/** Messages sharing one block, each with its model, read in an order the run interleaves. */
function blockWithMessages(slots: number, messages: number, absentPicks: number[]) {
  const arena = new ByteArena();
  const block = new ReadBlock(slots, arena);
  const models: Model[] = [];
  const states: ReadState[] = [];
  for (let index = 0; index < messages; index++) {
    const absent = new Set(absentPicks.map((pick) => (pick * (index + 1)) % slots));
    const model: Model = { slots, absent, order: [], read: new Set() };
    // Rows are added while earlier ones already hold reads: the block moves to more room and must keep them.
    states.push(new ReadState(block, slots, arena, absentBits(slots, absent)));
    models.push(model);
  }
  return { arena, block, models, states };
}

describe('ReadState: who read a message, in what order (R3.5, R7)', () => {
  it('keeps the exact read order, whatever the entry width and however often the order grows, across blocks of rows', () => {
    fc.assert(
      fc.property(
        slotCounts,
        fc.integer({ min: 1, max: BLOCK_ROWS }),
        fc.array(fc.nat(), { maxLength: 20 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 3_000 }),
        (slots, messages, absentPicks, reads) => {
          const { models, states } = blockWithMessages(slots, messages, absentPicks);
          for (const [message, pick] of reads) {
            const model = models[message % messages]!;
            const state = states[message % messages]!;
            // Readers are recipients (R1): the server never records a read for an absent slot.
            const slot = pick % slots;
            if (model.absent.has(slot)) continue;
            const added = !model.read.has(slot);
            // Once per reader: a second receipt changes nothing (R3.5).
            expect(state.add(slot)).toBe(added);
            if (added) {
              model.read.add(slot);
              model.order.push(slot);
            }
          }
          models.forEach((model, index) => {
            const state = states[index]!;
            expect(state.count).toBe(model.order.length);
            expect(Array.from({ length: state.count }, (_, at) => state.at(at))).toEqual(model.order);
          });
        },
      ),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('grows a large read order across the arena and into chunks without losing or reordering a reader', () => {
    for (const slots of [256, 65_536, 100_000]) {
      const arena = new ByteArena();
      const state = new ReadState(new ReadBlock(slots, arena), slots, arena);
      // A fixed scramble of every slot: each boundary of the order's growth is crossed on the way.
      const order = Array.from({ length: slots }, (_, index) => (index * 7_919) % slots);
      expect(new Set(order).size).toBe(slots);
      for (const slot of order) state.add(slot);
      expect(state.count).toBe(slots);
      expect(Array.from({ length: slots }, (_, at) => state.at(at))).toEqual(order);
      expect(state.nextUnread(0, slots)).toBe(-1);
    }
  });

  it('nextUnread agrees with a plain scan, for any start and end, with absent slots among the readers', () => {
    fc.assert(
      fc.property(
        slotCounts,
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 50 }),
        (slots, messages, absentPicks, share, queries) => {
          const { models, states } = blockWithMessages(slots, messages, absentPicks);
          models.forEach((model, index) => {
            // Long runs of readers, which the summary levels skip, then scattered ones.
            for (let slot = 0; slot < slots; slot++) {
              if (model.absent.has(slot)) continue;
              if (slot < slots * share || (slot * 2_654_435_761) % 97 < 97 * share) {
                states[index]!.add(slot);
                model.read.add(slot);
              }
            }
          });
          const unread = models.map((model) =>
            Array.from({ length: slots }, (_, slot) => slot).filter(
              (slot) => !model.read.has(slot) && !model.absent.has(slot),
            ),
          );
          for (const [from, span] of queries) {
            const start = from % (slots + 2);
            const end = Math.min(slots, start + (span % (slots + 1)));
            states.forEach((state, index) => {
              expect(state.nextUnread(start, end)).toBe(firstUnread(unread[index]!, start, end));
            });
          }
        },
      ),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('counts its bytes: the order block, filled or not, and the block of bits once, with its first message', () => {
    const arena = new ByteArena();
    const block = new ReadBlock(100, arena);
    const first = new ReadState(block, 100, arena);
    const second = new ReadState(block, 100, arena);
    // Two rows of 4 words of bits and 1 of summary, in runs of 4 words: 2 × 8 words, a 64-byte block of the arena.
    expect(block.byteLength).toBe(64);
    expect(first.byteLength).toBe(64);
    expect(second.byteLength).toBe(0);
    // The first reader takes a 16-byte order block: 16 one-byte entries for 100 slots.
    second.add(5);
    expect(second.byteLength).toBe(16);
    for (let slot = 10; slot < 27; slot++) second.add(slot);
    expect(second.count).toBe(18);
    expect(second.byteLength).toBe(32);
    expect(arena.bytesInUse).toBe(64 + 32);
  });

  it('holds a 100,000-recipient order in 4-byte entries with at most one partly filled 4 kB chunk', () => {
    const arena = new ByteArena();
    const slots = 100_000;
    const block = new ReadBlock(slots, arena);
    const state = new ReadState(block, slots, arena);
    const bits = block.byteLength;
    for (let slot = 0; slot < 10_000; slot++) {
      state.add(slot * 10);
      const orderBytes = state.byteLength - bits;
      expect(orderBytes).toBeGreaterThanOrEqual(4 * state.count);
      expect(orderBytes).toBeLessThanOrEqual(Math.max(4 * state.count * 2, 16, 4 * state.count + 4096));
    }
    expect(state.byteLength - bits).toBe(40_960);
  });
});
