/**
 * Memory the server's receipts take.
 *
 * docs/rules.md §4, storage: ≤ 1 bit per (message, recipient) + 8 bytes per receipt, at every group size. For groups of
 * 100, 1,000, 10,000 and 100,000 members, a sender's 1,000 messages are read in the pattern of `compare.bench.ts`
 * (`readingSessions.ts`). The receipts' share of memory is measured as the JavaScript heap plus array buffers
 * after full garbage collections: servers with the messages and their receipts, less identical servers whose
 * messages do not ask for receipts (as many as make a million receipts, to drown the heap's noise). So every
 * byte receipts cost counts, object headers included. Beside it:
 * `getStorageStats().receiptBytes`, the server's own count of the bytes its typed arrays hold, which must not claim
 * more than the heap shows; and the naive `Map<messageID, Set<userID>>` holding the same receipts, for reference.
 *
 * docs/rules.md §4, size: 1,000 messages to 100,000 recipients with 10% read fit in ≤ 100 MB of server memory, measured as
 * the growth of the heap and array buffers around building that server: the roster, the messages and 10,000,000
 * receipts.
 */
import { createMockServer, type MockServer } from '../src/mock/index';
import type { NaiveReceipts } from './naiveReceipts';
import {
  applyToNaive,
  applyToReadby,
  MESSAGES,
  naiveStore,
  readbyServer,
  receiptBatches,
  type Workload,
  workload,
} from './receiptContenders';
import { type BenchRow, budgetRow, formatNumber } from './types';

const SIZES = [100, 1_000, 10_000, 100_000] as const;
const MB = 1024 * 1024;
const KB = 1024;
/** The server's own count may exceed what the heap shows by this much, for the heap's own noise. */
const ACCOUNTING_SLACK_BYTES = 16 * KB;

