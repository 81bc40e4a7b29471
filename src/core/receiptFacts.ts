import type { MessageLike, ReceiptItemLike } from './chatLike';
import { TYPES } from './constants';

/**
 * What readby knows of one message's receipts, read once from whatever object or event carried it. Plain data,
 * never the object itself: the vendor SDK changes its message objects in place, so a reference would change under
 * a snapshot that React already rendered.
 */
export interface ReceiptFacts {
  readonly ID: string;
  readonly conversationID: string;
  /** Told by `conversationType` alone: JSON drops `undefined` keys, so the shape of `readReceiptInfo` cannot tell. */
  readonly isGroup: boolean;
  readonly from: string;
  /** `'unSend'`, `'success'` or `'fail'`. */
  readonly sendStatus: string;
  readonly needReadReceipt: boolean;
  /** Group: known counts, or both `undefined`. */
  readonly readCount: number | undefined;
  readonly unreadCount: number | undefined;
  /** One-to-one: `true` read, `false` known unread, `undefined` unknown. */
  readonly isPeerRead: boolean | undefined;
}

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/**
 * The facts a message object carries. `fromPull` says whether a pull has just filled its counts: the vendor shows
 * `0/0` on a group message loaded from history until it is pulled, so `0/0` means unknown unless a pull said it.
 */
export function factsOfMessage(message: MessageLike, fromPull = false): ReceiptFacts {
  const info = message.readReceiptInfo ?? {};
  const isGroup = message.conversationType === TYPES.CONV_GROUP;
  let readCount: number | undefined;
  let unreadCount: number | undefined;
  let isPeerRead: boolean | undefined;
  if (isGroup) {
    const known = isCount(info.readCount) && isCount(info.unreadCount);
    if (known && (fromPull || info.readCount! + info.unreadCount! > 0)) {
      readCount = info.readCount;
      unreadCount = info.unreadCount;
    }
  } else if (info.isPeerRead === true || message.isPeerRead === true) {
    isPeerRead = true;
  } else if (info.isPeerRead === false || fromPull) {
    isPeerRead = false;
  }
  return {
    ID: message.ID,
    conversationID: message.conversationID,
    isGroup,
    from: message.from,
    sendStatus: message.status,
    needReadReceipt: message.needReadReceipt === true,
    readCount,
    unreadCount,
    isPeerRead,
  };
}

/** Whether a group message's counts or a one-to-one message's read state are known. */
export function hasCounts(facts: ReceiptFacts): boolean {
  return facts.isGroup ? facts.readCount !== undefined : facts.isPeerRead !== undefined;
}

/** Whether nothing more can happen to these receipts: everyone has read. */
export function isFinal(facts: ReceiptFacts): boolean {
  return facts.isGroup ? facts.unreadCount === 0 : facts.isPeerRead === true;
}

const SEND_ORDER: Record<string, number> = { unSend: 0, fail: 1, success: 2 };

/**
 * The facts of `current` moved forward by `next`, or `current` itself when `next` adds nothing. Receipts only
 * move forward (R2: a read count never decreases, a read one-to-one message stays read), and a send that
 * succeeded stays sent, so late or repeated news, and stale copies of a message, cannot take a view backwards.
 */
export function mergeFacts(current: ReceiptFacts, next: ReceiptFacts): ReceiptFacts {
  let changed = false;
  let { sendStatus, needReadReceipt, readCount, unreadCount, isPeerRead } = current;
  const sendRank = SEND_ORDER[next.sendStatus] ?? -1;
  const currentRank = SEND_ORDER[current.sendStatus] ?? -1;
  // A failed send may be tried again (fail → unSend); a successful one is final.
  if (
    next.sendStatus !== sendStatus &&
    (sendRank > currentRank || (current.sendStatus === 'fail' && next.sendStatus === 'unSend'))
  ) {
    sendStatus = next.sendStatus;
    // The server may turn receipts off for a group that cannot have them (R8): the sent message says so.
    needReadReceipt = next.needReadReceipt;
    changed = true;
  }
  if (current.isGroup) {
    if (next.readCount !== undefined && (readCount === undefined || next.readCount > readCount)) {
      readCount = next.readCount;
      unreadCount = next.unreadCount;
      changed = true;
    }
  } else if (next.isPeerRead !== undefined && isPeerRead !== true && next.isPeerRead !== isPeerRead) {
    isPeerRead = next.isPeerRead;
    changed = true;
  }
  return changed ? { ...current, sendStatus, needReadReceipt, readCount, unreadCount, isPeerRead } : current;
}

/** The facts of `current` after a receipt push; one-to-one, a pushed receipt always means read (R5). */
export function factsWithPush(current: ReceiptFacts, item: ReceiptItemLike): ReceiptFacts {
  if (!current.isGroup) {
    return item.isPeerRead === false ? current : mergeFacts(current, { ...current, isPeerRead: true });
  }
  if (!isCount(item.readCount) || !isCount(item.unreadCount)) return current;
  return mergeFacts(current, { ...current, readCount: item.readCount, unreadCount: item.unreadCount });
}
