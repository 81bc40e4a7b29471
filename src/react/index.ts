/**
 * readby/react: provider, hooks and components for read receipts.
 *
 * @example
 * ```tsx
 * import { ReadByProvider, useReadReceipt, useReadReceiptTracker } from 'readby/react';
 * ```
 */

export { useChatEvent } from './hooks/useChatEvent';
export {
  type GroupReadMembers,
  type UseGroupReadMembersOptions,
  useGroupReadMembers,
} from './hooks/useGroupReadMembers';
export { type MessageList, useMessageList } from './hooks/useMessageList';
export { type ReadReceiptState, type ReadReceiptStatus, useReadReceipt } from './hooks/useReadReceipt';
export { type ReadReceiptTrackerOptions, useReadReceiptTracker } from './hooks/useReadReceiptTracker';
export { type SendTextOptions, useSendMessage } from './hooks/useSendMessage';
export {
  type ReadByContextValue,
  type ReadByLocale,
  ReadByProvider,
  type ReadByProviderProps,
  type ReadByUser,
  useChat,
} from './ReadByProvider';
