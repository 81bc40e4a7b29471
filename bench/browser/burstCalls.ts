import type { Random } from '../../src/mock/index';
import { BURST_MS, BURST_RECEIPTS, type BurstShape } from './protocol';

/** One `sendMessageReadReceipt` call of a burst: who sends it, for which messages, and when, in ms from the start. */
export interface ReceiptCall {
  at: number;
  reader: string;
  messageIDs: string[];
}

/** Members who catch up in a `catchUp` burst; each reads a run of consecutive messages. */
const CATCHING_UP = 20;
const BATCH = 30;
/** Steps through (message, reader) pairs by a prime that shares no factor with their number, so no pair repeats. */
const STRIDE = 7_919;

/**
 * The calls of a burst of {@link BURST_RECEIPTS} receipts over {@link BURST_MS}, evenly spaced, every receipt a new
 * one (a reader who has not read that message yet), so that each one changes a count. The same `random` gives the
 * same calls, so both UIs face the same burst.
 *
 * @example
 * ```ts
 * const calls = burstCalls('catchUp', messageIDs, readers, server.createRandom('burst'));
 * ```
 */
export function burstCalls(
  shape: BurstShape,
  messageIDs: readonly string[],
  readers: readonly string[],
  random: Random,
): ReceiptCall[] {
  const batches: Array<{ reader: string; messageIDs: string[] }> = [];
  if (shape === 'catchUp') {
    // Each reader opens the conversation somewhere and reads on from there, a screenful at a time.
    const run = BURST_RECEIPTS / CATCHING_UP;
    const perReader = Array.from({ length: CATCHING_UP }, (_, index) => {
      const reader = readers[(index * STRIDE) % readers.length]!;
      const start = random.int(0, messageIDs.length - run);
      const own: Array<{ reader: string; messageIDs: string[] }> = [];
      for (let offset = 0; offset < run; offset += BATCH) {
        own.push({
          reader,
          messageIDs: messageIDs.slice(start + offset, start + Math.min(run, offset + BATCH)),
        });
      }
      return own;
    });
    // The readers read at the same time: their calls take turns.
    for (let turn = 0; perReader.some((own) => turn < own.length); turn++) {
      for (const own of perReader) if (turn < own.length) batches.push(own[turn]!);
    }
  } else {
    const pairs = messageIDs.length * readers.length;
    for (let index = 0; index < BURST_RECEIPTS; index++) {
      const pair = (index * STRIDE) % pairs;
      batches.push({
        reader: readers[Math.floor(pair / messageIDs.length)]!,
        messageIDs: [messageIDs[pair % messageIDs.length]!],
      });
    }
  }
  const gap = BURST_MS / batches.length;
  return batches.map((batch, index) => ({ at: index * gap, ...batch }));
}
