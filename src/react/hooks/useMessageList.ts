import { type InfiniteData, useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useStore } from 'zustand';
import type { Message, MessageLike, ReadByError } from '../../core/index';
import { chatKey } from '../chatKey';
import { getMessageStore } from '../messageStore';
import { retryTransient } from '../queryRetry';
import { useReadByContext } from '../ReadByProvider';

export interface MessageList<M extends MessageLike = Message> {
  /** History and live messages, oldest first, each once. */
  messages: M[];
  hasOlder: boolean;
  fetchOlder: () => void;
  isLoading: boolean;
  isFetchingOlder: boolean;
  error: ReadByError | null;
}

const NO_MESSAGES: readonly MessageLike[] = [];

interface MessagePage {
  messageList: MessageLike[];
  nextReqMessageID: string;
  isCompleted: boolean;
}

/**
 * A conversation's messages: history pages loaded on demand, newest first, plus every message that arrives or
 * is sent with {@link useSendMessage} while mounted. `M` is the message type of your client: readby's `Message`
 * by default, the vendor's `Message` over `readby/tencent`.
 *
 * @example
 * ```tsx
 * const { messages, hasOlder, fetchOlder } = useMessageList('GROUPteam');
 * ```
 */
export function useMessageList<M extends MessageLike = Message>(conversationID: string): MessageList<M> {
  const { chat } = useReadByContext('useMessageList');
  const messageStore = getMessageStore(chat);
  const live = useStore(messageStore.store, (state) => state.live[conversationID] ?? NO_MESSAGES);
  const query = useInfiniteQuery<
    MessagePage,
    ReadByError,
    InfiniteData<MessagePage, string>,
    readonly unknown[],
    string
  >({
    queryKey: ['readby', chatKey(chat), 'messages', conversationID],
    initialPageParam: '',
    queryFn: async ({ pageParam }) =>
      (await chat.getMessageList({ conversationID, ...(pageParam ? { nextReqMessageID: pageParam } : {}) }))
        .data,
    getNextPageParam: (last) => (last.isCompleted ? undefined : last.nextReqMessageID),
    // New messages arrive as pushes; history does not change.
    staleTime: Infinity,
    retry: retryTransient,
  });

  const messages = useMemo(() => {
    const byID = new Map<string, M>();
    const pages = query.data?.pages ?? [];
    for (let i = pages.length - 1; i >= 0; i--)
      for (const message of pages[i]!.messageList) byID.set(message.ID, message as M);
    for (const message of live) byID.set(message.ID, message as M);
    // Sent and received messages carry server sequences; unsent ones stay at the end in the order they were made.
    return [...byID.values()].sort(
      (a, b) => (a.sequence || Number.MAX_SAFE_INTEGER) - (b.sequence || Number.MAX_SAFE_INTEGER),
    );
  }, [query.data, live]);

  return {
    messages,
    hasOlder: query.hasNextPage,
    fetchOlder: () => {
      // The flags above are as of the last render; a scroll handler may call again before the next one, and
      // `cancelRefetch: false` lets the query join the page already on its way instead of asking twice.
      if (query.hasNextPage && !query.isFetchingNextPage) void query.fetchNextPage({ cancelRefetch: false });
    },
    isLoading: query.isLoading,
    isFetchingOlder: query.isFetchingNextPage,
    error: query.error,
  };
}
