import {
  ERROR_CODE,
  MAX_RECEIPT_BATCH,
  MAX_RECEIPT_QUERY,
  ReadByError,
  type ReceiptItem,
  type WireReceipt,
} from '../core/index';
import { assertMayRead, denied, lookUpMessages } from './access';
import { isMarkedRead } from './conversations';
import type { Roster } from './roster';
import { type GroupReceipts, isRecipient, pushTo, type ServerState, type StoredMessage } from './serverState';

export function sendMessageReadReceipt(
  state: ServerState,
  userID: string,
  messageIDs: string[],
): Record<string, never> {
  const list = lookUpMessages(state, messageIDs, MAX_RECEIPT_BATCH);
  for (const stored of list) assertMayRead(state, userID, stored);
  const eligible = list.filter((stored) => stored.wire.from !== userID && stored.receipts !== null);
  if (eligible.length === 0) {
    throw new ReadByError(
      ERROR_CODE.READ_RECEIPT_MSG_LIST_EMPTY,
      'messageList: no message in it needs a read receipt from you',
    );
  }
  // Everything above may throw; nothing below can, so the call stores all of its receipts or none (R3.4).
  const pushes = new Map<string, ReceiptItem[]>();
  const now = Math.floor(state.now() / 1000);
  for (const stored of eligible) {
    const item = applyReceipt(state, userID, stored, now);
    if (!item) continue;
    const items = pushes.get(stored.wire.from) ?? [];
    items.push(item);
    pushes.set(stored.wire.from, items);
  }
  for (const [sender, items] of pushes) pushTo(state, sender, { type: 'receipts', items });
  return {};
}

/** Stores one receipt; returns what the sender is told, or null when it changed nothing (R3.5). */
function applyReceipt(
  state: ServerState,
  userID: string,
  stored: StoredMessage,
  now: number,
): ReceiptItem | null {
  const receipts = stored.receipts!;
  if (receipts.kind === 'peer') {
    if (receipts.readAt !== null) return null;
    receipts.readAt = now;
    return { userID, messageID: stored.wire.ID, isPeerRead: true, timestamp: now };
  }
  const roster = state.groups.get(stored.wire.to)!.roster;
  const slot = recipientSlot(roster, receipts, userID);
  // A member who joined after the send is not a recipient: their receipt counts for nothing (R1, R2).
  if (slot === -1 || !receipts.read.add(slot)) return null;
  return {
    groupID: stored.wire.to,
    messageID: stored.wire.ID,
    readCount: receipts.read.count,
    unreadCount: receipts.recipientCount - receipts.read.count,
  };
}

/** The user's slot among the message's recipients, following them back through leaves and rejoins; or -1. */
function recipientSlot(roster: Roster, receipts: GroupReceipts, userID: string): number {
  let slot = roster.lastSlot(userID) ?? -1;
  while (slot !== -1 && !isRecipient(roster, receipts, slot)) slot = roster.previousSlot[slot]!;
  return slot;
}

export function getMessageReadReceiptList(
  state: ServerState,
  userID: string,
  messageIDs: string[],
): { receipts: WireReceipt[] } {
  const list = lookUpMessages(state, messageIDs, MAX_RECEIPT_QUERY);
  for (const stored of list) {
    assertMayRead(state, userID, stored);
    if (stored.wire.from !== userID) throw denied(`message ${stored.wire.ID} was not sent by ${userID}`);
  }
  const receipts: WireReceipt[] = [];
  for (const stored of list) {
    const receipt = receiptOf(state, stored);
    if (receipt) receipts.push(receipt);
  }
  return { receipts };
}

export function receiptOf(state: ServerState, stored: StoredMessage): WireReceipt | null {
  const receipts = stored.receipts;
  if (!receipts) return null;
  if (receipts.kind === 'group') {
    return {
      messageID: stored.wire.ID,
      readCount: receipts.read.count,
      unreadCount: receipts.recipientCount - receipts.read.count,
    };
  }
  return {
    messageID: stored.wire.ID,
    isPeerRead: receipts.readAt !== null,
    timestamp: receipts.readAt ?? 0,
    markedRead: isMarkedRead(state, stored),
  };
}
