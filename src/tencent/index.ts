/**
 * readby/tencent: readby's receipt store, hooks and components on the real Tencent Cloud Chat SDK
 * (`@tencentcloud/chat`). The SDK stays the app's: readby never imports it, and types it structurally.
 *
 * @example
 * ```tsx
 * import TencentCloudChat from '@tencentcloud/chat';
 * import { ReadByProvider } from 'readby/react';
 * import { fromTencentChat } from 'readby/tencent';
 *
 * const tim = TencentCloudChat.create({ SDKAppID });
 * const chat = fromTencentChat(tim);
 * await tim.login({ userID, userSig });
 * root.render(<ReadByProvider chat={chat}><App /></ReadByProvider>);
 * ```
 */
export { type FromTencentChatOptions, fromTencentChat, type TencentChat } from './fromTencentChat';
export { DEFAULT_READ_RECEIPT_GROUP_TYPES } from './groupTypes';
export type {
  TencentChatSDKLike,
  TencentEvent,
  TencentGroupLike,
  TencentMessageLike,
  TencentResponse,
  TencentTextMessageOptions,
} from './tencentChatSDKLike';
