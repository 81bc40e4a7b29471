import type TencentCloudChat from '@tencentcloud/chat';

/** Each value spelled as the vendor's enum spells it: a value that differs from the SDK's fails to compile. */
type Spelled<E, K extends keyof E> = { readonly [P in K]: `${E[P] & string}` };

/** The SDK's event names the fake emits (`TencentCloudChat.EVENT`). */
export const FAKE_EVENT = Object.freeze({
  SDK_READY: 'sdkStateReady',
  SDK_NOT_READY: 'sdkStateNotReady',
  KICKED_OUT: 'kickedOut',
  NET_STATE_CHANGE: 'netStateChange',
  MESSAGE_RECEIVED: 'onMessageReceived',
  MESSAGE_READ_BY_PEER: 'onMessageReadByPeer',
  MESSAGE_READ_RECEIPT_RECEIVED: 'onMessageReadReceiptReceived',
  GROUP_LIST_UPDATED: 'onGroupListUpdated',
} as const satisfies Spelled<
  typeof TencentCloudChat.EVENT,
  | 'SDK_READY'
  | 'SDK_NOT_READY'
  | 'KICKED_OUT'
  | 'NET_STATE_CHANGE'
  | 'MESSAGE_RECEIVED'
  | 'MESSAGE_READ_BY_PEER'
  | 'MESSAGE_READ_RECEIPT_RECEIVED'
  | 'GROUP_LIST_UPDATED'
>);

/** The SDK's `TencentCloudChat.TYPES` values the fake uses. */
export const FAKE_TYPES = Object.freeze({
  CONV_C2C: 'C2C',
  CONV_GROUP: 'GROUP',
  MSG_TEXT: 'TIMTextElem',
  GRP_WORK: 'Private',
  GRP_PUBLIC: 'Public',
  GRP_MEETING: 'ChatRoom',
  GRP_AVCHATROOM: 'AVChatRoom',
  GRP_COMMUNITY: 'Community',
  MSG_PRIORITY_NORMAL: 'Normal',
  NET_STATE_CONNECTED: 'connected',
  NET_STATE_CONNECTING: 'connecting',
  NET_STATE_DISCONNECTED: 'disconnected',
  KICKED_OUT_MULT_ACCOUNT: 'multipleAccount',
  KICKED_OUT_MULT_DEVICE: 'multipleDevice',
  KICKED_OUT_USERSIG_EXPIRED: 'userSigExpired',
  KICKED_OUT_REST_API: 'REST_API_Kick',
} as const satisfies Spelled<
  typeof TencentCloudChat.TYPES,
  | 'CONV_C2C'
  | 'CONV_GROUP'
  | 'MSG_TEXT'
  | 'GRP_WORK'
  | 'GRP_PUBLIC'
  | 'GRP_MEETING'
  | 'GRP_AVCHATROOM'
  | 'GRP_COMMUNITY'
  | 'MSG_PRIORITY_NORMAL'
  | 'NET_STATE_CONNECTED'
  | 'NET_STATE_CONNECTING'
  | 'NET_STATE_DISCONNECTED'
  | 'KICKED_OUT_MULT_ACCOUNT'
  | 'KICKED_OUT_MULT_DEVICE'
  | 'KICKED_OUT_USERSIG_EXPIRED'
  | 'KICKED_OUT_REST_API'
>);

export type KickedOutType =
  | typeof FAKE_TYPES.KICKED_OUT_MULT_ACCOUNT
  | typeof FAKE_TYPES.KICKED_OUT_MULT_DEVICE
  | typeof FAKE_TYPES.KICKED_OUT_USERSIG_EXPIRED
  | typeof FAKE_TYPES.KICKED_OUT_REST_API;

/**
 * The SDK's error codes the fake uses (its `ERROR_CODE` table): a call while not ready rejects with the reason it
 * is not ready; after a kick, that is the kind of kick.
 */
export const FAKE_CODE = Object.freeze({
  USER_NOT_LOGGED_IN: 2024,
  MESSAGE_INSTANCE_REQUIRED: 2105,
  READ_RECEIPT_MSG_LIST_EMPTY: 2114,
  LOGGING_IN: 3000,
  KICKED_OUT_MULT_DEVICE: 3002,
  KICKED_OUT_MULT_ACCOUNT: 3003,
  KICKED_OUT_USERSIG_EXPIRED: 3004,
  KICKED_OUT_REST_API: 3006,
  GROUP_NOT_FOUND: 10010,
  REQUEST_TIMEOUT: 2801,
} as const);

/** The code calls reject with after each kind of kick. */
export const KICK_CODE: Readonly<Record<KickedOutType, number>> = Object.freeze({
  multipleAccount: FAKE_CODE.KICKED_OUT_MULT_ACCOUNT,
  multipleDevice: FAKE_CODE.KICKED_OUT_MULT_DEVICE,
  userSigExpired: FAKE_CODE.KICKED_OUT_USERSIG_EXPIRED,
  REST_API_Kick: FAKE_CODE.KICKED_OUT_REST_API,
});
