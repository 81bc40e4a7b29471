import type { MessageLike, ReadMemberPage } from '../core/index';

/**
 * What the SDK's calls resolve with: `{ code: 0, data }`, of which readby reads `data`.
 *
 * @example
 * ```ts
 * const { data }: TencentResponse<{ groupList: TencentGroupLike[] }> = await tim.getGroupList();
 * ```
 */
export interface TencentResponse<T> {
  code?: number;
  data: T;
}

/**
 * A group as the SDK's `getGroupList` and `getGroupProfile` describe it; readby reads its ID and type.
 *
 * @example
 * ```ts
 * const group: TencentGroupLike = { groupID: 'team', type: 'Private' };
 * ```
 */
export interface TencentGroupLike {
  readonly groupID: string;
  /** `'Private'` (Work), `'Public'`, `'ChatRoom'` (Meeting), `'AVChatRoom'` or `'Community'`. */
  readonly type: string;
}

/**
 * What an SDK event handler receives: `{ name, data }`.
 *
 * @example
 * ```ts
 * tim.on('netStateChange', (event: TencentEvent) => console.log(event.data));
 * ```
 */
export interface TencentEvent {
  name?: string;
  data?: unknown;
}

/**
 * A message as the SDK types it (its `Message`): the fields readby reads, except that the SDK types `type` and
 * `conversationType` as its `TYPES` enum, whose members are strings and numbers. At run time they hold the
 * strings readby knows (`'C2C'`, `'GROUP'`, `'TIMTextElem'`), so the adapter hands these objects on as they are.
 *
 * @example
 * ```ts
 * const message: TencentMessageLike | null = tim.findMessage(messageID);
 * ```
 */
export type TencentMessageLike = MessageLike;

/**
 * What `createTextMessage` takes, as far as readby uses it. `conversationType` is typed as loosely as the SDK's
 * `TYPES` enum, so that the SDK's own signature fits.
 *
 * @example
 * ```ts
 * const options: TencentTextMessageOptions = { to: 'team', conversationType: 'GROUP', payload: { text: 'hi' } };
 * ```
 */
export interface TencentTextMessageOptions {
  to: string;
  conversationType: string | number;
  payload: { text: string };
  needReadReceipt?: boolean;
}

/**
 * The part of a `@tencentcloud/chat` instance (`ChatSDK`, made by `TencentCloudChat.create`) that
 * `fromTencentChat` uses. Declared here, structurally, so that readby's type declarations do not import the
 * vendor's, which fail to compile without `skipLibCheck`; the SDK's own `ChatSDK` type satisfies it.
 *
 * What the SDK does that this interface cannot say: `on` returns nothing; every call made before `SDK_READY`
 * rejects (2024 and the other not-ready codes), even `findMessage` and `createTextMessage`, which then return a
 * rejected Promise instead of their usual value; messages are the SDK's own objects, changed in place.
 *
 * @example
 * ```ts
 * import TencentCloudChat from '@tencentcloud/chat';
 * const tim: TencentChatSDKLike = TencentCloudChat.create({ SDKAppID });
 * ```
 */
export interface TencentChatSDKLike {
  /** The vendor types the result as `String`; it is `''` until a user logs in. */
  getLoginUser(): unknown;
  isReady(): boolean;
  on(eventName: string, handler: (event: TencentEvent) => void): unknown;
  off(eventName: string, handler: (event: TencentEvent) => void): unknown;
  createTextMessage(options: TencentTextMessageOptions): TencentMessageLike;
  sendMessage(message: TencentMessageLike): Promise<TencentResponse<{ message: TencentMessageLike }>>;
  getMessageList(options: {
    conversationID: string;
    nextReqMessageID?: string;
  }): Promise<
    TencentResponse<{ messageList: TencentMessageLike[]; nextReqMessageID: string; isCompleted: boolean }>
  >;
  sendMessageReadReceipt(messageList: TencentMessageLike[]): Promise<unknown>;
  getMessageReadReceiptList(
    messageList: TencentMessageLike[],
  ): Promise<TencentResponse<{ messageList: TencentMessageLike[] }>>;
  getGroupMessageReadMemberList(options: {
    message: TencentMessageLike;
    filter: number;
    cursor: string;
    count: number;
  }): Promise<TencentResponse<Partial<ReadMemberPage>>>;
  findMessage(messageID: string): TencentMessageLike | null;
  getGroupList(): Promise<TencentResponse<{ groupList: TencentGroupLike[] }>>;
  getGroupProfile(options: { groupID: string }): Promise<TencentResponse<{ group: TencentGroupLike }>>;
}

/**
 * The SDK's event names that the adapter listens to, as `TencentCloudChat.EVENT` spells them. Copied rather than
 * imported, so that readby never loads the SDK itself; the tests drive the adapter through a fake whose names are
 * checked against the SDK's own types.
 */
export const TENCENT_EVENT = Object.freeze({
  SDK_READY: 'sdkStateReady',
  SDK_NOT_READY: 'sdkStateNotReady',
  KICKED_OUT: 'kickedOut',
  NET_STATE_CHANGE: 'netStateChange',
  MESSAGE_RECEIVED: 'onMessageReceived',
  MESSAGE_READ_BY_PEER: 'onMessageReadByPeer',
  MESSAGE_READ_RECEIPT_RECEIVED: 'onMessageReadReceiptReceived',
  GROUP_LIST_UPDATED: 'onGroupListUpdated',
} as const);
