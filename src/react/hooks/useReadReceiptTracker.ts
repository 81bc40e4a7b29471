import { useCallback, useEffect, useRef, useState } from 'react';
import type { MessageLike, ReadByError } from '../../core/index';
import { useReadByContext } from '../ReadByProvider';
import { VisibilityTracker } from '../visibilityTracker';

export interface ReadReceiptTrackerOptions {
  /** Share of a message that must be on screen. Default 0.5. */
  threshold?: number;
  /** How long it must stay there while the page is visible and focused, in ms. Default 500. */
  dwellMs?: number;
  /** The scrolling container, when it is not the viewport. */
  root?: Element | null;
  rootMargin?: string;
  /** Whether a person can be looking. Default: the page is visible and has focus. */
  isPageActive?: () => boolean;
  /** Called when receipts are given up on after retries, or refused by the server. */
  onError?: (error: ReadByError, messages: MessageLike[]) => void;
}

type TrackRef = (element: Element | null) => void;

const pageIsActive = () => document.visibilityState === 'visible' && document.hasFocus();
const noRef: TrackRef = () => {};

/**
 * Sends honest read receipts: returns `track(message)`, a ref for each rendered message. An incoming message
 * that asks for a receipt gets one after it has been at least half visible for a short dwell while the page is
 * visible and focused. Receipts are batched per conversation, sent once per message, retried on failure, and
 * flushed on unmount and when the page is hidden. Nothing is sent when the provider's `sendReadReceipts` is false.
 *
 * @example
 * ```tsx
 * const track = useReadReceiptTracker();
 * return messages.map((m) => <li key={m.ID} ref={track(m)}>{m.payload.text}</li>);
 * ```
 */
export function useReadReceiptTracker(
  options: ReadReceiptTrackerOptions = {},
): (message: MessageLike) => TrackRef {
  const { store, sendReadReceipts } = useReadByContext('useReadReceiptTracker');
  const {
    threshold = 0.5,
    dwellMs = 500,
    root = null,
    rootMargin = '0px',
    isPageActive = pageIsActive,
  } = options;
  const sender = store.sender;
  const [tracker] = useState(() => new VisibilityTracker(sender));
  const latest = useRef({ isPageActive, onError: options.onError });
  useEffect(() => {
    latest.current = { isPageActive, onError: options.onError };
  });

  useEffect(() => {
    if (!sendReadReceipts) return;
    tracker.start({
      threshold,
      dwellMs,
      root,
      rootMargin,
      isPageActive: () => latest.current.isPageActive(),
    });
    const offError = sender.onError((error, messages) => latest.current.onError?.(error, messages));
    return () => {
      offError();
      tracker.stop();
    };
  }, [tracker, sender, sendReadReceipts, threshold, dwellMs, root, rootMargin]);

  // One ref per message, so that re-renders do not detach and re-attach it (which would restart its dwell).
  const refs = useRef(new Map<string, { message: MessageLike; ref: TrackRef }>());
  return useCallback(
    (message: MessageLike) => {
      if (!sendReadReceipts || message.from === store.userID || !message.needReadReceipt) return noRef;
      const known = refs.current.get(message.ID);
      if (known) {
        known.message = message;
        return known.ref;
      }
      let attached: Element | null = null;
      const slot = {
        message,
        ref: (element: Element | null) => {
          if (attached) tracker.unobserve(attached);
          attached = element;
          if (element) {
            // StrictMode detaches and re-attaches every ref once: the slot must be found again afterwards, or
            // each later render would hand React a new ref, and each swap would start the dwell over.
            refs.current.set(message.ID, slot);
            tracker.observe(element, slot.message);
          } else if (refs.current.get(message.ID) === slot) {
            // An old ref let go after a newer one took its place must not remove the newer one.
            refs.current.delete(message.ID);
          }
        },
      };
      refs.current.set(message.ID, slot);
      return slot.ref;
    },
    [store, tracker, sendReadReceipts],
  );
}
