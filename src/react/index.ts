/**
 * readby/react: provider, hooks and components for read receipts.
 *
 * @example
 * ```tsx
 * import { ReadByProvider, useReadReceipt, useReadReceiptTracker } from 'readby/react';
 * ```
 */

export { ReadByBadge, type ReadByBadgeProps } from './components/ReadByBadge';
export { Avatar, ReaderList, type ReaderListItem, type ReaderListProps } from './components/ReaderList';
export {
  ReadReceiptPanel,
  type ReadReceiptPanelProps,
  type ReadReceiptTab,
} from './components/ReadReceiptPanel';
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
export { initialsOf, useUser } from './hooks/useUser';
export { type CountValues, en, ja, locales, type ReadByTexts, zh } from './i18n/texts';
export { resolveTexts, type Texts, useTexts } from './i18n/useTexts';
export {
  type ReadByContextValue,
  type ReadByLocale,
  type ReadByLocaleTexts,
  ReadByProvider,
  type ReadByProviderProps,
  type ReadByUser,
  useChat,
  useReadByContext,
} from './ReadByProvider';