function usedBytes(): number {
  globalThis.gc?.();
  globalThis.gc?.();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/** Heap growth while `build` runs and what it returns stays alive. */
function measure<T>(build: () => T): { bytes: number; value: T } {
  const before = usedBytes();
  const value = build();
  return { bytes: usedBytes() - before, value };
}

interface StorageFigures {
  /** What the receipts add to the heap and array buffers. */
  bytes: number;
  receipts: number;
  /** The server's own count: `getStorageStats().receiptBytes`. */
  receiptBytes: number;
  /** What the same receipts add to the naive store. */
  naiveBytes: number;
}

/**
 * Servers measured together, so that the few hundred kB the heap's own figure wanders by between collections
 * weigh little beside them: enough for a million receipts in all.
 */
function copiesFor(work: Workload): number {
  return Math.max(1, Math.ceil(1_000_000 / work.sessions.receipts));
}

function measureStorage(work: Workload): StorageFigures {
  const { ids } = readbyServer(work);
  const copies = copiesFor(work);
  const each = (build: () => unknown) => () => Array.from({ length: copies }, build);
  // Made before any measurement, and kept alive through all of them: the requests are not the server's memory.
  const batches = receiptBatches(work, ids);
  // Once unmeasured, so that code compiled for this group size (its read-order entries are 1, 2 or 4 bytes) is not
  // counted as receipts.
  applyToReadby(readbyServer(work).server, work, batches);
  const without = measure(each(() => readbyServer(work, false).server));
  const withReceipts = measure(
    each(() => {
      const { server } = readbyServer(work);
      applyToReadby(server, work, batches);
      return server;
    }),
  );
  const stats = (withReceipts.value[0] as MockServer).getStorageStats();
  const emptyNaive = measure(each(() => naiveStore(work, ids)));
  const naive = measure(
    each((): NaiveReceipts => {
      const store = naiveStore(work, ids);
      applyToNaive(store, work, batches);
      return store;
    }),
  );
  keepAlive(without.value, withReceipts.value, emptyNaive.value, naive.value, batches);
  return {
    bytes: (withReceipts.bytes - without.bytes) / copies,
    receipts: stats.receipts,
    receiptBytes: stats.receiptBytes,
    naiveBytes: (naive.bytes - emptyNaive.bytes) / copies,
  };
}

function receiptStorageRow(work: Workload): BenchRow {
  const { bytes, receipts, receiptBytes, naiveBytes } = measureStorage(work);
  if (receipts !== work.sessions.receipts)
    throw new Error(`expected ${work.sessions.receipts} receipts, the server holds ${receipts}`);
  if (receiptBytes > bytes + ACCOUNTING_SLACK_BYTES)
    throw new Error(`receiptBytes says ${receiptBytes} bytes, more than the ${bytes} the heap shows`);
  const recipients = work.size - 1;
  const budget = (MESSAGES * recipients) / 8 + 8 * receipts;
  const share = receipts / (MESSAGES * recipients);
  return budgetRow({
    bar: 'memory.receiptStorage',
    name: `receipt storage, ${formatNumber(work.size)} members, 1,000 messages, ${formatNumber(share * 100)}% read`,
    value: bytes / KB,
    unit: 'kB',
    max: budget / KB,
    detail:
      `${formatNumber(bytes / receipts)} B a receipt; ` +
      `budget 1 bit a recipient + 8 B a receipt = ${formatNumber(budget / KB)} kB; ` +
      `receiptBytes ${formatNumber(receiptBytes / KB)} kB; ` +
      `naive Map of Sets ${formatNumber(naiveBytes / KB)} kB; ${formatNumber(receipts)} receipts`,
  });
}

/** Holds its arguments until here, so the collector cannot take them before the last measurement. */
function keepAlive(...values: unknown[]): void {
  if (values.length < 0) console.log(values);
}

const SPEC_MEMBERS = 100_000;
const SPEC_BAR_MB = 100;

/** The server of docs/rules.md §4: 1,000 messages to 100,000 recipients, a different tenth reading each batch of 30. */
function specServer(): MockServer {
  const server = createMockServer({ seed: 1, maxReceiptGroupSize: SPEC_MEMBERS });
  const users = Array.from({ length: SPEC_MEMBERS }, (_, index) => `member${index}`);
  server.createGroup({ groupID: 'all-hands', type: 'Public', memberList: users });
  const ids: string[] = [];
  for (let index = 0; index < MESSAGES; index++) {
    ids.push(
      server.postMessage({
        from: users[0]!,
        to: 'all-hands',
        conversationType: 'GROUP',
        text: `update ${index}`,
        needReadReceipt: true,
      }).ID,
    );
  }
  for (let start = 0, batch = 0; start < ids.length; start += 30, batch++) {
    const params = { messageIDs: ids.slice(start, start + 30) };
    for (let index = 1 + (batch % 10); index < SPEC_MEMBERS; index += 10) {
      server.request(users[index]!, 'sendMessageReadReceipt', params);
    }
  }
  return server;
}

function specRow(): BenchRow {
  const { bytes, value: server } = measure(specServer);
  const stats = server.getStorageStats();
  return budgetRow({
    bar: 'serverMemory',
    name: 'server memory: 1,000 messages × 100,000 recipients, 10% read',
    value: bytes / MB,
    unit: 'MB',
    max: SPEC_BAR_MB,
    detail:
      `${formatNumber(stats.receipts)} receipts; receipt storage ${formatNumber(stats.receiptBytes / MB)} MB ` +
      `(${((stats.receiptBytes * 8) / (MESSAGES * (SPEC_MEMBERS - 1))).toFixed(2)} bits a recipient incl. read order)`,
  });
}

export function run(): BenchRow[] {
  if (typeof globalThis.gc !== 'function') {
    return [
      {
        bar: 'serverMemory',
        name: 'server memory (needs node --expose-gc)',
        value: Number.NaN,
        unit: 'MB',
        target: `≤ ${SPEC_BAR_MB} MB`,
        pass: false,
        gate: true,
        detail: 'run through npm run bench',
      },
    ];
  }
  return [...SIZES.map((size) => receiptStorageRow(workload(size))), specRow()];
}
