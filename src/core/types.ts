import type { ConversationType, EVENT, GroupType, MessageType, NetState } from './constants';

/** Text message content. */
export interface TextPayload {
  text: string;
}

/** Custom message content: an app's own data, with an optional description for notifications. */
export interface CustomPayload {
  data: string;
  description?: string;
  extension?: string;
}

/**
 * Group receipts: absolute counts over the message's recipients (R2). `undefined` until fetched or pushed.
 * The one-to-one fields are declared absent so that vendor code reading `message.readReceiptInfo.unreadCount`
 * after checking `conversationType` compiles as written.
 */
export interface GroupReadReceiptInfo {
  readCount: number | undefined;
  unreadCount: number | undefined;
  isPeerRead?: undefined;
  timestamp?: undefined;
}

/** One-to-one receipts: whether the peer sent a receipt, and when (server time, seconds). */
export interface PeerReadReceiptInfo {
  isPeerRead: boolean | undefined;
  timestamp: number | undefined;
  readCount?: undefined;
  unreadCount?: undefined;
}

/**
 * A message's content. One shape for both types, as in the vendor SDK, so that `message.payload.text` reads
 * without a cast; `type` says which fields are set.
 */
export type MessagePayload = Partial<TextPayload> & Partial<CustomPayload>;

export type ReadReceiptInfo = GroupReadReceiptInfo | PeerReadReceiptInfo;

export type MessageStatus = 'unSend' | 'success' | 'fail';
export type MessageFlow = 'in' | 'out';

/**
 * A message: an immutable, JSON-serialisable snapshot. Every change makes a new object; `chat.findMessage(ID)`
 * returns the latest one.
 *
 * @example
 * ```ts
 * const message = chat.findMessage(messageID);
 * if (message?.conversationType === 'GROUP') console.log(message.readReceiptInfo.readCount);
 * ```
 */
export interface Message {
  readonly ID: string;
  readonly type: MessageType;
  /** `{ text }` for `TIMTextElem`, `{ data, description?, extension? }` for `TIMCustomElem`. */
  readonly payload: Readonly<MessagePayload>;
  readonly conversationType: ConversationType;
  /** `C2C<peer userID>` or `GROUP<groupID>`. */
  readonly conversationID: string;
  /** The recipient: a user ID (one-to-one) or a group ID. */
  readonly to: string;
  readonly from: string;
  readonly flow: MessageFlow;
  /** Server time in seconds; the local creation time until the send succeeds. */
  readonly time: number;
  /** Per-conversation sequence, strictly increasing; 0 until the send succeeds. */
  readonly sequence: number;
  readonly status: MessageStatus;
  /** Whether the sender asked for receipts; false where the group cannot have them (R8). */
  readonly needReadReceipt: boolean;
  readonly readReceiptInfo: Readonly<ReadReceiptInfo>;
  /** One-to-one only: the peer marked the conversation read up to this message (`setMessageRead`, R9). */
  readonly isPeerRead: boolean;
}

/** A group message's receipt snapshot, as pushed to the sender (R5). */
export interface GroupReceiptItem {
  groupID: string;
  messageID: string;
  readCount: number;
  unreadCount: number;
}

/** A one-to-one message's receipt, as pushed to the sender (R5). `userID` is the reader. */
export interface PeerReceiptItem {
  userID: string;
  messageID: string;
  isPeerRead: true;
  timestamp: number;
}

export type ReceiptItem = GroupReceiptItem | PeerReceiptItem;

export interface Conversation {
  conversationID: string;
  type: ConversationType;
  unreadCount: number;
  lastMessage: Message | null;
}

/** What each event delivers in `data`. */
export interface EventMap {
  [EVENT.MESSAGE_RECEIVED]: Message[];
  [EVENT.MESSAGE_READ_RECEIPT_RECEIVED]: ReceiptItem[];
  [EVENT.MESSAGE_READ_BY_PEER]: Message[];
  [EVENT.NET_STATE_CHANGE]: { state: NetState };
  [EVENT.MESSAGE_STATUS_CHANGED]: Message[];
}

/** A handler receives `{ name, data }`, as in the vendor SDK. */
export type ChatEvent<K extends keyof EventMap> = { name: K; data: EventMap[K] };
export type ChatEventHandler<K extends keyof EventMap> = (event: ChatEvent<K>) => void;

/** Every asynchronous method resolves to this. */
export interface ChatResponse<T> {
  code: 0;
  data: T;
}

export interface CreateTextMessageOptions {
  to: string;
  conversationType: ConversationType;
  payload: TextPayload;
  needReadReceipt?: boolean;
}

export interface CreateCustomMessageOptions {
  to: string;
  conversationType: ConversationType;
  payload: CustomPayload;
  needReadReceipt?: boolean;
}

export interface GetMessageListOptions {
  conversationID: string;
  nextReqMessageID?: string;
  count?: number;
}

export interface MessageListPage {
  messageList: Message[];
  nextReqMessageID: string;
  isCompleted: boolean;
}

export interface SendMessageResult {
  message: Message;
  /** Set to `READ_RECEIPT_NOT_SUPPORTED` (10059) when receipts were asked where the group cannot have them (R8). */
  readReceiptCode?: number;
}

/** 0: members who have read; 1: members who have not. */
export type ReadMemberFilter = 0 | 1;

export interface GetGroupMessageReadMemberListOptions {
  message: Message;
  filter: ReadMemberFilter;
  /** `''` for the first page, then the previous page's `cursor`. */
  cursor: string;
  /** Members a page, ≥ 1; more than 100 is treated as 100. */
  count: number;
}

export interface ReadMemberPage {
  messageID: string;
  cursor: string;
  isCompleted: boolean;
  readUserIDList: string[];
  unreadUserIDList: string[];
}

export type { ConversationType, GroupType, MessageType, NetState };
