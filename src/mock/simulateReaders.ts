import { invalidParameter, TYPES, type WireMessage } from '../core/index';
import type { MockServer } from './server';

export interface SimulateReadersOptions {
  /** Watch this group's messages. Without it (and without `peers`), every group is watched. */
  groupID?: string;
  /** Also answer one-to-one messages sent to these users. */
  peers?: string[];
  /** Users who never read automatically: the ones a person or a test drives. */
  exclude?: string[];
  /** Each reader reads after a random delay in this range, in ms. Default `[400, 4000]`. */
  delayMs?: [number, number];
  /** Share of recipients who ever read, 0 to 1. Default 1. */
  readRatio?: number;
  /** Also mark one-to-one conversations read (`setMessageRead`) after reading. Default true. */
  markRead?: boolean;
}

export interface ReaderSimulation {
  /** Stops watching; reads already scheduled are cancelled. */
  stop(): void;
  /** Schedules reads for a message already on the server, as if it had just been sent. */
  readMessage(message: WireMessage): void;
}

/** Reads due within one bucket share a timer, so 100,000 readers cost a few hundred timers, not 100,000. */
const BUCKET_MS = 50;

/**
 * Drives simulated members who read messages over time, for stories and demos: every message that asks for
 * receipts gets read by its recipients after seeded random delays, through the same rules as real clients.
 *
 * @example
 * ```ts
 * const simulation = simulateReaders(server, { groupID: 'team', exclude: ['alice'], delayMs: [500, 5000] });
 * // … later
 * simulation.stop();
 * ```
 */
export function simulateReaders(server: MockServer, options: SimulateReadersOptions = {}): ReaderSimulation {
  const {
    groupID,
    peers = [],
    exclude = [],
    delayMs = [400, 4000],
    readRatio = 1,
    markRead = true,
  } = checkOptions(options);
  const skipped = new Set(exclude);
  const random = server.createRandom(`readers:${groupID ?? '*'}:${peers.join(',')}`);
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const recipientsOf = (message: WireMessage): string[] => {
    if (message.conversationType === TYPES.CONV_C2C) {
      return peers.includes(message.to) && !skipped.has(message.to) ? [message.to] : [];
    }
    if (groupID !== undefined ? message.to !== groupID : peers.length > 0) return [];
    return server.getGroupMemberList(message.to).filter((id) => id !== message.from && !skipped.has(id));
  };

  const read = (message: WireMessage, reader: string) => {
    try {
      server.request(reader, 'sendMessageReadReceipt', { messageIDs: [message.ID] });
      if (markRead && message.conversationType === TYPES.CONV_C2C) {
        server.request(reader, 'setMessageRead', { conversationID: `${TYPES.CONV_C2C}${message.from}` });
      }
    } catch {
      // The reader left the group meanwhile: a departed member reads nothing.
    }
  };

  const readMessage = (message: WireMessage) => {
    if (!message.needReadReceipt) return;
    const buckets = new Map<number, string[]>();
    for (const reader of recipientsOf(message)) {
      if (!random.chance(readRatio)) continue;
      const bucket = Math.floor(random.int(delayMs[0], delayMs[1]) / BUCKET_MS);
      const list = buckets.get(bucket) ?? [];
      list.push(reader);
      buckets.set(bucket, list);
    }
    for (const [bucket, readers] of buckets) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        for (const reader of readers) read(message, reader);
      }, bucket * BUCKET_MS);
      timers.add(timer);
    }
  };

  const unsubscribe = server.onMessage(readMessage);
  return {
    readMessage,
    stop() {
      unsubscribe();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}

/** Bad options are refused up front, as the server refuses bad requests, rather than giving odd delays later. */
function checkOptions(options: unknown): SimulateReadersOptions {
  if (typeof options !== 'object' || options === null) throw invalidParameter('options', 'an object');
  const { groupID, peers, exclude, delayMs, readRatio, markRead } = options as Record<string, unknown>;
  if (groupID !== undefined && (typeof groupID !== 'string' || groupID === ''))
    throw invalidParameter('options.groupID', 'a non-empty string');
  for (const [name, list] of [
    ['options.peers', peers],
    ['options.exclude', exclude],
  ] as const) {
    if (
      list !== undefined &&
      (!Array.isArray(list) || list.some((id) => typeof id !== 'string' || id === ''))
    )
      throw invalidParameter(name, 'an array of non-empty user IDs');
  }
  if (
    delayMs !== undefined &&
    !(
      Array.isArray(delayMs) &&
      delayMs.length === 2 &&
      delayMs.every((ms) => Number.isInteger(ms) && ms >= 0) &&
      delayMs[0] <= delayMs[1]
    )
  )
    throw invalidParameter('options.delayMs', '[min, max]: whole numbers of ms with 0 ≤ min ≤ max');
  if (readRatio !== undefined && !(typeof readRatio === 'number' && readRatio >= 0 && readRatio <= 1))
    throw invalidParameter('options.readRatio', 'a number from 0 to 1');
  if (markRead !== undefined && typeof markRead !== 'boolean')
    throw invalidParameter('options.markRead', 'a boolean');
  return options as SimulateReadersOptions;
}
