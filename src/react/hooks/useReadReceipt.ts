import { useCallback, useEffect } from 'react';
import { useStore } from 'zustand';
import type { Message, ReadByError } from '../../core/index';
import { useReadByContext } from '../ReadByProvider';
import { EMPTY_RECEIPT_ENTRY } from '../receiptStore';

/**
 * `'none'`: no receipt asked, or not my message; `'sending'`: not sent yet; `'unread'`: nobody has read it;
 * `'partial'`: some recipients have (group); `'allRead'`: every recipient has (group); `'read'`: the peer has
 * (one-to-one).
 */
export type ReadReceiptStatus = 'none' | 'sending' | 'unread' | 'partial' | 'allRead' | 'read';

export interface ReadReceiptState {
  status: ReadReceiptStatus;
  /** Group: recipients who have read. One-to-one: 1 once read, else 0. `undefined` while unknown. */
  readCount: number | undefined;
  /** Group: recipients who have not read. One-to-one: 0 once read, else 1. `undefined` while unknown. */
  unreadCount: number | undefined;
  /** Recipients in all: `readCount + unreadCount`. */
  total: number | undefined;
  /** One-to-one: the peer sent a receipt or marked the conversation read. */
  isPeerRead: boolean;
  /** Counts were asked for and have not arrived yet. */
  isLoading: boolean;
  error: ReadByError | null;
  /** Asks for the counts again, after an error. */
  refetch: () => void;
}

/**
 * The live receipt state of one message. Re-renders only when this message's receipts change, at most once a
 * frame. Counts not yet known are fetched together with every other badge mounted in the same tick: one request
 * per conversation, at most 100 messages each.
 *
 * Receipts are followed live from pushes; the send itself is not, since the engine announces no event for it. So
 * pass the snapshot a send resolved with (or a message from `useMessageList`, which `useSendMessage` keeps current):
 * the draft from `createTextMessage` stays `'sending'` until the component gets the sent message.
 *
 * @example
 * ```tsx
 * function Seen({ message }: { message: Message }) {
 *   const { status, readCount, total } = useReadReceipt(message);
 *   return status === 'none' ? null : <small>{readCount} / {total}</small>;
 * }
 * ```
 */
export function useReadReceipt(message: Message | null | undefined): ReadReceiptState {
  const { chat, receipts } = useReadByContext('useReadReceipt');
  const id = message?.ID ?? '';
  const entry = useStore(receipts.store, (state) => state.entries[id] ?? EMPTY_RECEIPT_ENTRY);
  const latest = newest(message ?? null, entry.message, id ? chat.findMessage(id) : null);
  const tracked = latest !== null && latest.from === chat.userID && latest.needReadReceipt === true;
  const needsCounts = tracked && latest.status === 'success' && !hasCounts(latest);

  useEffect(() => {
    if (needsCounts && latest && !entry.error) receipts.requestCounts(latest);
  }, [needsCounts, latest, entry.error, receipts]);

  const refetch = useCallback(() => {
    if (!latest) return;
    receipts.retry(latest.ID);
    receipts.requestCounts(latest);
  }, [latest, receipts]);

  return describe(latest, tracked, needsCounts, entry.error, refetch);
}

/** The most advanced of the snapshots at hand: sent beats unsent, more readers beat fewer. */
function newest(...candidates: Array<Message | null>): Message | null {
  let best: Message | null = null;
  for (const candidate of candidates) {
    if (!candidate) continue;
    if (!best || rank(candidate) > rank(best)) best = candidate;
  }
  return best;
}

function rank(message: Message): number {
  const { readCount } = countsOf(message);
  return (message.status === 'success' ? 1e9 : 0) + (readCount === undefined ? 0 : 1 + readCount);
}

/**
 * The counts a snapshot knows, alike for both kinds of conversation: one-to-one, the peer is the one recipient,
 * who has read it (after a receipt or a read mark) or not. Empty while unknown.
 */
function countsOf(message: Message): { readCount?: number | undefined; unreadCount?: number | undefined } {
  const info = message.readReceiptInfo;
  if ('readCount' in info) return info;
  const isPeerRead = info.isPeerRead === true || message.isPeerRead;
  const known = info.isPeerRead !== undefined || message.isPeerRead;
  return known ? { readCount: Number(isPeerRead), unreadCount: Number(!isPeerRead) } : {};
}

function hasCounts(message: Message): boolean {
  const { readCount, unreadCount } = countsOf(message);
  return readCount !== undefined && unreadCount !== undefined;
}

function describe(
  message: Message | null,
  tracked: boolean,
  isLoading: boolean,
  error: ReadByError | null,
  refetch: () => void,
): ReadReceiptState {
  // Untracked and failed messages show nothing; every other state overrides what it knows.
  const none: ReadReceiptState = {
    status: 'none',
    readCount: undefined,
    unreadCount: undefined,
    total: undefined,
    isPeerRead: false,
    isLoading: isLoading && !error,
    error,
    refetch,
  };
  if (!message || !tracked || message.status === 'fail') return none;
  if (message.status === 'unSend') return { ...none, status: 'sending' };
  const { readCount, unreadCount } = countsOf(message);
  if ('readCount' in message.readReceiptInfo) {
    return {
      ...none,
      status: !readCount ? 'unread' : unreadCount === 0 ? 'allRead' : 'partial',
      readCount,
      unreadCount,
      total: readCount === undefined || unreadCount === undefined ? undefined : readCount + unreadCount,
    };
  }
  // One-to-one there is one recipient, whether or not we know if the peer has read.
  const isPeerRead = readCount === 1;
  return { ...none, status: isPeerRead ? 'read' : 'unread', readCount, unreadCount, total: 1, isPeerRead };
}
