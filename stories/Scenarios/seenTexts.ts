import type { CountValues, ReadByTexts } from 'readby/react';

/**
 * Texts of your own, laid over English: "Seen by" instead of "Read by". Anything left out stays English.
 *
 * @example
 * ```tsx
 * <ReadByProvider chat={chat} locale={seenTexts}>…</ReadByProvider>
 * ```
 */
export const seenTexts = {
  base: 'en',
  unread: 'Not seen yet',
  read: 'Seen',
  readBy: ({ count }: CountValues) => `Seen by ${count}`,
  readByOf: ({ count, total }: CountValues) => `Seen by ${count} of ${total}`,
  readByAll: 'Seen by everyone',
  groupLabel: ({ count, total, t }: CountValues) =>
    `Seen by ${count} of ${total} ${t === 1 ? 'member' : 'members'}`,
  peerLabel: (isRead: boolean) => (isRead ? 'Seen' : 'Not seen yet'),
  readTab: ({ count }: CountValues) => `Seen (${count})`,
  unreadTab: ({ count }: CountValues) => `Not yet (${count})`,
} satisfies Partial<ReadByTexts> & { base: string };
