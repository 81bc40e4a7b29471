/**
 * readby's receipt storage beside the two ways others store who read what, on one workload: a sender's 1,000
 * messages read by groups of 100, 1,000, 10,000 and 100,000 members in skewed catch-up sessions
 * (`readingSessions.ts`). The contenders (`receiptContenders.ts`):
 *
 * - readby: the mock server, receipts sent as its members' clients send them (requests of ≤ 30 consecutive
 *   messages), counts read with `getMessageReadReceiptList`, readers with `getGroupMessageReadMemberList`;
 * - naive: a `Map<messageID, Set<userID>>` that keeps the same rules (recipients at send, shared copy on write; no
 *   sender; once per reader; nothing for a non-recipient);
 * - Stream: stream-chat's `MessageReceiptsTracker`, one read event per session, counts and reader pages through
 *   `readersForMessage`.
 *
 * Before anything is timed, all three are checked to agree with each other and with the workload: the same count
 * and the same set of readers for every message, and readby's and the naive store's readers in the same order.
 * Each figure is timed in interleaved rounds (who goes first rotates; a round keeps the best of a few passes where
 * one pass takes only milliseconds) and judged as the median of the per-round ratios. Budgets: applying the
 * receipts costs ≤ 1× the naive store at every size and ≤ 2× Stream's tracker at 100,000 members; reading the
 * 1,000 counts, and the first page of 50 readers of each of the 1,000 messages, are ≥ 10× faster than through
 * Stream's public API at 10,000 and 100,000 members.
 */
import type { MessageReceiptsTracker } from 'stream-chat';
import { MAX_RECEIPT_QUERY } from '../src/core/index';
import type { MockServer } from '../src/mock/index';
import type { NaiveReceipts } from './naiveReceipts';
import {
  applyToNaive,
  applyToReadby,
  applyToStream,
  type Batches,
  MESSAGES,
  memberIndex,
  naiveStore,
  readbyServer,
  receiptBatches,
  type StreamFeed,
  streamFeed,
  type Workload,
  workload,
} from './receiptContenders';
import { type BenchRow, budgetRow, formatNumber, interleave, now, pairedRatio, spread } from './types';

const SIZES = [100, 1_000, 10_000, 100_000] as const;
const PAGE = 50;
/** Rounds of the apply figure: fewer for the largest group, where one round of the naive store takes seconds. */
const APPLY_ROUNDS: Record<number, number> = { 100: 9, 1000: 7, 10000: 5, 100000: 3 };
/**
 * Passes of each apply round, each on a fresh store, of which the round keeps the fastest: at 100 members a pass
 * takes a few milliseconds, which one preemption on a shared machine can double.
 */
const APPLY_PASSES: Record<number, number> = { 100: 5, 1000: 3, 10000: 1, 100000: 1 };
const QUERY_ROUNDS = 11;
/**
 * Each round of a query figure keeps the best of a few passes over the 1,000 messages: a pass takes a few
 * milliseconds, short enough for one preemption on a shared machine to double it.
 */
const QUERY_PASSES = 5;

/** The smallest figure of `passes` runs of `timed`, which times itself (so that its set-up can stay out). */
function best(passes: number, timed: () => number): number {
  let figure = Number.POSITIVE_INFINITY;
  for (let index = 0; index < passes; index++) figure = Math.min(figure, timed());
  return figure;
}

/** The shortest of `passes` runs of `pass`, in milliseconds. */
function bestOf(passes: number, pass: () => void): number {
  return best(passes, () => {
    const started = now();
    pass();
    return now() - started;
  });
}

interface Built {
  server: MockServer;
  naive: NaiveReceipts;
  tracker: MessageReceiptsTracker;
}

/** A copy of the IDs that shares no string with any store, as a request off the wire would carry them. */
function wireCopy(ids: readonly string[]): string[] {
  return JSON.parse(JSON.stringify(ids)) as string[];
}

function fail(what: string): never {
  throw new Error(`contenders disagree: ${what}`);
}

/**
 * Throws unless every contender gives each message the count the workload implies and the same readers: each
 * reader is one who read that far, none twice, as many as expected; readby and the naive store in the same order.
 */
