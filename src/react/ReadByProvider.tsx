import { QueryClient, QueryClientContext, QueryClientProvider } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useMemo, useState } from 'react';
import type { Chat } from '../core/index';
import { getReceiptStore, type ReceiptStore } from './receiptStore';

/** A user's display data, for reader lists and avatars. */
export interface ReadByUser {
  userID: string;
  name?: string;
  avatarURL?: string;
}

export interface ReadByProviderProps {
  /** The chat client the hooks and components read from. */
  chat: Chat;
  /** Send read receipts at all. The privacy switch: when false, `useReadReceiptTracker` sends none. Default true. */
  sendReadReceipts?: boolean;
  /** Names and avatars for user IDs; may return a promise. */
  resolveUser?: (userID: string) => ReadByUser | Promise<ReadByUser>;
  /** `'en'`, `'ja'`, `'zh'`, or a set of texts of your own. Default `'en'`. */
  locale?: ReadByLocale;
  children?: ReactNode;
}

/** A built-in locale name, or an object of texts that overrides English (or `base`) where it has a key. */
export type ReadByLocale = string | { base?: string; [key: string]: unknown };

export interface ReadByContextValue {
  chat: Chat;
  /** The chat's receipt store, shared by every hook that reads receipts. */
  receipts: ReceiptStore;
  locale: ReadByLocale;
  sendReadReceipts: boolean;
  resolveUser: ((userID: string) => ReadByUser | Promise<ReadByUser>) | undefined;
}

const ReadByContext = createContext<ReadByContextValue | null>(null);

/**
 * Puts a chat in context for readby's hooks and components. Uses the app's QueryClient when there is one,
 * else its own.
 *
 * @example
 * ```tsx
 * <ReadByProvider chat={chat} resolveUser={(id) => directory[id]}>
 *   <Conversation />
 * </ReadByProvider>
 * ```
 */
export function ReadByProvider({
  chat,
  sendReadReceipts = true,
  resolveUser,
  locale = 'en',
  children,
}: ReadByProviderProps) {
  const appClient = useContext(QueryClientContext);
  const [ownClient] = useState(() => (appClient ? null : new QueryClient()));
  const value = useMemo<ReadByContextValue>(
    () => ({ chat, receipts: getReceiptStore(chat), sendReadReceipts, resolveUser, locale }),
    [chat, sendReadReceipts, resolveUser, locale],
  );
  const content = <ReadByContext.Provider value={value}>{children}</ReadByContext.Provider>;
  return ownClient ? <QueryClientProvider client={ownClient}>{content}</QueryClientProvider> : content;
}

/**
 * The provider's settings (chat, locale, `sendReadReceipts`, `resolveUser`), for components of your own; throws an
 * error naming the provider and `hookName` when there is none.
 *
 * @example
 * ```tsx
 * const { sendReadReceipts } = useReadByContext('PrivacyNote');
 * ```
 */
export function useReadByContext(hookName: string): ReadByContextValue {
  const value = useContext(ReadByContext);
  if (!value) throw new Error(`${hookName} must be used inside <ReadByProvider chat={chat}>.`);
  return value;
}

/**
 * The chat client of the nearest `ReadByProvider`.
 *
 * @example
 * ```tsx
 * const chat = useChat();
 * const send = (text: string) => chat.sendMessage(chat.createTextMessage({ to, conversationType, payload: { text } }));
 * ```
 */
export function useChat(): Chat {
  return useReadByContext('useChat').chat;
}
