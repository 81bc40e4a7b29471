import type { ReadByError } from './errors';
import { hasCounts, type ReceiptFacts } from './receiptFacts';

/**
 * `'none'`: no receipt asked, not my message, or a failed send; `'sending'`: not sent yet; `'unread'`: nobody has
 * read it; `'partial'`: some recipients have (group); `'allRead'`: every recipient has (group); `'read'`: the peer
 * has (one-to-one).
 */
export type ReadReceiptStatus = 'none' | 'sending' | 'unread' | 'partial' | 'allRead' | 'read';

/**
 * The current receipt state of one message, as the receipt store publishes it: an immutable object that is
 * replaced, never changed, when the receipts change, so `===` tells whether anything did.
 *
 * @example
 * ```ts
 * const state = store.get(message.ID);
 * if (state?.status === 'partial') console.log(`Read by ${state.readCount} of ${state.total}`);
 * ```
 */
export interface ReceiptState {
  readonly messageID: string;
  readonly status: ReadReceiptStatus;
  /** Group: recipients who have read. One-to-one: 1 once read, else 0. `undefined` while unknown. */
  readonly readCount: number | undefined;
  /** Group: recipients who have not read. One-to-one: 0 once read, else 1. `undefined` while unknown. */
  readonly unreadCount: number | undefined;
  /** Recipients in all: `readCount + unreadCount` (one-to-one: 1). `undefined` while unknown. */
  readonly total: number | undefined;
  /** One-to-one: the peer sent a receipt or marked the conversation read. */
  readonly isPeerRead: boolean;
  /** Counts are needed and have not arrived yet. */
  readonly isLoading: boolean;
  /** Why the last pull of the counts failed; cleared by the next success or by a reconnect. */
  readonly error: ReadByError | null;
}

/** Whether a message is one whose receipts its sender follows: mine, sent with receipts, where receipts exist. */
export function isTracked(facts: ReceiptFacts, userID: string, supported: boolean): boolean {
  return supported && facts.needReadReceipt && facts.from === userID && userID !== '';
}

/** The published state for a message's facts. */
export function receiptStateOf(
  facts: ReceiptFacts,
  tracked: boolean,
  error: ReadByError | null,
  settled: boolean,
): ReceiptState {
  const sent = facts.sendStatus === 'success';
  const none: ReceiptState = {
    messageID: facts.ID,
    status: 'none',
    readCount: undefined,
    unreadCount: undefined,
    total: undefined,
    isPeerRead: false,
    isLoading: tracked && sent && !hasCounts(facts) && !settled && error === null,
    error,
  };
  if (!tracked || facts.sendStatus === 'fail') return { ...none, isLoading: false };
  if (!sent) return { ...none, status: 'sending', isLoading: false };
  if (facts.isGroup) {
    const { readCount, unreadCount } = facts;
    return {
      ...none,
      status: !readCount ? 'unread' : unreadCount === 0 ? 'allRead' : 'partial',
      readCount,
      unreadCount,
      total: readCount === undefined || unreadCount === undefined ? undefined : readCount + unreadCount,
    };
  }
  // One-to-one there is one recipient, whether or not we know if the peer has read.
  const isPeerRead = facts.isPeerRead === true;
  const known = facts.isPeerRead !== undefined;
  return {
    ...none,
    status: isPeerRead ? 'read' : 'unread',
    readCount: known ? Number(isPeerRead) : undefined,
    unreadCount: known ? Number(!isPeerRead) : undefined,
    total: 1,
    isPeerRead,
  };
}

/** Whether two published states show the same thing. */
export function sameReceiptState(a: ReceiptState, b: ReceiptState): boolean {
  return (
    a.status === b.status &&
    a.readCount === b.readCount &&
    a.unreadCount === b.unreadCount &&
    a.total === b.total &&
    a.isPeerRead === b.isPeerRead &&
    a.isLoading === b.isLoading &&
    a.error === b.error
  );
}
