/** Values a text may use: numbers already formatted for the locale, and the raw numbers for plural rules. */
export interface CountValues {
  /** The count, formatted (`1,234`). */
  count: string;
  /** The count as a number, for plurals. */
  n: number;
  /** The total, formatted, where there is one. */
  total: string;
  /** The total as a number. */
  t: number;
}

/**
 * Every text readby renders. Override any of them through the provider's `locale`:
 * `locale={{ base: 'en', readByAll: 'Seen by everyone' }}`.
 */
export interface ReadByTexts {
  /** Badge while the message is being sent. */
  sending: string;
  /** Badge while the counts load; also its accessible name. */
  loading: string;
  /** Badge when nobody has read the message. */
  unread: string;
  /** One-to-one badge when the peer has read the message. */
  read: string;
  /** "Read by 3". */
  readBy: (values: CountValues) => string;
  /** "Read by 3 of 8". */
  readByOf: (values: CountValues) => string;
  /** "Read by all". */
  readByAll: string;
  /** Accessible name of a group badge: "Read by 3 of 8 members". */
  groupLabel: (values: CountValues) => string;
  /** Accessible name of a one-to-one badge. */
  peerLabel: (isRead: boolean) => string;
  /** The tab of readers: "Read (3)". */
  readTab: (values: CountValues) => string;
  /** The tab of non-readers: "Unread (5)". */
  unreadTab: (values: CountValues) => string;
  /** Name of the tab list. */
  panelLabel: string;
  /** Name of the list of readers. */
  readListLabel: string;
  /** Name of the list of non-readers. */
  unreadListLabel: string;
  /** The readers list is empty. */
  emptyRead: string;
  /** The non-readers list is empty. */
  emptyUnread: string;
  /** Loading a list. */
  loadingList: string;
  /** Loading more rows at the end of a list. */
  loadingMore: string;
  /** A list failed to load. */
  loadError: string;
  /** The button that tries again. */
  retry: string;
}

export const en: ReadByTexts = {
  sending: 'Sending…',
  loading: 'Loading read receipts',
  unread: 'Unread',
  read: 'Read',
  readBy: ({ count }) => `Read by ${count}`,
  readByOf: ({ count, total }) => `Read by ${count} of ${total}`,
  readByAll: 'Read by all',
  // English has one plural form besides the singular, and a total is a whole number: 1 is the one singular.
  groupLabel: ({ count, total, t }) => `Read by ${count} of ${total} ${t === 1 ? 'member' : 'members'}`,
  peerLabel: (isRead) => (isRead ? 'Read' : 'Unread'),
  readTab: ({ count }) => `Read (${count})`,
  unreadTab: ({ count }) => `Unread (${count})`,
  panelLabel: 'Read receipts',
  readListLabel: 'Members who have read',
  unreadListLabel: 'Members who have not read',
  emptyRead: 'Nobody has read this yet',
  emptyUnread: 'Everyone has read this',
  loadingList: 'Loading members…',
  loadingMore: 'Loading more…',
  loadError: 'The members could not be loaded.',
  retry: 'Try again',
};

export const ja: ReadByTexts = {
  sending: '送信中…',
  loading: '既読情報を読み込み中',
  unread: '未読',
  read: '既読',
  readBy: ({ count }) => `既読 ${count}`,
  readByOf: ({ count, total }) => `既読 ${count}/${total}`,
  readByAll: '全員既読',
  groupLabel: ({ count, total }) => `${total}人中${count}人が既読`,
  peerLabel: (isRead) => (isRead ? '既読' : '未読'),
  readTab: ({ count }) => `既読 (${count})`,
  unreadTab: ({ count }) => `未読 (${count})`,
  panelLabel: '既読情報',
  readListLabel: '既読のメンバー',
  unreadListLabel: '未読のメンバー',
  emptyRead: 'まだ誰も読んでいません',
  emptyUnread: '全員が読みました',
  loadingList: 'メンバーを読み込み中…',
  loadingMore: 'さらに読み込み中…',
  loadError: 'メンバーを読み込めませんでした。',
  retry: '再試行',
};

export const zh: ReadByTexts = {
  sending: '发送中…',
  loading: '正在加载已读回执',
  unread: '未读',
  read: '已读',
  readBy: ({ count }) => `${count}人已读`,
  readByOf: ({ count, total }) => `${count}/${total}人已读`,
  readByAll: '全部已读',
  groupLabel: ({ count, total }) => `${total}位成员中${count}位已读`,
  peerLabel: (isRead) => (isRead ? '已读' : '未读'),
  readTab: ({ count }) => `已读 (${count})`,
  unreadTab: ({ count }) => `未读 (${count})`,
  panelLabel: '已读回执',
  readListLabel: '已读成员',
  unreadListLabel: '未读成员',
  emptyRead: '还没有人读过',
  emptyUnread: '所有人都已读',
  loadingList: '正在加载成员…',
  loadingMore: '正在加载更多…',
  loadError: '无法加载成员。',
  retry: '重试',
};

/** The built-in locales. */
export const locales: Readonly<Record<string, ReadByTexts>> = { en, ja, zh };
