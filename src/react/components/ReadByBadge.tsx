import { type ComponentPropsWithoutRef, forwardRef, type MouseEventHandler } from 'react';
import type { Message } from '../../core/index';
import { type ReadReceiptState, useReadReceipt } from '../hooks/useReadReceipt';
import { type Texts, useTexts } from '../i18n/useTexts';

export interface ReadByBadgeProps extends Omit<ComponentPropsWithoutRef<'span'>, 'onClick' | 'children'> {
  /**
   * The message whose receipts the badge shows. Nothing renders when it asked for none, is not yours, or its
   * counts could not be fetched (until they arrive, after a reconnect say).
   */
  message: Message;
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
export const ReadByBadge = forwardRef<HTMLElement, ReadByBadgeProps>(function ReadByBadge(
  { message, showTotal = false, ring = false, onClick, className, ...rest },
  ref,
) {
  const receipt = useReadReceipt(message);
  const t = useTexts();
  // Counts that could not be fetched are unknown, not zero: say nothing rather than "Unread".
  if (receipt.status === 'none' || (receipt.error && receipt.readCount === undefined)) return null;
  const state = receipt.isLoading ? 'loading' : receipt.status;
  const { text, label } = describeBadge(receipt, t, showTotal, message.conversationType === 'GROUP');
  const content = (
    <>
      {ring && receipt.total !== undefined && (
        <ProgressRing read={receipt.readCount ?? 0} total={receipt.total} />
      )}
      <span data-readby-part="text">{text}</span>
    </>
  );
  const shared = {
    ...rest,
    className: className ? `readby-badge ${className}` : 'readby-badge',
    'data-readby': 'badge',
    'data-state': state,
    'data-read-count': receipt.readCount,
    'data-total': receipt.total,
  };
  if (onClick) {
    return (
      <button
        {...(shared as ComponentPropsWithoutRef<'button'>)}
        ref={ref as React.Ref<HTMLButtonElement>}
        type="button"
        aria-label={label}
        aria-busy={receipt.isLoading || undefined}
        onClick={onClick}
      >
        {content}
      </button>
    );
  }
  return (
    <span
      {...shared}
      ref={ref as React.Ref<HTMLSpanElement>}
      role="img"
      aria-label={label}
      aria-busy={receipt.isLoading || undefined}
    >
      {content}
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
  const read = receipt.readCount ?? 0;
  const total = receipt.total ?? 0;
  const values = t.values(read, total);
  const label = t.groupLabel(values);
  if (receipt.status === 'unread') return { text: t.unread, label };
  if (receipt.status === 'allRead') return { text: t.readByAll, label };
  return { text: showTotal ? t.readByOf(values) : t.readBy(values), label };
}

function ProgressRing({ read, total }: { read: number; total: number }) {
  const radius = 7;
  const circumference = 2 * Math.PI * radius;
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
      <circle data-readby-part="ring-track" cx="9" cy="9" r={radius} fill="none" />
      <circle
        data-readby-part="ring-fill"
        cx="9"
        cy="9"
        r={radius}
        fill="none"
        stroke="currentColor"
        strokeWidth={2}
        strokeDasharray={circumference}
        strokeDashoffset={circumference * (1 - share)}
        transform="rotate(-90 9 9)"
      />
    </svg>
  );
}
