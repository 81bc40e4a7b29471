/**
 * End to end in process, as ratios: readers' clients acknowledge messages in batches of 30 (the most one call
 * takes); each call crosses the mock transport as JSON, the server applies it and pushes the new counts to the
 * sender's client, also as JSON, and the sender's receipt store publishes them. The clock stops when the store
 * shows every message read by every reader.
 *
 * Reported as ratios, with no budget of their own (the budgets are on the parts: engine, server, browser), beside,
 * in the same interleaved rounds:
 * - **server only**: the same receipts handed straight to the server (`server.request`), no clients, no JSON. The
 *   ratio says what the clients, the wire and the store cost on top of storing receipts.
 * - **naive**: the same pipeline written the simple way: JSON out, a server keeping a `Set` of readers per message
 *   (with readby's rules: recipients fixed at send, the sender left out, once per reader), a JSON push of the new
 *   counts, and a sender keeping counts in a `Map` and calling each message's listener.
 *
 * docs/rules.md §4's absolute bar (≥ 200,000 receipts a second) is kept as a reference row: on a shared machine it says more
 * about the load than about the code.
 */
import { createChat, getReceiptStore, MAX_RECEIPT_BATCH, type Message, TYPES } from '../src/core/index';
import { createMockServer } from '../src/mock/index';
import { type BenchRow, budgetRow, interleave, now, pairedRatio, spread } from './types';

const READERS = 500;
const MESSAGES = 300;
const RECEIPTS = READERS * MESSAGES;
const ROUNDS = 5;
const SPEC_BAR = 200_000;

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

function batchesOf<T>(items: T[]): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += MAX_RECEIPT_BATCH)
    batches.push(items.slice(start, start + MAX_RECEIPT_BATCH));
  return batches;
}

async function readby(): Promise<number> {
  const server = createMockServer({ seed: 1, maxReceiptGroupSize: READERS + 1 });
  const readerIDs = Array.from({ length: READERS }, (_, index) => `reader${index}`);
  server.createGroup({ groupID: 'team', type: 'Private', memberList: ['sender', ...readerIDs] });
  const sender = createChat({ transport: server.connect('sender') });
  const store = getReceiptStore(sender, { schedule: (publish) => setImmediate(publish) });
  const readers = readerIDs.map((id) => createChat({ transport: server.connect(id) }));
  const sent: Message[] = [];
  for (let index = 0; index < MESSAGES; index++) {
    const message = sender.createTextMessage({
      to: 'team',
      conversationType: TYPES.CONV_GROUP,
      payload: { text: `update ${index}` },
      needReadReceipt: true,
    });
    sent.push((await sender.sendMessage(message)).data.message);
  }
  await turn();
  let unread = MESSAGES;
  let done: () => void = () => {};
  const allRead = new Promise<void>((resolve) => {
    done = resolve;
  });
  for (const message of sent) {
    store.track(message);
    const stop = store.subscribe(message.ID, () => {
      if (store.get(message.ID)?.status !== 'allRead') return;
      stop();
      unread -= 1;
      if (unread === 0) done();
    });
  }
  // Each reader acknowledges the messages as its own client received them.
  const batchesByReader = readers.map((reader) =>
    batchesOf(
      sent.map((message) => reader.findMessage(message.ID) ?? fail(`${reader.userID} missed ${message.ID}`)),
    ),
  );
  const started = now();
  await Promise.all(
    readers.map(async (reader, index) => {
      for (const batch of batchesByReader[index]!) await reader.sendMessageReadReceipt(batch);
    }),
  );
  await allRead;
  const ms = now() - started;
  store.destroy();
  for (const chat of [sender, ...readers]) chat.destroy();
  return ms;
}

function serverOnly(): number {
  const server = createMockServer({ seed: 1, maxReceiptGroupSize: READERS + 1 });
  const readerIDs = Array.from({ length: READERS }, (_, index) => `reader${index}`);
  server.createGroup({ groupID: 'team', type: 'Private', memberList: ['sender', ...readerIDs] });
  const ids = Array.from(
    { length: MESSAGES },
    (_, index) =>
      server.postMessage({
        from: 'sender',
        to: 'team',
        conversationType: 'GROUP',
        text: `update ${index}`,
        needReadReceipt: true,
      }).ID,
  );
  const batches = batchesOf(ids).map((messageIDs) => ({ messageIDs }));
  const started = now();
  for (const reader of readerIDs)
    for (const params of batches) server.request(reader, 'sendMessageReadReceipt', params);
  const ms = now() - started;
  const receipts = server.getStorageStats().receipts;
  if (receipts !== RECEIPTS) throw new Error(`server only: expected ${RECEIPTS} receipts, got ${receipts}`);
  return ms;
}

