/**
 * Stream's `MessageReceiptsTracker` (stream-chat), fed offline as a Stream client feeds it: one `onMessageRead`
 * event per reading session, carrying the time of the last message read, which the tracker resolves with
 * `locateMessage` over the client's timeline. It keeps each member's last read message rather than each receipt,
 * which the prefix reads of the workload allow; reader lists and counts come from its public API.
 */
import { MessageReceiptsTracker, type MsgRef, type UserResponse } from 'stream-chat';

/** When message 1 was sent; message k follows a second later per step. */
const FIRST_MESSAGE_MS = Date.UTC(2026, 0, 5, 9);

export interface StreamTimeline {
  /** The tracker's reference of each message, 1-based: index 0 is unused. */
  refs: MsgRef[];
  /** The read event time of each message, as the wire carries it. */
  readAt: string[];
  create(): MessageReceiptsTracker;
}

/**
 * A timeline of the given message IDs, oldest first, and trackers over it.
 *
 * @example
 * ```ts
 * const timeline = streamTimeline(['m1', 'm2']);
 * const tracker = timeline.create();
 * tracker.onMessageRead({ user: { id: 'bob' }, readAt: timeline.readAt[2]! });
 * tracker.readersForMessage(timeline.refs[1]!).length; // 1
 * ```
 */
export function streamTimeline(messageIDs: readonly string[]): StreamTimeline {
  const refs: MsgRef[] = [{ timestampMs: Number.NEGATIVE_INFINITY, msgId: '' }];
  const readAt: string[] = [''];
  messageIDs.forEach((msgId, index) => {
    const timestampMs = FIRST_MESSAGE_MS + index * 1000;
    refs.push({ timestampMs, msgId });
    readAt.push(new Date(timestampMs).toISOString());
  });
  /** The newest message sent at or before `timestampMs`: a binary search, as over a client's message list. */
  const locateMessage = (timestampMs: number): MsgRef | null => {
    let low = 1;
    let high = refs.length - 1;
    if (high < 1 || refs[1]!.timestampMs > timestampMs) return null;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (refs[middle]!.timestampMs <= timestampMs) low = middle;
      else high = middle - 1;
    }
    return refs[low]!;
  };
  return { refs, readAt, create: () => new MessageReceiptsTracker({ locateMessage }) };
}

/** The user object of each member, made once, as a client keeps its channel's members. */
export function streamUsers(userIDs: readonly string[]): UserResponse[] {
  return userIDs.map((id) => ({ id }));
}