function checkAgreement(work: Workload, ids: readonly string[], built: Built, feed: StreamFeed): void {
  const { server, naive, tracker } = built;
  const { expected, size, sessions } = work;
  const sender = work.users[0]!;
  // A reader seen for message k is stamped k: a second sighting in the same list is a duplicate.
  const seenReadby = new Int32Array(size);
  const seenStream = new Int32Array(size);
  const checkReader = (seen: Int32Array, userID: string, k: number, who: string) => {
    const member = memberIndex(userID);
    if (!(member >= 1 && member < size) || sessions.last[member]! < k)
      fail(`${who} lists ${userID} as a reader of message ${k}`);
    if (seen[member] === k) fail(`${who} lists ${userID} twice for message ${k}`);
    seen[member] = k;
  };
  for (let start = 0; start < MESSAGES; start += MAX_RECEIPT_QUERY) {
    const { receipts } = server.request(sender, 'getMessageReadReceiptList', {
      messageIDs: ids.slice(start, start + MAX_RECEIPT_QUERY),
    });
    receipts.forEach((receipt, offset) => {
      const k = start + offset + 1;
      if (!('readCount' in receipt)) fail(`readby has no group counts for message ${k}`);
      if (receipt.readCount !== expected[k] || receipt.unreadCount !== size - 1 - expected[k]!)
        fail(
          `readby counts ${receipt.readCount}/${receipt.unreadCount} for message ${k}, not ${expected[k]}`,
        );
    });
  }
  for (let k = 1; k <= MESSAGES; k++) {
    const id = ids[k - 1]!;
    const count = expected[k]!;
    if (naive.readCount(id) !== count || naive.unreadCount(id) !== size - 1 - count)
      fail(`naive counts ${naive.readCount(id)} for message ${k}, not ${count}`);
    const streamReaders = tracker.readersForMessage(feed.timeline.refs[k]!);
    if (streamReaders.length !== count)
      fail(`Stream counts ${streamReaders.length} for message ${k}, not ${count}`);
    for (const user of streamReaders) checkReader(seenStream, user.id, k, 'Stream');
    const readbyReaders = server.getReceiptTruth(id)!.readUserIDList;
    const naiveReaders = naive.allReaders(id);
    if (readbyReaders.length !== count) fail(`readby lists ${readbyReaders.length} readers of message ${k}`);
    readbyReaders.forEach((userID, index) => {
      if (naiveReaders[index] !== userID) fail(`readby and naive read orders differ at message ${k}`);
      checkReader(seenReadby, userID, k, 'readby');
    });
    const page = server.request(sender, 'getGroupMessageReadMemberList', {
      messageID: id,
      filter: 0,
      cursor: '',
      count: PAGE,
    }).readUserIDList;
    const naivePage = naive.readers(id, 0, PAGE);
    if (page.length !== Math.min(PAGE, count) || page.some((userID, index) => naivePage[index] !== userID))
      fail(`readby's first page of readers of message ${k} is not the naive store's`);
  }
}

