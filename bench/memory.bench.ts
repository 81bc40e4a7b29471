/**
 * docs/rules.md §4: 1,000 messages to 100,000 recipients with 10% read fit in ≤ 100 MB of server memory. Measured as the
 * growth of the JavaScript heap plus array buffers (where the receipt bitsets live) between two full garbage
 * collections, around building that server: the roster, the messages and 10,000,000 receipts.
 */
import { createMockServer, type MockServer } from '../src/mock/index';
import type { BenchRow } from './types';

const MEMBERS = 100_000;
const MESSAGES = 1_000;
const BATCH = 30;
const MB = 1024 * 1024;
const BAR_MB = 100;

function usedBytes(): number {
  globalThis.gc?.();
  globalThis.gc?.();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

function build(): MockServer {
  const server = createMockServer({ seed: 1, maxReceiptGroupSize: MEMBERS });
  const users = Array.from({ length: MEMBERS }, (_, index) => `member${index}`);
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
  // A different tenth of the group reads each batch of messages, 30 messages a call, as clients send them.
  for (let start = 0, batch = 0; start < ids.length; start += BATCH, batch++) {
    const params = { messageIDs: ids.slice(start, start + BATCH) };
    for (let index = 1 + (batch % 10); index < MEMBERS; index += 10) {
      server.request(users[index]!, 'sendMessageReadReceipt', params);
    }
  }
  return server;
}

export function run(): BenchRow[] {
  if (typeof globalThis.gc !== 'function') {
    return [
      {
        bar: 'serverMemory',
        name: 'server memory (needs node --expose-gc)',
        value: Number.NaN,
        unit: 'MB',
        target: `≤ ${BAR_MB} MB`,
        pass: false,
        gate: true,
        detail: 'run through npm run bench',
      },
    ];
  }
  const before = usedBytes();
  const server = build();
  const after = usedBytes();
  const stats = server.getStorageStats();
  const megabytes = (after - before) / MB;
  return [
    {
      bar: 'serverMemory',
      name: 'server memory: 1,000 messages × 100,000 recipients, 10% read',
      value: megabytes,
      unit: 'MB',
      target: `≤ ${BAR_MB} MB`,
      pass: megabytes <= BAR_MB,
      gate: true,
      detail:
        `${stats.receipts.toLocaleString('en')} receipts; receipt storage ${(stats.receiptBytes / MB).toFixed(1)} MB ` +
        `(${((stats.receiptBytes * 8) / (MESSAGES * (MEMBERS - 1))).toFixed(2)} bits a recipient incl. read order)`,
    },
  ];
}
