/**
 * readby/react: provider, hooks and components for read receipts.
 *
 * @example
 * ```tsx
 * import { ReadByProvider, useChat } from 'readby/react';
 * ```
 */
export {
  type ReadByContextValue,
  ReadByProvider,
  type ReadByProviderProps,
  type ReadByUser,
  useChat,
} from './ReadByProvider';
