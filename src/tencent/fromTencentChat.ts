import {
  type ChatLike,
  type ChatLikeEventName,
  type ChatLikeHandler,
  invalidParameter,
  type MessageLike,
  type NetState,
} from '../core/index';
import { DEFAULT_READ_RECEIPT_GROUP_TYPES } from './groupTypes';
import { TencentChatAdapter } from './tencentChatAdapter';
import type { TencentChatSDKLike } from './tencentChatSDKLike';

/**
 * Options of {@link fromTencentChat}.
 *
 * @example
 * ```ts
 * // Read receipts switched on in the console for Work groups only:
 * const chat = fromTencentChat(tim, { readReceiptGroupTypes: ['Private'] });
 * ```
 */
export interface FromTencentChatOptions {
  /**
   * The group types for which read receipts are switched on in the console. Default: `'Private'` (Work),
   * `'Public'` and `'ChatRoom'` (Meeting). Community and AVChatRoom groups never have them.
   */
  readReceiptGroupTypes?: readonly string[];
}

/**
 * A `ChatLike` over the real SDK: give it to `<ReadByProvider chat={…}>`. `on` returns a function that stops
 * listening; `destroy()` removes every handler the adapter gave the SDK (it leaves the SDK itself to the app).
 *
 * @example
 * ```ts
 * const chat: TencentChat = fromTencentChat(tim);
 * const stop = chat.on('netStateChange', ({ data }) => console.log(data.state));
 * ```
 */
export interface TencentChat extends ChatLike {
  /** `'connected'` once the SDK is ready and online, else `'connecting'` or `'disconnected'`. */
  readonly netState: NetState;
  on<K extends ChatLikeEventName>(name: K, handler: ChatLikeHandler<K>): () => void;
  off<K extends ChatLikeEventName>(name: K, handler: ChatLikeHandler<K>): void;
  hasReadReceipts(message: MessageLike): boolean;
  destroy(): void;
}

const SDK_METHODS = [
  'getLoginUser',
  'isReady',
  'on',
  'off',
  'createTextMessage',
  'sendMessage',
  'getMessageList',
  'sendMessageReadReceipt',
  'getMessageReadReceiptList',
  'getGroupMessageReadMemberList',
  'findMessage',
  'getGroupList',
  'getGroupProfile',
] as const;

/**
 * Turns an instance of the real Tencent Cloud Chat SDK into a `ChatLike`, so that readby's provider, hooks and
 * components run on it. The app keeps owning the SDK: it creates it, logs in, and destroys it; the adapter waits
 * for `SDK_READY` and calls the SDK as little as it can.
 *
 * @example
 * ```tsx
 * import TencentCloudChat from '@tencentcloud/chat';
 * import { fromTencentChat } from 'readby/tencent';
 *
 * const tim = TencentCloudChat.create({ SDKAppID });
 * const chat = fromTencentChat(tim);
 * await tim.login({ userID, userSig });
 * root.render(<ReadByProvider chat={chat}><App /></ReadByProvider>);
 * // on sign-out: chat.destroy(); await tim.destroy();
 * ```
 */
export function fromTencentChat(tim: TencentChatSDKLike, options: FromTencentChatOptions = {}): TencentChat {
  if (typeof tim !== 'object' || tim === null) {
    throw invalidParameter('tim', 'an SDK instance made by TencentCloudChat.create');
  }
  const missing = SDK_METHODS.filter((method) => typeof tim[method] !== 'function');
  if (missing.length > 0) {
    throw invalidParameter(
      'tim',
      `an SDK instance made by TencentCloudChat.create (missing ${missing.join(', ')})`,
    );
  }
  if (typeof options !== 'object' || options === null) throw invalidParameter('options', 'an object');
  const types = options.readReceiptGroupTypes ?? DEFAULT_READ_RECEIPT_GROUP_TYPES;
  if (!Array.isArray(types) || types.some((type) => typeof type !== 'string')) {
    throw invalidParameter('options.readReceiptGroupTypes', 'an array of group types');
  }
  return new TencentChatAdapter(tim, types);
}