/** The simple pipeline: JSON both ways, a Set of readers per message, counts in a Map on the sender's side. */
async function naive(): Promise<number> {
  const readerIDs = Array.from({ length: READERS }, (_, index) => `reader${index}`);
  const members = new Set(['sender', ...readerIDs]);
  const messages = new Map<string, { from: string; recipients: Set<string>; readers: Set<string> }>();
  const ids: string[] = [];
  for (let index = 0; index < MESSAGES; index++) {
    const id = `m${index}`;
    // Recipients are the members at send, the sender left out: one shared snapshot while membership holds.
    const recipients =
      messages.get(ids.at(-1) ?? '')?.recipients ?? new Set([...members].filter((m) => m !== 'sender'));
    messages.set(id, { from: 'sender', recipients, readers: new Set() });
    ids.push(id);
  }
  const counts = new Map<string, { readCount: number; unreadCount: number }>();
  const listeners = new Map<string, () => void>();
  let unread = MESSAGES;
  let done: () => void = () => {};
  const allRead = new Promise<void>((resolve) => {
    done = resolve;
  });
  for (const id of ids) {
    listeners.set(id, () => {
      if (counts.get(id)!.unreadCount !== 0) return;
      listeners.delete(id);
      unread -= 1;
      if (unread === 0) done();
    });
  }
  const senderReceives = (wire: string) => {
    for (const item of JSON.parse(wire) as { messageID: string; readCount: number; unreadCount: number }[]) {
      counts.set(item.messageID, { readCount: item.readCount, unreadCount: item.unreadCount });
      listeners.get(item.messageID)?.();
    }
  };
  const serverReceives = (userID: string, wire: string): string => {
    const { messageIDs } = JSON.parse(wire) as { messageIDs: string[] };
    const items: { messageID: string; readCount: number; unreadCount: number }[] = [];
    for (const id of messageIDs) {
      const message = messages.get(id);
      if (!message?.recipients.has(userID) || message.readers.has(userID)) continue;
      message.readers.add(userID);
      items.push({
        messageID: id,
        readCount: message.readers.size,
        unreadCount: message.recipients.size - message.readers.size,
      });
    }
    queueMicrotask(() => senderReceives(JSON.stringify(items)));
    return '{}';
  };
  const send = async (userID: string, messageIDs: string[]) => {
    const wire = JSON.stringify({ messageIDs });
    await null;
    JSON.parse(serverReceives(userID, wire));
  };
  const batches = batchesOf(ids);
  const started = now();
  await Promise.all(
    readerIDs.map(async (reader) => {
      for (const batch of batches) await send(reader, batch);
    }),
  );
  await allRead;
  return now() - started;
}

function fail(message: string): never {
  throw new Error(message);
}

export async function run(): Promise<BenchRow[]> {
  const samples = await interleave({ readby, serverOnly, naive }, { rounds: ROUNDS });
  const measured = {
    readby: spread(samples.readby, 'ms'),
    'server only': spread(samples.serverOnly, 'ms'),
    naive: spread(samples.naive, 'ms'),
  };
  const overServer = pairedRatio(samples.readby, samples.serverOnly);
  const overNaive = pairedRatio(samples.readby, samples.naive);
  const perSecond = RECEIPTS / (measured.readby.median / 1000);
  const workload = `${READERS} readers × ${MESSAGES} messages, ${MAX_RECEIPT_BATCH} a call, ${ROUNDS} interleaved rounds`;
  return [
    budgetRow({
      bar: 'endToEnd.naive',
      name: 'end to end (client → JSON → server → push → receipt store) ÷ the naive pipeline',
      value: overNaive.median,
      unit: '×',
      measured: { ...measured, ratio: overNaive },
      detail: workload,
    }),
    budgetRow({
      bar: 'endToEnd.server',
      name: 'end to end ÷ the server alone (what clients, wire and store add)',
      value: overServer.median,
      unit: '×',
      measured: { ratio: overServer },
    }),
    budgetRow({
      bar: 'endToEndReceipts',
      name: 'end to end, receipts a second (docs/rules.md §4, reference)',
      value: perSecond,
      unit: '/s',
      min: SPEC_BAR,
      gate: false,
      detail: `median of ${ROUNDS}: ${measured.readby.median.toFixed(0)} ms for ${RECEIPTS.toLocaleString('en')} receipts`,
    }),
  ];
}
