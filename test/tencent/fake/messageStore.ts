import type { ReceiptItem, WireMessage, WireReceipt } from 'readby';
import { FAKE_TYPES } from './constants';

/** `readReceiptInfo` as the SDK keeps it on a message: every field present, counts 0/0 where not yet known. */
export interface FakeReadReceiptInfo {
  readCount: number | undefined;
  unreadCount: number | undefined;
  isPeerRead: boolean | undefined;
  timestamp: number;
}

/**
 * A message as the SDK's `Message` has it: a mutable object, one per ID, that the SDK changes in place when a
 * send ends, a receipt is pushed or counts are pulled. Fields readby never reads are kept with their defaults so
 * that the objects look like the SDK's.
 */
export interface FakeMessage {
  ID: string;
  type: string;
  payload: { text?: string };
  conversationID: string;
  conversationType: string;
  to: string;
  from: string;
  flow: 'in' | 'out';
  time: number;
  clientTime: number;
  status: 'unSend' | 'success' | 'fail';
  sequence: number;
  needReadReceipt: boolean;
  readReceiptInfo: FakeReadReceiptInfo;
  isPeerRead: boolean;
  isRevoked: boolean;
  isDeleted: boolean;
  isModified: boolean;
  priority: string;
  nick: string;
  avatar: string;
  nameCard: string;
  atUserList: string[];
  cloudCustomData: string;
  isBroadcastMessage: boolean;
  isSupportExtension: boolean;
  hasRiskContent: boolean;
}

/** What a new message starts as; the caller sets the rest. */
export function newMessage(fields: {
  ID: string;
  conversationType: string;
  to: string;
  from: string;
  flow: 'in' | 'out';
  text: string;
  needReadReceipt: boolean;
  status: FakeMessage['status'];
  fromServer: boolean;
}): FakeMessage {
  const c2c = fields.conversationType === FAKE_TYPES.CONV_C2C;
  const peer = fields.flow === 'out' ? fields.to : fields.from;
  const now = Math.floor(Date.now() / 1000);
  return {
    ID: fields.ID,
    type: FAKE_TYPES.MSG_TEXT,
    payload: { text: fields.text },
    conversationID: c2c ? `${FAKE_TYPES.CONV_C2C}${peer}` : `${FAKE_TYPES.CONV_GROUP}${fields.to}`,
    conversationType: fields.conversationType,
    to: fields.to,
    from: fields.from,
    flow: fields.flow,
    time: now,
    clientTime: now,
    status: fields.status,
    sequence: 0,
    needReadReceipt: fields.needReadReceipt,
    // One-to-one messages carry 0/0 counts beside isPeerRead; group messages from the server carry 0/0, which
    // means "not pulled yet", not "nobody"; a group message just created has no counts at all.
    readReceiptInfo:
      c2c || fields.fromServer
        ? { readCount: 0, unreadCount: 0, isPeerRead: c2c ? false : undefined, timestamp: 0 }
        : { readCount: undefined, unreadCount: undefined, isPeerRead: undefined, timestamp: 0 },
    isPeerRead: false,
    isRevoked: false,
    isDeleted: false,
    isModified: false,
    priority: FAKE_TYPES.MSG_PRIORITY_NORMAL,
    nick: '',
    avatar: '',
    nameCard: '',
    atUserList: [],
    cloudCustomData: '',
    isBroadcastMessage: false,
    isSupportExtension: false,
    hasRiskContent: false,
  };
}

/**
 * The fake SDK's messages: one live object per ID, found by ID and by conversation, changed in place.
 *
 * `requested` holds the IDs of messages whose sender asked for receipts: the SDK shows `needReadReceipt` as the
 * sender asked even where the service ignores it (Community and AVChatRoom groups), while readby's mock server
 * reports `false` there.
 */
export class FakeMessageStore {
  readonly #byID = new Map<string, FakeMessage>();
  readonly #byConversation = new Map<string, Set<string>>();
  readonly #me: () => string;
  readonly #requested: ReadonlySet<string>;

  constructor(me: () => string, requested: ReadonlySet<string>) {
    this.#me = me;
    this.#requested = requested;
  }

  get size(): number {
    return this.#byID.size;
  }

  get(ID: string): FakeMessage | undefined {
    return this.#byID.get(ID);
  }

  add(message: FakeMessage): FakeMessage {
    this.#byID.set(message.ID, message);
    let ids = this.#byConversation.get(message.conversationID);
    if (!ids) {
      ids = new Set();
      this.#byConversation.set(message.conversationID, ids);
    }
    ids.add(message.ID);
    return message;
  }

  clear(): void {
    this.#byID.clear();
    this.#byConversation.clear();
  }

  /** The live object for a message the server sent: the known one brought up to date, or a new one. */
  fromWire(wire: WireMessage): FakeMessage {
    const known = this.#byID.get(wire.ID);
    const me = this.#me();
    const message =
      known ??
      this.add(
        newMessage({
          ID: wire.ID,
          conversationType: wire.conversationType,
          to: wire.to,
          from: wire.from,
          flow: wire.from === me ? 'out' : 'in',
          text: wire.payload.text ?? '',
          needReadReceipt: wire.needReadReceipt || this.#requested.has(wire.ID),
          status: 'success',
          fromServer: true,
        }),
      );
    this.applySent(message, wire);
    if (wire.isPeerRead === true) message.isPeerRead = true;
    return message;
  }

  /** What the server assigned when the send succeeded. */
  applySent(message: FakeMessage, wire: WireMessage): void {
    message.status = 'success';
    message.from = wire.from;
    message.time = wire.time;
    message.sequence = wire.sequence;
  }

  /** A pulled receipt state. */
  applyPull(receipt: WireReceipt): void {
    const message = this.#byID.get(receipt.messageID);
    if (!message) return;
    if ('readCount' in receipt) {
      message.readReceiptInfo.readCount = receipt.readCount;
      message.readReceiptInfo.unreadCount = receipt.unreadCount;
      return;
    }
    if (receipt.isPeerRead) {
      message.readReceiptInfo.isPeerRead = true;
      message.readReceiptInfo.timestamp = receipt.timestamp;
    }
    if (receipt.markedRead) message.isPeerRead = true;
  }

  /**
   * A pushed receipt item, applied to the message it names. Returns whether it is news to announce: every group
   * item is (it carries absolute counts), a one-to-one item only the first time for a message this client knows.
   */
  applyPush(item: ReceiptItem): boolean {
    const message = this.#byID.get(item.messageID);
    if ('groupID' in item) {
      if (message) {
        message.readReceiptInfo.readCount = item.readCount;
        message.readReceiptInfo.unreadCount = item.unreadCount;
      }
      return true;
    }
    if (!message || message.readReceiptInfo.isPeerRead === true) return false;
    message.readReceiptInfo.isPeerRead = true;
    message.readReceiptInfo.timestamp = item.timestamp;
    return true;
  }

  /** The peer marked the conversation read up to `sequence`: the messages that became `isPeerRead`, in order. */
  markPeerRead(conversationID: string, sequence: number): FakeMessage[] {
    const changed: FakeMessage[] = [];
    for (const ID of this.#byConversation.get(conversationID) ?? []) {
      const message = this.#byID.get(ID)!;
      if (message.flow !== 'out' || message.status !== 'success' || message.isPeerRead) continue;
      if (message.sequence > sequence) continue;
      message.isPeerRead = true;
      changed.push(message);
    }
    return changed.sort((a, b) => a.sequence - b.sequence);
  }
}
