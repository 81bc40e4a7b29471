import { QueryClient, QueryClientContext, QueryClientProvider } from '@tanstack/react-query';
import {
  createContext,
  type ReactNode,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useState,
} from 'react';
import { type ChatLike, getReceiptStore, type ReceiptStore } from '../core/index';
import { createFramePacer } from './framePacer';
import type { ReadByTexts } from './i18n/texts';

/** A user's display data, for reader lists and avatars. */
export interface ReadByUser {
  userID: string;
  name?: string;
  avatarURL?: string;
}

export interface ReadByProviderProps {
  /**
   * The chat client the hooks and components read from: readby's own (`ReadBy.create`), or any other
   * {@link ChatLike}, such as `fromTencentChat(tim)` from `readby/tencent` over the real Tencent Cloud Chat SDK.
   */
  chat: ChatLike;
  /**
   * Send read receipts at all. The privacy switch: when false, nothing more is sent, not even receipts already
   * waiting to go out. It belongs to the chat: every provider of one chat shares it. Default true.
   */
  sendReadReceipts?: boolean;
  /** Names and avatars for user IDs; may return a promise. */
  resolveUser?: (userID: string) => ReadByUser | Promise<ReadByUser>;
  /** `'en'`, `'ja'`, `'zh'`, or a set of texts of your own. Default `'en'`. */
  locale?: ReadByLocale;
  children?: ReactNode;
}

/**
 * A built-in locale name (`'en'`, `'ja'`, `'zh'`; a region such as `'ja-JP'` uses its language), or texts of your
 * own laid over English (or `base`) where they have a key. Every key is one of {@link ReadByTexts}, with its type, so
 * a misspelt key or a text function of the wrong shape does not compile.
 *
 * @example
 * ```tsx
 * <ReadByProvider chat={chat} locale={{ base: 'en', readByAll: 'Seen by everyone' }}>…</ReadByProvider>
 * ```
 */
export type ReadByLocale = string | ReadByLocaleTexts;

/** Texts of your own for {@link ReadByLocale}: any of readby's texts, over the built-in locale `base`. */
export type ReadByLocaleTexts = Partial<ReadByTexts> & { base?: string };

export interface ReadByContextValue {
  chat: ChatLike;
  /** The chat's receipt store: the one current receipt state per message, shared by every hook that reads it. */
  store: ReceiptStore;
  locale: ReadByLocale;
  sendReadReceipts: boolean;
  resolveUser: ((userID: string) => ReadByUser | Promise<ReadByUser>) | undefined;
}

const ReadByContext = createContext<ReadByContextValue | null>(null);

/** Server rendering runs no effects, and React warns of layout effects there. */
const useIsomorphicLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect;

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
    () => ({
      chat,
      store: getReceiptStore(chat, { schedule: createFramePacer() }),
      sendReadReceipts,
      resolveUser,
      locale,
    }),
    [chat, sendReadReceipts, resolveUser, locale],
  );
  // In the layout phase, before any tracker's clean-up flushes its queue: switched off, nothing more goes out.
  useIsomorphicLayoutEffect(() => {
    value.store.sender.setEnabled(sendReadReceipts);
  }, [value.store, sendReadReceipts]);
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
 * The chat client of the nearest `ReadByProvider`. `C` names the client's own type, when you need more than
 * {@link ChatLike} (readby's `Chat` or the vendor SDK's): the provider holds whatever you gave it.
 *
 * @example
 * ```tsx
 * const chat = useChat<Chat>();
 * const send = (text: string) => chat.sendMessage(chat.createTextMessage({ to, conversationType, payload: { text } }));
 * ```
 */
export function useChat<C extends ChatLike = ChatLike>(): C {
  return useReadByContext('useChat').chat as C;
}
