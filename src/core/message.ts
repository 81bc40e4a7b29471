import { type ConversationType, TYPES } from './constants';
import type { WireMessage, WireReceipt } from './protocol';
import type { Message, MessagePayload, MessageStatus, ReadReceiptInfo, ReceiptItem } from './types';
import { isObject } from './validate';

/** Conversation IDs are seen from the reader's side: alice's chat with bob is `C2Cbob`, bob's is `C2Calice`. */
export function conversationIDOf(
  message: Pick<WireMessage, 'conversationType' | 'to' | 'from'>,
  userID: string,
): string {
  if (message.conversationType === TYPES.CONV_GROUP) return `${TYPES.CONV_GROUP}${message.to}`;
  const peer = message.from === userID ? message.to : message.from;
  return `${TYPES.CONV_C2C}${peer}`;
}

// The kind of receipt a message has is told by its `conversationType`, never by which keys its
// `readReceiptInfo` holds: JSON drops keys whose value is `undefined`, so a group message whose counts are not
// known yet arrives from a JSON round trip as `readReceiptInfo: {}`.

export function emptyReceiptInfo(conversationType: ConversationType): ReadReceiptInfo {
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
  const kind = wire.conversationType;
  let info = emptyReceiptInfo(kind);
  if (known) info = mergeReceiptInfo(kind, info, known.readReceiptInfo);
  if (wire.readReceipt) info = mergeReceiptInfo(kind, info, receiptInfoFromWire(kind, wire.readReceipt));
  return freezeMessage({
    ID: wire.ID,
    type: wire.type,
    payload: copyPayload(wire.payload),
    conversationType: kind,
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

/**
 * The content fields that are strings, copied: content is another user's data (R11), so nothing else of it is
 * kept, and a strange field is left out rather than refusing the message.
 */
function copyPayload(payload: Record<string, unknown>): MessagePayload {
  const copied: MessagePayload = {};
  for (const key of ['text', 'data', 'description', 'extension'] as const) {
    if (typeof payload[key] === 'string') copied[key] = payload[key];
  }
  return copied;
}

/** The receipt fields of a server's receipt state, for a message of the given kind. */
export function receiptInfoFromWire(kind: ConversationType, receipt: WireReceipt): ReadReceiptInfo {
  const fields = receipt as Partial<Record<'readCount' | 'unreadCount' | 'timestamp', number>> & {
    isPeerRead?: boolean;
  };
  return kind === TYPES.CONV_GROUP
    ? { readCount: fields.readCount, unreadCount: fields.unreadCount }
    : { isPeerRead: fields.isPeerRead, timestamp: fields.timestamp };
}

/**
 * Receipt state only moves forward (R2: readCount never decreases), so pushes that arrive twice or out of order
 * cannot take a view backwards; and once a group message's number of recipients is known, only counts that add
 * up to it are taken (R1 fixes the recipients at the send). Returns `current` itself when `next` adds nothing,
 * else the merged state.
 */
export function mergeReceiptInfo(
  kind: ConversationType,
  current: ReadReceiptInfo,
  next: ReadReceiptInfo,
): ReadReceiptInfo {
  if (kind === TYPES.CONV_GROUP) {
    const { readCount, unreadCount } = next;
    if (typeof readCount !== 'number') return current;
    const { readCount: read, unreadCount: unread } = current;
    const total = read === undefined || unread === undefined ? undefined : read + unread;
    if (total !== undefined && (unreadCount === undefined || readCount + unreadCount !== total))
      return current;
    if (read !== undefined && readCount <= read) {
      // Same read count: the total can still be learnt when it was unknown.
      const learnt = current.unreadCount === undefined && readCount === current.readCount;
      return learnt && typeof unreadCount === 'number' ? { readCount, unreadCount } : current;
    }
    return { readCount, unreadCount: typeof unreadCount === 'number' ? unreadCount : undefined };
  }
  const { isPeerRead, timestamp } = next;
  if (typeof isPeerRead !== 'boolean' || current.isPeerRead === true) return current;
  if (current.isPeerRead === isPeerRead && current.timestamp === timestamp) return current;
  return { isPeerRead, timestamp: typeof timestamp === 'number' ? timestamp : undefined };
}

/**
 * A new frozen snapshot with the fields that ever change after a send changed. Written out field by field: every
 * receipt makes one, and spreading a frozen object takes the engine's slow path, at several times the cost.
 */
export function withChanges(
  message: Message,
  changes: Partial<Pick<Message, 'status' | 'readReceiptInfo' | 'isPeerRead'>>,
): Message {
  return freezeMessage({
    ID: message.ID,
    type: message.type,
    payload: message.payload,
    conversationType: message.conversationType,
    conversationID: message.conversationID,
    to: message.to,
    from: message.from,
    flow: message.flow,
    time: message.time,
    sequence: message.sequence,
    status: changes.status ?? message.status,
    needReadReceipt: message.needReadReceipt,
    readReceiptInfo: changes.readReceiptInfo ?? message.readReceiptInfo,
    isPeerRead: changes.isPeerRead ?? message.isPeerRead,
  });
}

/** Whether a snapshot knows its readers: counts were pulled or pushed, not still unknown. */
export function hasKnownReaders(message: Message): boolean {
  const info = message.readReceiptInfo;
  return message.conversationType === TYPES.CONV_GROUP
    ? info.readCount !== undefined
    : info.isPeerRead !== undefined;
}

/** How many recipients a snapshot says have sent a receipt; 0 while unknown. */
export function readersOf(message: Message): number {
  const info = message.readReceiptInfo;
  return message.conversationType === TYPES.CONV_GROUP
    ? (info.readCount ?? 0)
    : Number(info.isPeerRead === true);
}

/** Whether a snapshot's receipt state can still change: not read by all, not read by the peer. */
export function receiptsSettled(message: Message): boolean {
  const info = message.readReceiptInfo;
  return message.conversationType === TYPES.CONV_GROUP
    ? info.unreadCount === 0
    : info.isPeerRead === true && message.isPeerRead;
}

/** The item announced for a message: its latest state. One-to-one, the reader is always the peer. */
export function receiptItemOf(message: Message): ReceiptItem {
  const info = message.readReceiptInfo;
  if (message.conversationType === TYPES.CONV_GROUP) {
    return {
      groupID: message.to,
      messageID: message.ID,
      readCount: info.readCount ?? 0,
      unreadCount: info.unreadCount ?? 0,
    };
  }
  return { userID: message.to, messageID: message.ID, isPeerRead: true, timestamp: info.timestamp ?? 0 };
}

/**
 * A snapshot of a sent message this client did not load itself (from another device of the user, a JSON copy,
 * a server render), or `null` when `value` is not a well-formed sent message seen from `userID`'s side. The
 * fields are copied, never shared: the caller may change its object afterwards.
 */
export function adoptMessage(value: unknown, userID: string): Message | null {
  if (!isObject(value) || value.status !== 'success') return null;
  const { ID, type, payload, conversationType: kind, to, from, time, sequence, needReadReceipt } = value;
  const strings = [ID, to, from, value.conversationID];
  if (strings.some((field) => typeof field !== 'string' || field === '')) return null;
  if (kind !== TYPES.CONV_C2C && kind !== TYPES.CONV_GROUP) return null;
  if (type !== TYPES.MSG_TEXT && type !== TYPES.MSG_CUSTOM) return null;
  if (!isObject(payload) || typeof needReadReceipt !== 'boolean') return null;
  if (!isWhole(time) || !isWhole(sequence) || sequence < 1) return null;
  const wire = { conversationType: kind, to: to as string, from: from as string };
  if (value.conversationID !== conversationIDOf(wire, userID)) return null;
  const copied = copyPayload(payload);
  const given = isObject(value.readReceiptInfo) ? value.readReceiptInfo : {};
  // What the copy knew of readers is kept as a floor (counts only grow); the number of recipients is the server's
  // to say (the vendor's copies show 0/0 until pulled), and anything malformed is left unknown.
  const known = {
    readCount: isWhole(given.readCount) ? given.readCount : undefined,
    unreadCount: undefined,
    isPeerRead: typeof given.isPeerRead === 'boolean' ? given.isPeerRead : undefined,
    timestamp: isWhole(given.timestamp) ? given.timestamp : undefined,
  } as ReadReceiptInfo;
  return freezeMessage({
    ID: ID as string,
    type,
    payload: copied,
    conversationType: kind,
    conversationID: value.conversationID,
    to: wire.to,
    from: wire.from,
    flow: from === userID ? 'out' : 'in',
    time,
    sequence,
    status: 'success',
    needReadReceipt,
    readReceiptInfo: mergeReceiptInfo(kind, emptyReceiptInfo(kind), known),
    isPeerRead: kind === TYPES.CONV_C2C && value.isPeerRead === true,
  });
}

function isWhole(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
