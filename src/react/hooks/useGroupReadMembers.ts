import { type InfiniteData, useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import type { MessageLike, ReadByError, ReadMemberPage } from '../../core/index';
import { chatKey } from '../chatKey';
import { retryTransient } from '../queryRetry';
import { useReadByContext } from '../ReadByProvider';
import { useReadReceipt } from './useReadReceipt';

export interface UseGroupReadMembersOptions {
  /** A group message the user sent with receipts. */
  message: MessageLike;
  /** Members who have read it, or who have not. */
  filter: 'read' | 'unread';
  /** Members a page, 1 to 100. Default 50. */
  pageSize?: number;
  /** Fetch at all; false keeps the query idle (an unopened tab, say). Default true. */
  enabled?: boolean;
}

export interface GroupReadMembers {
  /** User IDs loaded so far: readers in the order they read, others in the order they joined. No duplicates. */
  userIDs: string[];
  /**
   * How many members the full list has: its length once every page is loaded, else the live counts; `undefined`
   * while unknown.
   */
  total: number | undefined;
  hasNextPage: boolean;
  fetchNextPage: () => void;
  isLoading: boolean;
  isFetchingNextPage: boolean;
  error: ReadByError | null;
  refetch: () => void;
}

/** Receipts that arrive close together refresh a list once. */
const REFRESH_DELAY_MS = 250;

/**
 * Pages through the members who have or have not read a group message. When receipts arrive, new readers
 * appear at the end of the read list and leave the unread list: the loaded pages are fetched again in order, so
 * the list never shows a member twice or skips one, and its length meets `total` once complete.
 *
 * @example
 * ```tsx
 * const { userIDs, hasNextPage, fetchNextPage, total } = useGroupReadMembers({ message, filter: 'read' });
 * ```
 */
export function useGroupReadMembers({
  message,
  filter,
  pageSize = 50,
  enabled = true,
}: UseGroupReadMembersOptions): GroupReadMembers {
  const { chat, store } = useReadByContext('useGroupReadMembers');
  const queryClient = useQueryClient();
  const receipt = useReadReceipt(message);
  const queryKey = useMemo(
    () => ['readby', chatKey(chat), 'readMembers', message.ID, filter, pageSize] as const,
    [chat, message.ID, filter, pageSize],
  );

  const query = useInfiniteQuery<
    ReadMemberPage,
    ReadByError,
    InfiniteData<ReadMemberPage, string>,
    typeof queryKey,
    string
  >({
    queryKey,
    enabled,
    initialPageParam: '',
    queryFn: async ({ pageParam }) =>
      (
        await chat.getGroupMessageReadMemberList({
          message,
          filter: filter === 'read' ? 0 : 1,
          cursor: pageParam,
          count: pageSize,
        })
      ).data,
    getNextPageParam: (last) => (last.isCompleted ? undefined : last.cursor),
    // Receipt pushes say when the list changed; polling would only repeat what they say.
    staleTime: Infinity,
    retry: retryTransient,
  });

  const userIDs = useMemo(() => {
    const seen = new Set<string>();
    for (const page of query.data?.pages ?? []) {
      for (const id of filter === 'read' ? page.readUserIDList : page.unreadUserIDList) seen.add(id);
    }
    return [...seen];
  }, [query.data, filter]);
  // What the list has loaded, for the subscription below, which outlives renders; kept after each commit.
  const loaded = useRef({ count: 0, complete: false });
  const complete = query.data !== undefined && !query.hasNextPage;
  useEffect(() => {
    loaded.current = { count: userIDs.length, complete };
  }, [userIDs, complete]);

  // New readers move between the lists: when this message's read count goes up, or a complete list no longer
  // matches the count, the loaded pages are fetched again, once for receipts that arrive close together. Counts
  // merely learnt (a first pull) that agree with the list are no news.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let seen = store.get(message.ID)?.readCount;
    const stop = store.subscribe(message.ID, () => {
      const state = store.get(message.ID);
      if (state?.readCount === undefined || state.unreadCount === undefined) return;
      const grew = seen !== undefined && state.readCount > seen;
      seen = state.readCount;
      const expected = filter === 'read' ? state.readCount : state.unreadCount;
      const stale = loaded.current.complete && loaded.current.count !== expected;
      if ((!grew && !stale) || timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        void queryClient.invalidateQueries({ queryKey });
      }, REFRESH_DELAY_MS);
    });
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, [store, message.ID, filter, queryClient, queryKey]);

  // A complete list is its own size: the feed shows what the server answered, even in the frame before the
  // counts catch up. Until then the live counts say; readers only grow, so the read list never says fewer than it
  // has loaded.
  const readers = receipt.readCount === undefined ? undefined : Math.max(receipt.readCount, userIDs.length);
  const total = complete ? userIDs.length : filter === 'read' ? readers : receipt.unreadCount;

  return {
    userIDs,
    total,
    hasNextPage: query.hasNextPage,
    fetchNextPage: () => {
      // The flags above are as of the last render; a scroll handler may call again before the next one, and
      // `cancelRefetch: false` lets the query join the page already on its way instead of asking twice.
      if (query.hasNextPage && !query.isFetchingNextPage) void query.fetchNextPage({ cancelRefetch: false });
    },
    isLoading: query.isLoading,
    isFetchingNextPage: query.isFetchingNextPage,
    error: query.error,
    refetch: () => void query.refetch(),
  };
}
