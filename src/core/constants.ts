/**
 * Constant values, equal to those of Tencent Cloud Chat's Web SDK so that code written for it runs unchanged.
 *
 * @example
 * ```ts
 * chat.createTextMessage({ to: 'team', conversationType: TYPES.CONV_GROUP, payload: { text: 'hi' } });
 * ```
 */
export const TYPES = Object.freeze({
  CONV_C2C: 'C2C',
  CONV_GROUP: 'GROUP',
  GRP_WORK: 'Private',
  GRP_PUBLIC: 'Public',
  GRP_MEETING: 'ChatRoom',
  GRP_AVCHATROOM: 'AVChatRoom',
  GRP_COMMUNITY: 'Community',
  MSG_TEXT: 'TIMTextElem',
  MSG_CUSTOM: 'TIMCustomElem',
  NET_STATE_CONNECTED: 'connected',
  NET_STATE_CONNECTING: 'connecting',
  NET_STATE_DISCONNECTED: 'disconnected',
} as const);

/**
 * Event names for {@link Chat.on}.
 *
 * @example
 * ```ts
 * chat.on(EVENT.MESSAGE_READ_RECEIPT_RECEIVED, ({ data }) => data.forEach((item) => console.log(item.messageID)));
 * ```
 */
export const EVENT = Object.freeze({
  MESSAGE_RECEIVED: 'onMessageReceived',
  MESSAGE_READ_RECEIPT_RECEIVED: 'onMessageReadReceiptReceived',
  MESSAGE_READ_BY_PEER: 'onMessageReadByPeer',
  NET_STATE_CHANGE: 'netStateChange',
  /**
   * readby's own: a message this client sent changed status (`'unSend'` to `'success'` or `'fail'`), so that
   * whoever holds the draft learns how its send ended without holding the promise.
   */
  MESSAGE_STATUS_CHANGED: 'onMessageStatusChanged',
} as const);

export type ConversationType = typeof TYPES.CONV_C2C | typeof TYPES.CONV_GROUP;
export type GroupType =
  | typeof TYPES.GRP_WORK
  | typeof TYPES.GRP_PUBLIC
  | typeof TYPES.GRP_MEETING
  | typeof TYPES.GRP_AVCHATROOM
  | typeof TYPES.GRP_COMMUNITY;
export type MessageType = typeof TYPES.MSG_TEXT | typeof TYPES.MSG_CUSTOM;
export type NetState =
  | typeof TYPES.NET_STATE_CONNECTED
  | typeof TYPES.NET_STATE_CONNECTING
  | typeof TYPES.NET_STATE_DISCONNECTED;
export type EventName = (typeof EVENT)[keyof typeof EVENT];

/** The most messages `sendMessageReadReceipt` takes in one call (R3). */
export const MAX_RECEIPT_BATCH = 30;
/** The most messages `getMessageReadReceiptList` takes in one call. */
export const MAX_RECEIPT_QUERY = 100;
/** The most members one page of `getGroupMessageReadMemberList` returns (R7). */
export const MAX_MEMBER_PAGE = 100;
/** The most messages one page of `getMessageList` returns. */
export const MAX_MESSAGE_PAGE = 15;