async function compareSize(size: number): Promise<BenchRow[]> {
  const work = workload(size);
  const { ids } = readbyServer(work);
  const wireIDs = wireCopy(ids);
  const batches: Batches = receiptBatches(work, wireIDs);
  const feed = streamFeed(work, wireIDs);
  const latest: Partial<Built> = {};

  const passes = APPLY_PASSES[size]!;
  const apply = await interleave(
    {
      readby: () =>
        best(passes, () => {
          delete latest.server;
          const { server } = readbyServer(work);
          const started = now();
          applyToReadby(server, work, batches);
          const ms = now() - started;
          latest.server = server;
          return ms;
        }),
      naive: () =>
        best(passes, () => {
          delete latest.naive;
          const naive = naiveStore(work, ids);
          const started = now();
          applyToNaive(naive, work, batches);
          const ms = now() - started;
          latest.naive = naive;
          return ms;
        }),
      stream: () =>
        best(passes, () => {
          delete latest.tracker;
          const tracker = feed.timeline.create();
          const started = now();
          applyToStream(tracker, feed);
          const ms = now() - started;
          latest.tracker = tracker;
          return ms;
        }),
    },
    { rounds: APPLY_ROUNDS[size]!, warmUp: 1 },
  );
  const built = latest as Built;
  checkAgreement(work, ids, built, feed);

  const sender = work.users[0]!;
  // Requests made before the clock starts, as for the receipts: what is timed is the server's answer.
  const countRequests = Array.from({ length: MESSAGES / MAX_RECEIPT_QUERY }, (_, chunk) => ({
    messageIDs: wireIDs.slice(chunk * MAX_RECEIPT_QUERY, (chunk + 1) * MAX_RECEIPT_QUERY),
  }));
  const pageRequests = wireIDs.map((messageID) => ({
    messageID,
    filter: 0 as const,
    cursor: '',
    count: PAGE,
  }));
  const { refs } = feed.timeline;
  let sink = 0;
  const counts = await interleave(
    {
      readby: () =>
        bestOf(QUERY_PASSES, () => {
          for (const request of countRequests)
            sink += built.server.request(sender, 'getMessageReadReceiptList', request).receipts.length;
        }),
      naive: () =>
        bestOf(QUERY_PASSES, () => {
          for (const id of wireIDs) sink += built.naive.readCount(id);
        }),
      stream: () =>
        bestOf(QUERY_PASSES, () => {
          for (let k = 1; k <= MESSAGES; k++) sink += built.tracker.readersForMessage(refs[k]!).length;
        }),
    },
    { rounds: QUERY_ROUNDS, warmUp: 2 },
  );
  const pages = await interleave(
    {
      readby: () =>
        bestOf(QUERY_PASSES, () => {
          for (const request of pageRequests)
            sink += built.server.request(sender, 'getGroupMessageReadMemberList', request).readUserIDList
              .length;
        }),
      naive: () =>
        bestOf(QUERY_PASSES, () => {
          for (const id of wireIDs) sink += built.naive.readers(id, 0, PAGE).length;
        }),
      stream: () =>
        bestOf(QUERY_PASSES, () => {
          for (let k = 1; k <= MESSAGES; k++)
            sink += built.tracker.readersForMessage(refs[k]!).slice(0, PAGE).length;
        }),
    },
    { rounds: QUERY_ROUNDS, warmUp: 2 },
  );
  if (sink < 0) console.log(sink);

  const label = `${formatNumber(size)} members`;
  const measured = (samples: Record<'readby' | 'naive' | 'stream', number[]>) => ({
    readby: spread(samples.readby, 'ms'),
    naive: spread(samples.naive, 'ms'),
    stream: spread(samples.stream, 'ms'),
  });
  const applyVsNaive = pairedRatio(apply.readby, apply.naive);
  const applyVsStream = pairedRatio(apply.readby, apply.stream);
  const countsSpeedUp = pairedRatio(counts.stream, counts.readby);
  const pagesSpeedUp = pairedRatio(pages.stream, pages.readby);
  const receipts = `${formatNumber(work.sessions.receipts)} receipts in ${formatNumber(batches.reader.length)} requests, ${formatNumber(work.sessions.reader.length)} sessions`;
  const large = size >= 10_000;
  return [
    budgetRow({
      bar: 'compare.applyVsNaive',
      name: `apply the read pattern, ${label}: readby ÷ naive Map of Sets`,
      value: applyVsNaive.median,
      unit: '×',
      max: 1,
      measured: { ratio: applyVsNaive, ...measured(apply) },
      detail: receipts,
    }),
    budgetRow({
      bar: 'compare.applyVsStream',
      name: `apply the read pattern, ${label}: readby ÷ Stream's tracker`,
      value: applyVsStream.median,
      unit: '×',
      max: 2,
      gate: size === 100_000,
      measured: { ratio: applyVsStream },
      detail: size === 100_000 ? 'gated at 100,000 members' : 'reference: gated at 100,000 members',
    }),
    budgetRow({
      bar: 'compare.counts',
      name: `counts of the 1,000 messages, ${label}: Stream ÷ readby`,
      value: countsSpeedUp.median,
      unit: '× faster',
      min: 10,
      gate: large,
      measured: { ratio: countsSpeedUp, ...measured(counts) },
      detail: large ? '' : 'reference: gated at 10,000 and 100,000 members',
    }),
    budgetRow({
      bar: 'compare.readerPage',
      name: `first page of 50 readers of each message, ${label}: Stream ÷ readby`,
      value: pagesSpeedUp.median,
      unit: '× faster',
      min: 10,
      gate: large,
      measured: { ratio: pagesSpeedUp, ...measured(pages) },
      detail: large ? '' : 'reference: gated at 10,000 and 100,000 members',
    }),
  ];
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const size of SIZES) rows.push(...(await compareSize(size)));
  return rows;
}
