import { useEffect, useState } from 'react';
import { type Chat, EVENT, type Message, type ReceiptItem } from '../../src/core/index';

interface Counts {
  read: number;
  unread: number;
}

const format = new Intl.NumberFormat('en');
const RADIUS = 7;
const circle = { cx: '9', cy: '9', r: RADIUS, fill: 'none' };

/**
 * A badge as an app writes it without readby: it fetches its own message's counts when it mounts and listens to
 * every receipt event with a listener and state of its own. The markup, texts and stylesheet are readby's, so that
 * both draw the same thing.
 *
 * @example
 * ```tsx
 * <NaiveBadge chat={chat} message={message} />
 * ```
 */
export function NaiveBadge({ chat, message }: { chat: Chat; message: Message }) {
  const [counts, setCounts] = useState<Counts | null>(null);
  useEffect(() => {
    let mounted = true;
    chat.getMessageReadReceiptList([message]).then(({ data }) => {
      const info = data.messageList[0]?.readReceiptInfo;
      if (mounted && info?.readCount !== undefined && info.unreadCount !== undefined)
        setCounts({ read: info.readCount, unread: info.unreadCount });
    });
    const onReceipts = ({ data }: { data: ReceiptItem[] }) => {
      for (const item of data) {
        if (item.messageID === message.ID && 'readCount' in item)
          setCounts({ read: item.readCount, unread: item.unreadCount });
      }
    };
    chat.on(EVENT.MESSAGE_READ_RECEIPT_RECEIVED, onReceipts);
    return () => {
      mounted = false;
      chat.off(EVENT.MESSAGE_READ_RECEIPT_RECEIVED, onReceipts);
    };
  }, [chat, message]);

  if (!counts) {
    return (
      <span className="readby-badge" data-readby="badge" data-state="loading" aria-busy role="img">
        <span data-readby-part="text">…</span>
      </span>
    );
  }
  const total = counts.read + counts.unread;
  const state = counts.read === 0 ? 'unread' : counts.unread === 0 ? 'allRead' : 'partial';
  const text =
    state === 'unread'
      ? 'Unread'
      : state === 'allRead'
        ? 'Read by all'
        : `Read by ${format.format(counts.read)} of ${format.format(total)}`;
  const circumference = 2 * Math.PI * RADIUS;
  return (
    <span
      className="readby-badge"
      data-readby="badge"
      data-state={state}
      data-read-count={counts.read}
      data-total={total}
      aria-label={`Read by ${format.format(counts.read)} of ${format.format(total)} members`}
      role="img"
    >
      <svg data-readby-part="ring" viewBox="0 0 18 18" width="1em" height="1em" aria-hidden="true">
        <circle data-readby-part="ring-track" {...circle} />
        <circle
          data-readby-part="ring-fill"
          {...circle}
          stroke="currentColor"
          strokeWidth={2}
          strokeDasharray={circumference}
          strokeDashoffset={circumference * (1 - (total === 0 ? 0 : counts.read / total))}
          transform="rotate(-90 9 9)"
        />
      </svg>
      <span data-readby-part="text">{text}</span>
    </span>
  );
}
