import { type ComponentPropsWithoutRef, forwardRef, type MouseEventHandler } from 'react';
import type { MessageLike } from '../../core/index';
import { type ReadReceiptState, useReadReceipt } from '../hooks/useReadReceipt';
import { type Texts, useTexts } from '../i18n/useTexts';

export interface ReadByBadgeProps extends Omit<ComponentPropsWithoutRef<'span'>, 'onClick' | 'children'> {
  /**
   * The message whose receipts the badge shows. Nothing renders when it asked for none, is not yours, or its
   * counts could not be fetched (until they arrive, after a reconnect say). Any snapshot of it will do, the draft
   * from `createTextMessage` included: the badge follows the send to "Unread" and on.
   */
  message: MessageLike;
  /** "Read by 3 of 8" instead of "Read by 3". */
  showTotal?: boolean;
  /** Draws a progress ring of the share who have read. */
  ring?: boolean;
  /** Makes the badge a button, to open the details (a `ReadReceiptPanel`, say). */
  onClick?: MouseEventHandler<HTMLButtonElement>;
}

/**
 * "Read by 3", "Read by 3 of 8", "Read by all", "Unread" for groups; "Read" / "Unread" one-to-one; nothing when
 * no receipt was asked. Live: it re-renders when this message's receipts change, and for nothing else.
 *
 * @example
 * ```tsx
 * <ReadByBadge message={message} showTotal ring onClick={() => setOpen(message)} />
 * ```
 */
export const ReadByBadge = /*#__PURE__*/ forwardRef<HTMLElement, ReadByBadgeProps>(function ReadByBadge(
  { message, showTotal = false, ring = false, onClick, className, 'aria-label': ownLabel, ...rest },
  ref,
) {
  const receipt = useReadReceipt(message);
  const t = useTexts();
  // Counts that could not be fetched are unknown, not zero: say nothing rather than "Unread".
  if (receipt.status === 'none' || (receipt.error && receipt.readCount === undefined)) return null;
  const state = receipt.isLoading ? 'loading' : receipt.status;
  const described = describeBadge(receipt, t, showTotal, message.conversationType === 'GROUP');
  const text = described.text;
  // An app's own name for the badge wins over readby's.
  const label = ownLabel ?? described.label;
  const props = {
    ...rest,
    className: className ? `readby-badge ${className}` : 'readby-badge',
    'data-readby': 'badge',
    'data-state': state,
    'data-read-count': receipt.readCount,
    'data-total': receipt.total,
    'aria-label': label,
    'aria-busy': receipt.isLoading || undefined,
  };
  // Elements, not components of their own: a burst re-renders many badges, and each component costs a render.
  const ringShown =
    ring && receipt.total !== undefined ? progressRing(receipt.readCount ?? 0, receipt.total) : null;
  const textShown = <span data-readby-part="text">{text}</span>;
  // A button when it opens something; otherwise an image whose name is the label.
  return onClick ? (
    <button
      {...(props as ComponentPropsWithoutRef<'button'>)}
      ref={ref as React.Ref<HTMLButtonElement>}
      type="button"
      // A button's name starts with what it shows (WCAG 2.5.3), so "Read by all" is said and can be spoken to.
      aria-label={ownLabel || state === 'loading' || label.includes(text) ? label : `${text} (${label})`}
      onClick={onClick}
    >
      {ringShown}
      {textShown}
    </button>
  ) : (
    <span {...props} ref={ref as React.Ref<HTMLSpanElement>} role="img">
      {ringShown}
      {textShown}
    </span>
  );
});

/** The visible text and the accessible name of a badge. */
export function describeBadge(
  receipt: ReadReceiptState,
  t: Texts,
  showTotal: boolean,
  isGroup: boolean,
): { text: string; label: string } {
  if (receipt.status === 'sending') return { text: t.sending, label: t.sending };
  if (receipt.isLoading) return { text: '…', label: t.loading };
  if (!isGroup) {
    const isRead = receipt.status === 'read';
    return { text: isRead ? t.read : t.unread, label: t.peerLabel(isRead) };
  }
  const values = t.values(receipt.readCount ?? 0, receipt.total ?? 0);
  const label = t.groupLabel(values);
  if (receipt.status === 'unread') return { text: t.unread, label };
  if (receipt.status === 'allRead') return { text: t.readByAll, label };
  return { text: showTotal ? t.readByOf(values) : t.readBy(values), label };
}

/** What the ring's track and fill share: a circle of radius 7 in the middle of an 18 × 18 box. */
const RADIUS = 7;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;
const circle = { cx: '9', cy: '9', r: RADIUS, fill: 'none' };
/** The track never changes: one element for every ring, which React then has nothing to compare in. */
const TRACK = <circle data-readby-part="ring-track" {...circle} />;

/** The progress ring: the share who have read, drawn as an arc. */
function progressRing(read: number, total: number) {
  const share = total === 0 ? 0 : read / total;
  return (
    // A size of its own, so that without the stylesheet the ring stays text-sized instead of the SVG default.
    <svg
      data-readby-part="ring"
      viewBox="0 0 18 18"
      width="1em"
      height="1em"
      aria-hidden="true"
      focusable="false"
    >
      {TRACK}
      <circle
        data-readby-part="ring-fill"
        {...circle}
        stroke="currentColor"
        strokeWidth={2}
        strokeDasharray={CIRCUMFERENCE}
        strokeDashoffset={CIRCUMFERENCE * (1 - share)}
        transform="rotate(-90 9 9)"
      />
    </svg>
  );
}
