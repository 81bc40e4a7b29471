/**
 * The three stores of who read what that the receipt benchmarks set side by side, each set up for one group and
 * fed the same reading sessions ({@link readingSessions}):
 *
 * - readby's mock server, sent receipts as its members' clients send them: `sendMessageReadReceipt` requests of at
 *   most 30 consecutive messages, oldest first;
 * - the naive `Map<messageID, Set<userID>>` ({@link NaiveReceipts}), given the same batches;
 * - Stream's `MessageReceiptsTracker`, given one read event per session ({@link streamTimeline}).
 *
 * Inputs (request parameters, events) are made before the clock starts, as they would arrive off the wire.
 */

import type { MessageReceiptsTracker } from 'stream-chat';
import { MAX_RECEIPT_BATCH } from '../src/core/index';
import { createMockServer, type MockServer } from '../src/mock/index';
import { NaiveReceipts } from './naiveReceipts';
import { expectedReadCounts, type ReadingSessions, readingSessions } from './readingSessions';
import { type StreamTimeline, streamTimeline, streamUsers } from './streamTimeline';

export const MESSAGES = 1_000;
export const GROUP = 'all-hands';

export interface Workload {
  size: number;
  /** Member IDs in join order; member 0 sends every message. */
  users: string[];
  sessions: ReadingSessions;
  /** Readers of message k (1-based) once every session has run. */
  expected: Int32Array;
}

export function workload(size: number): Workload {
  const users = Array.from({ length: size }, (_, index) => `member${index}`);
  const sessions = readingSessions(size, MESSAGES, size);
  return { size, users, sessions, expected: expectedReadCounts(sessions) };
}

/** The member index of a member ID: how the checks below look readers up without a map. */
export function memberIndex(userID: string): number {
  return Number(userID.slice('member'.length));
}

/** A server with the group and its 1,000 messages, none read yet. */
export function readbyServer(work: Workload, needReadReceipt = true): { server: MockServer; ids: string[] } {
  const server = createMockServer({ seed: 1, maxReceiptGroupSize: work.size });
  server.createGroup({ groupID: GROUP, type: 'Public', memberList: work.users });
  const ids: string[] = [];
  for (let index = 0; index < MESSAGES; index++) {
    ids.push(
      server.postMessage({
        from: work.users[0]!,
        to: GROUP,
        conversationType: 'GROUP',
        text: `update ${index + 1}`,
        needReadReceipt,
      }).ID,
    );
  }
  return { server, ids };
}

/** The receipt requests of every session, in order: the reader and the parameters of each request. */
export interface Batches {
  reader: Int32Array;
  params: { messageIDs: string[] }[];
}

export function receiptBatches(work: Workload, ids: readonly string[]): Batches {
  const { reader, from, to } = work.sessions;
  // Requests cover consecutive messages, so the same ranges recur: each is made once.
  const made = new Map<number, { messageIDs: string[] }>();
  const readers: number[] = [];
  const params: { messageIDs: string[] }[] = [];
  for (let session = 0; session < reader.length; session++) {
    for (let start = from[session]!; start < to[session]!; start += MAX_RECEIPT_BATCH) {
      const end = Math.min(start + MAX_RECEIPT_BATCH, to[session]!);
      const key = start * (MAX_RECEIPT_BATCH + 1) + (end - start);
      let batch = made.get(key);
      if (!batch) {
        batch = { messageIDs: ids.slice(start, end) };
        made.set(key, batch);
      }
      readers.push(reader[session]!);
      params.push(batch);
    }
  }
  return { reader: Int32Array.from(readers), params };
}

export function applyToReadby(server: MockServer, work: Workload, batches: Batches): void {
  const { users } = work;
  const { reader, params } = batches;
  for (let index = 0; index < reader.length; index++)
    server.request(users[reader[index]!]!, 'sendMessageReadReceipt', params[index]!);
}

export function naiveStore(work: Workload, ids: readonly string[]): NaiveReceipts {
  const naive = new NaiveReceipts();
  naive.addMembers(work.users);
  for (const id of ids) naive.send(id, work.users[0]!);
  return naive;
}

export function applyToNaive(naive: NaiveReceipts, work: Workload, batches: Batches): void {
  const { users } = work;
  const { reader, params } = batches;
  for (let index = 0; index < reader.length; index++)
    naive.sendReadReceipt(users[reader[index]!]!, params[index]!.messageIDs);
}

export interface StreamFeed {
  timeline: StreamTimeline;
  events: { user: { id: string }; readAt: string }[];
}

export function streamFeed(work: Workload, ids: readonly string[]): StreamFeed {
  const timeline = streamTimeline(ids);
  const users = streamUsers(work.users);
  const { reader, to } = work.sessions;
  const events = Array.from(reader, (member, session) => ({
    user: users[member]!,
    readAt: timeline.readAt[to[session]!]!,
  }));
  return { timeline, events };
}

export function applyToStream(tracker: MessageReceiptsTracker, feed: StreamFeed): void {
  for (const event of feed.events) tracker.onMessageRead(event);
}
