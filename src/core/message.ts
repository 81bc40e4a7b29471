import { TYPES } from './constants';
import type { WireMessage, WireReceipt } from './protocol';
import type {
  GroupReadReceiptInfo,
  Message,
  MessageStatus,
  PeerReadReceiptInfo,
  ReadReceiptInfo,
} from './types';

/** Conversation IDs are seen from the reader's side: alice's chat with bob is `C2Cbob`, bob's is `C2Calice`. */
export function conversationIDOf(
  message: Pick<WireMessage, 'conversationType' | 'to' | 'from'>,
  userID: string,
): string {
  if (message.conversationType === TYPES.CONV_GROUP) return `${TYPES.CONV_GROUP}${message.to}`;
  const peer = message.from === userID ? message.to : message.from;
  return `${TYPES.CONV_C2C}${peer}`;
}

export function emptyReceiptInfo(conversationType: string): ReadReceiptInfo {
  return conversationType === TYPES.CONV_GROUP
    ? { readCount: undefined, unreadCount: undefined }
    : { isPeerRead: undefined, timestamp: undefined };
}

export function freezeMessage(message: Message): Message {
  Object.freeze(message.readReceiptInfo);
  Object.freeze(message.payload);
  return Object.freeze(message);
}

/**
 * A snapshot from what the server sent, merged with what this client already knew of the message. A message
 * created here and not yet sent is made the same way, with its own `status`.
 */
export function messageFromWire(
  wire: WireMessage,
  userID: string,
  known: Message | null,
  status: MessageStatus = 'success',
): Message {
  const base = emptyReceiptInfo(wire.conversationType);
  let info = known ? mergeReceiptInfo(base, known.readReceiptInfo) : base;
  if (wire.readReceipt) info = mergeReceiptInfo(info, receiptInfoFromWire(wire.readReceipt));
  return freezeMessage({
    ID: wire.ID,
    type: wire.type,
    payload: { ...wire.payload },
    conversationType: wire.conversationType,
    conversationID: conversationIDOf(wire, userID),
    to: wire.to,
    from: wire.from,
    flow: wire.from === userID ? 'out' : 'in',
    time: wire.time,
    sequence: wire.sequence,
    status,
    needReadReceipt: wire.needReadReceipt,
    readReceiptInfo: info,
    isPeerRead: Boolean(known?.isPeerRead || wire.isPeerRead),
  });
}

export function receiptInfoFromWire(receipt: WireReceipt): ReadReceiptInfo {
  return 'readCount' in receipt
    ? { readCount: receipt.readCount, unreadCount: receipt.unreadCount }
    : { isPeerRead: receipt.isPeerRead, timestamp: receipt.timestamp };
}

/**
 * Receipt state only moves forward (R2: readCount never decreases), so pushes that arrive twice or out of order
 * cannot take a view backwards. Returns `current` itself when `next` adds nothing, else `next` (which holds only
 * receipt fields: it comes from {@link receiptInfoFromWire} or another snapshot).
 */
export function mergeReceiptInfo(current: ReadReceiptInfo, next: ReadReceiptInfo): ReadReceiptInfo {
  if ('readCount' in current && 'readCount' in next) {
    const group = next as GroupReadReceiptInfo;
    if (group.readCount === undefined) return current;
    if (current.readCount !== undefined && group.readCount <= current.readCount) {
      // Same read count: the total can still be learnt when it was unknown.
      return current.unreadCount === undefined && group.readCount === current.readCount ? group : current;
    }
    return group;
  }
  if ('isPeerRead' in current && 'isPeerRead' in next) {
    const peer = next as PeerReadReceiptInfo;
    if (peer.isPeerRead === undefined || current.isPeerRead === true) return current;
    if (current.isPeerRead === peer.isPeerRead && current.timestamp === peer.timestamp) return current;
    return peer;
  }
  return current;
}

/** A new frozen snapshot with some fields changed. */
export function withChanges(message: Message, changes: Partial<Message>): Message {
  return freezeMessage({ ...message, ...changes });
}
