import {
  ERROR_CODE,
  MAX_RECEIPT_BATCH,
  MAX_RECEIPT_QUERY,
  ReadByError,
  type ReceiptItem,
  TYPES,
  type WireReceipt,
} from '../core/index';
import { assertMayRead, denied, lookUpMessages } from './access';
import { isMarkedRead } from './conversations';
import { isRecipient, pushTo, type ServerState, type StoredMessage } from './serverState';

export function sendMessageReadReceipt(
  state: ServerState,
  userID: string,
  messageIDs: string[],
): Record<string, never> {
  const list = lookUpMessages(state, messageIDs, MAX_RECEIPT_BATCH);
  // The list is of one conversation, and who may read in it depends on the conversation only.
  assertMayRead(state, userID, list[0]!);
  if (!list.some((stored) => stored.wire.from !== userID && stored.receipts !== null)) {
    throw new ReadByError(
      ERROR_CODE.READ_RECEIPT_MSG_LIST_EMPTY,
      'messageList: no message in it needs a read receipt from you',
    );
  }
  // Everything above may throw; nothing below can, so the call stores all of its receipts or none (R3.4).
  const pushes =
    list[0]!.wire.conversationType === TYPES.CONV_GROUP
      ? applyGroupReceipts(state, userID, list)
      : applyPeerReceipts(state, userID, list);
  if (pushes) for (const [sender, items] of pushes) pushTo(state, sender, { type: 'receipts', items });
  return {};
}

/** What each sender is told (R5), by sender; null when nobody is. */
type Pushes = Map<string, ReceiptItem[]> | null;

function addPush(pushes: Pushes, sender: string, item: ReceiptItem): Pushes {
  const bySender = pushes ?? new Map<string, ReceiptItem[]>();
  const items = bySender.get(sender);
  if (items) items.push(item);
  else bySender.set(sender, [item]);
  return bySender;
}

/**
 * Stores a member's receipts for group messages. Only a sender with a client online is told (R5), so items are
 * made only for them: a burst of receipts for senders who are away builds nothing.
 */
function applyGroupReceipts(state: ServerState, userID: string, list: StoredMessage[]): Pushes {
  const groupID = list[0]!.wire.to;
  const roster = list[0]!.conversation.group!.roster;
  // The reader's latest slot, looked up once for the whole call; older messages may count an earlier one.
  const latest = roster.lastSlot(userID) ?? -1;
  let pushes: Pushes = null;
  let sender = '';
  let senderOnline = false;
  for (const stored of list) {
    const receipts = stored.receipts;
    if (receipts?.kind !== 'group' || stored.wire.from === userID) continue;
    let slot = latest;
    while (slot !== -1 && !isRecipient(roster, receipts, slot)) slot = roster.previousSlot[slot]!;
    // A member who joined after the send is not a recipient: their receipt counts for nothing (R1, R2).
    if (slot === -1 || !receipts.read.add(slot)) continue;
    if (stored.wire.from !== sender) {
      sender = stored.wire.from;
      senderOnline = state.connections.has(sender);
    }
    if (!senderOnline) continue;
    pushes = addPush(pushes, sender, {
      groupID,
      messageID: stored.wire.ID,
      readCount: receipts.read.count,
      unreadCount: receipts.recipientCount - receipts.read.count,
    });
  }
  return pushes;
}

function applyPeerReceipts(state: ServerState, userID: string, list: StoredMessage[]): Pushes {
  const now = Math.floor(state.now() / 1000);
  let pushes: Pushes = null;
  for (const stored of list) {
    const receipts = stored.receipts;
    // A second receipt changes nothing (R3.5).
    if (receipts?.kind !== 'peer' || stored.wire.from === userID || receipts.readAt !== null) continue;
    receipts.readAt = now;
    if (state.connections.has(stored.wire.from)) {
      pushes = addPush(pushes, stored.wire.from, {
        userID,
        messageID: stored.wire.ID,
        isPeerRead: true,
        timestamp: now,
      });
    }
  }
  return pushes;
}

export function getMessageReadReceiptList(
  state: ServerState,
  userID: string,
  messageIDs: string[],
): { receipts: WireReceipt[] } {
  const list = lookUpMessages(state, messageIDs, MAX_RECEIPT_QUERY);
  assertMayRead(state, userID, list[0]!);
  for (const stored of list) {
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
