import type { EVENT, NetState } from './constants';
import type { ReadMemberPage } from './types';

/**
 * The receipt fields of a message, as readby's engine and Tencent Cloud Chat's SDK both carry them. Loose on
 * purpose: the vendor types `status`, `flow` and `conversationType` as plain strings and `readReceiptInfo` as
 * anything, and changes the object in place, so readby reads these fields once, at the moment it is handed the
 * object, and keys everything by `ID`.
 *
 * @example
 * ```ts
 * const message: MessageLike = JSON.parse(serialised); // from another device, a cache or a server render
 * store.track(message);
 * ```
 */
export interface MessageLike {
  readonly ID: string;
  /**
   * `'C2C'` or `'GROUP'`: it alone says which kind of receipt the message has. Typed as loosely as the vendor's
   * `TYPES` enum (strings and numbers), so that its `Message` type fits.
   */
  readonly conversationType: string | number;
  readonly conversationID: string;
  readonly to: string;
  readonly from: string;
  readonly flow?: string;
  /** `'unSend'`, `'success'` or `'fail'`. */
  readonly status: string;
  readonly needReadReceipt?: boolean;
  /** Group: `{ readCount, unreadCount }`; one-to-one: `{ isPeerRead, timestamp }` (the vendor adds counts too). */
  readonly readReceiptInfo?: ReadReceiptInfoLike | null;
  /** One-to-one: the peer marked the conversation read up to this message. */
  readonly isPeerRead?: boolean;
  readonly sequence?: number;
  readonly time?: number;
  readonly type?: string | number;
  // biome-ignore lint/suspicious/noExplicitAny: the vendor types message content as `any`; readby never reads it.
  readonly payload?: any;
}

/** Receipt information as found on a message: every field may be missing, `undefined` or, from the vendor, 0. */
export interface ReadReceiptInfoLike {
  readonly readCount?: number | undefined;
  readonly unreadCount?: number | undefined;
  readonly isPeerRead?: boolean | undefined;
  readonly timestamp?: number | undefined;
}

/**
 * One item of `MESSAGE_READ_RECEIPT_RECEIVED`. Group items carry absolute counts; one-to-one items carry
 * `isPeerRead` (and, from readby's engine, the reader as `userID` and a `timestamp`).
 */
export interface ReceiptItemLike {
  readonly messageID: string;
  readonly groupID?: string;
  readonly userID?: string;
  readonly conversationID?: string;
  readonly readCount?: number;
  readonly unreadCount?: number;
  readonly isPeerRead?: boolean;
  readonly timestamp?: number;
}

/** What each event a `ChatLike` emits carries in `data`. */
export interface ChatLikeEventMap {
  [EVENT.MESSAGE_RECEIVED]: readonly MessageLike[];
  [EVENT.MESSAGE_READ_RECEIPT_RECEIVED]: readonly ReceiptItemLike[];
  [EVENT.MESSAGE_READ_BY_PEER]: readonly MessageLike[];
  [EVENT.NET_STATE_CHANGE]: { readonly state: NetState | string };
  /** A message this client sent changed status: `'unSend'` to `'success'` or `'fail'`. */
  [EVENT.MESSAGE_STATUS_CHANGED]: readonly MessageLike[];
}

export type ChatLikeEventName = keyof ChatLikeEventMap;
export type ChatLikeHandler<K extends ChatLikeEventName> = (event: {
  name?: K | string;
  data: ChatLikeEventMap[K];
}) => void;

/** What a call resolves with: the vendor's `{ code, data }` shape, of which readby reads `data`. */
export interface ChatLikeResponse<T> {
  code?: number;
  data: T;
}

/**
 * The part of a Tencent-shaped chat client that readby's receipt store and React layer use: a structural
 * interface, so readby's own `Chat` is one as it stands, and `fromTencentChat(tim)` (from `readby/tencent`) makes
 * one from the real `@tencentcloud/chat` SDK.
 *
 * What readby relies on: `on` registers a handler and `off` removes it (what `on` returns is ignored); calls made
 * before the client is ready wait for it; `MESSAGE_STATUS_CHANGED` announces the end of every send made through
 * `sendMessage`; the messages a call resolves with may be the same objects it was given, changed in place.
 *
 * @example
 * ```tsx
 * import { fromTencentChat } from 'readby/tencent';
 * const chat: ChatLike = fromTencentChat(tim); // or ReadBy.create({ transport })
 * root.render(<ReadByProvider chat={chat}><App /></ReadByProvider>);
 * ```
 */
export interface ChatLike {
  /** The signed-in user's ID; `''` while nobody is signed in. */
  getLoginUser(): string;
  on<K extends ChatLikeEventName>(name: K, handler: ChatLikeHandler<K>): unknown;
  off<K extends ChatLikeEventName>(name: K, handler: ChatLikeHandler<K>): unknown;
  createTextMessage(options: {
    to: string;
    conversationType: 'C2C' | 'GROUP';
    payload: { text: string };
    needReadReceipt?: boolean;
  }): MessageLike;
  sendMessage(message: MessageLike): Promise<ChatLikeResponse<{ message: MessageLike }>>;
  getMessageList(options: {
    conversationID: string;
    nextReqMessageID?: string;
  }): Promise<
    ChatLikeResponse<{ messageList: MessageLike[]; nextReqMessageID: string; isCompleted: boolean }>
  >;
  /** Receiver side: acknowledges up to 30 messages of one conversation. */
  sendMessageReadReceipt(messageList: MessageLike[]): Promise<unknown>;
  /** Sender side: resolves with the messages, in order, carrying fresh `readReceiptInfo`. */
  getMessageReadReceiptList(
    messageList: MessageLike[],
  ): Promise<ChatLikeResponse<{ messageList: MessageLike[] }>>;
  getGroupMessageReadMemberList(options: {
    message: MessageLike;
    filter: 0 | 1;
    cursor: string;
    count: number;
  }): Promise<ChatLikeResponse<ReadMemberPage>>;
  /**
   * Optional: the client's own latest copy of a message, or `null`. The store reads it once, when it first hears
   * of a message, to catch up on receipts pushed before it was listening; never on every render.
   */
  findMessage?(ID: string): MessageLike | null;
  /**
   * Optional: whether the message's conversation can have receipts at all, for clients whose messages keep
   * `needReadReceipt` where the service ignores it (the vendor's Community and AVChatRoom groups). Without it,
   * `needReadReceipt` decides.
   */
  hasReadReceipts?(message: MessageLike): boolean;
}
