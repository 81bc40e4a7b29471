import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import type { MessageLike, ReceiptState } from '../../core/index';
import { useReadByContext } from '../ReadByProvider';

export type { ReadReceiptStatus } from '../../core/index';

/** A message's receipt state, as {@link useReadReceipt} returns it. */
export interface ReadReceiptState extends Omit<ReceiptState, 'messageID'> {
  /** Asks for the counts again, after an error. */
  refetch: () => void;
}

const noSubscription = () => () => {};
const NO_MESSAGE: ReadReceiptState = Object.freeze({
  status: 'none',
  readCount: undefined,
  unreadCount: undefined,
  total: undefined,
  isPeerRead: false,
  isLoading: false,
  error: null,
  refetch: () => {},
});

/**
 * The live receipt state of one message: a selector over the chat's receipt store, keyed by the message's ID.
 * Re-renders only when this message's receipts change, at most once a frame. Any snapshot of the message will do,
 * the draft from `createTextMessage` included: the state follows the send, and then every receipt. Counts not yet
 * known are fetched together with every other badge mounted in the same tick: one request per conversation, at
 * most 100 messages each.
 *
 * @example
 * ```tsx
 * function Seen({ message }: { message: Message }) {
 *   const { status, readCount, total } = useReadReceipt(message);
 *   return status === 'none' ? null : <small>{readCount} / {total}</small>;
 * }
 * ```
 */
export function useReadReceipt(message: MessageLike | null | undefined): ReadReceiptState {
  const { store } = useReadByContext('useReadReceipt');
  const id = message?.ID ?? '';
  // Until the store has heard of the message (the first render, a server render), it shows what it carries. The
  // store keeps that very object when it starts tracking the message, so that taking it in renders nothing.
  const carried = useMemo(() => (message ? store.describe(message) : undefined), [store, message]);
  const subscribe = useCallback(
    (onChange: () => void) => (id ? store.subscribe(id, onChange) : noSubscription()),
    [store, id],
  );
  // The same function from render to render: React then has nothing to re-check after a commit.
  const read = useCallback(() => (id ? store.get(id) : undefined) ?? carried, [store, id, carried]);
  const refetch = useCallback(() => store.refetch(id), [store, id]);
  const state = useSyncExternalStore(subscribe, read, read);

  useEffect(() => {
    if (message) store.track(message);
  }, [store, message]);

  return useMemo(() => {
    if (!state) return NO_MESSAGE;
    const { status, readCount, unreadCount, total, isPeerRead, isLoading, error } = state;
    return { status, readCount, unreadCount, total, isPeerRead, isLoading, error, refetch };
  }, [state, refetch]);
}
