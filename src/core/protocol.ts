/**
 * What crosses a transport: plain JSON only, so that the mock server and a WebSocket backend can carry the same
 * messages. The client sends requests; the server answers them and pushes events.
 */
import type { ConversationType, MessageType } from './constants';
import type { MessagePayload, ReadMemberPage, ReceiptItem } from './types';

/** A message as the server stores and sends it; the client derives `flow` and `conversationID` from it. */
export interface WireMessage {
  ID: string;
  type: MessageType;
  payload: MessagePayload;
  conversationType: ConversationType;
  to: string;
  from: string;
  time: number;
  sequence: number;
  needReadReceipt: boolean;
  /** Sent only to the sender, and only where the server has just computed them. */
  readReceipt?: WireReceipt;
  /** One-to-one, outgoing: the peer has marked the conversation read up to this message. */
  isPeerRead?: boolean;
}

/** A message as the client asks to send it. The server fills in the rest and never trusts `from`. */
export interface WireDraft {
  ID: string;
  type: MessageType;
  payload: MessagePayload;
  conversationType: ConversationType;
  to: string;
  needReadReceipt: boolean;
}

/**
 * Receipt state of one message, as the sender sees it: group counts, or a one-to-one message's read state, where
 * `isPeerRead` says the peer sent a receipt and `markedRead` that the peer has also marked the conversation read
 * up to it (R9). Every field is required.
 */
export type WireReceipt =
  | { messageID: string; readCount: number; unreadCount: number }
  | { messageID: string; isPeerRead: boolean; timestamp: number; markedRead: boolean };

export interface WireConversation {
  conversationID: string;
  type: ConversationType;
  unreadCount: number;
  lastMessage: WireMessage | null;
}

/** Request names with their parameters and answers. */
export interface Requests {
  sendMessage: {
    params: { message: WireDraft };
    result: { message: WireMessage; readReceiptCode?: number };
  };
  getMessageList: {
    params: { conversationID: string; nextReqMessageID: string; count: number };
    result: { messageList: WireMessage[]; nextReqMessageID: string; isCompleted: boolean };
  };
  sendMessageReadReceipt: { params: { messageIDs: string[] }; result: Record<string, never> };
  getMessageReadReceiptList: { params: { messageIDs: string[] }; result: { receipts: WireReceipt[] } };
  getGroupMessageReadMemberList: {
    params: { messageID: string; filter: 0 | 1; cursor: string; count: number };
    result: ReadMemberPage;
  };
  setMessageRead: { params: { conversationID: string }; result: Record<string, never> };
  getConversationList: { params: Record<string, never>; result: { conversationList: WireConversation[] } };
}

export type RequestName = keyof Requests;

/** Every request name, in the order of {@link Requests}: for code that needs them at run time. */
export const REQUEST_METHODS = [
  'sendMessage',
  'getMessageList',
  'sendMessageReadReceipt',
  'getMessageReadReceiptList',
  'getGroupMessageReadMemberList',
  'setMessageRead',
  'getConversationList',
] as const satisfies readonly RequestName[];

/** What the server pushes to a connected client. */
export type ServerPush = (
  | { type: 'message'; message: WireMessage }
  | { type: 'receipts'; items: ReceiptItem[] }
  /** The peer `userID` marked the one-to-one conversation read up to `sequence` (R9). */
  | { type: 'peerRead'; userID: string; sequence: number }
  /** No news: a heartbeat that tells the client how many pushes it should have had by now. */
  | { type: 'sync' }
) & {
  /**
   * Numbers the pushes of one connection 1, 2, 3 …; a `sync` repeats the latest number. A client that sees a
   * number skipped knows a push was lost and pulls the state instead. Optional: a transport may leave it out.
   */
  seq?: number;
};

/** Every push type, in the order of {@link ServerPush}: for code that needs them at run time. */
export const PUSH_TYPES = [
  'message',
  'receipts',
  'peerRead',
  'sync',
] as const satisfies readonly ServerPush['type'][];

/** `true` when the names listed are exactly the members of the union `All`, else `never`. */
type ListsExactly<Listed, All> = [Listed] extends [All] ? ([All] extends [Listed] ? true : never) : never;
// A request or push added to the types but not to its list fails the type check here, not at run time.
true satisfies ListsExactly<(typeof REQUEST_METHODS)[number], RequestName>;
true satisfies ListsExactly<(typeof PUSH_TYPES)[number], ServerPush['type']>;
