import { render, screen, waitFor, within } from '@testing-library/react';
import { ReadByBadge, type ReadByLocale, ReadByProvider, ReaderList, ReadReceiptPanel } from 'readby/react';
import { describe, expect, it } from 'vitest';
import {
  aliceOnSecondDevice,
  createChat,
  draftText,
  groupScene,
  manyMembers,
  measured,
  quickRetryClient,
  readAs,
  renderWithChat,
  sendText,
} from './support';

const FIVE = ['bob', 'carol', 'dave', 'erin', 'frank'];

/** Every text as the locale must render it, for a group of five recipients of whom two have read. */
interface Expected {
  readBy2: string;
  readBy2of5: string;
  label2of5: string;
  readByAll: string;
  label5of5: string;
  unread: string;
  read: string;
  sending: string;
  loading: string;
  readTab: string;
  unreadTab: string;
  panelLabel: string;
  readListLabel: string;
  unreadListLabel: string;
  emptyRead: string;
  emptyUnread: string;
  loadingList: string;
  loadError: string;
  retry: string;
}

const table: Array<[string, Expected]> = [
  [
    'en',
    {
      readBy2: 'Read by 2',
      readBy2of5: 'Read by 2 of 5',
      label2of5: 'Read by 2 of 5 members',
      readByAll: 'Read by all',
      label5of5: 'Read by 5 of 5 members',
      unread: 'Unread',
      read: 'Read',
      sending: 'Sending…',
      loading: 'Loading read receipts',
      readTab: 'Read (2)',
      unreadTab: 'Unread (3)',
      panelLabel: 'Read receipts',
      readListLabel: 'Members who have read',
      unreadListLabel: 'Members who have not read',
      emptyRead: 'Nobody has read this yet',
      emptyUnread: 'Everyone has read this',
      loadingList: 'Loading members…',
      loadError: 'The members could not be loaded.',
      retry: 'Try again',
    },
  ],
  [
    'ja',
    {
      readBy2: '既読 2',
      readBy2of5: '既読 2/5',
      label2of5: '5人中2人が既読',
      readByAll: '全員既読',
      label5of5: '5人中5人が既読',
      unread: '未読',
      read: '既読',
      sending: '送信中…',
      loading: '既読情報を読み込み中',
      readTab: '既読 (2)',
      unreadTab: '未読 (3)',
      panelLabel: '既読情報',
      readListLabel: '既読のメンバー',
      unreadListLabel: '未読のメンバー',
      emptyRead: 'まだ誰も読んでいません',
      emptyUnread: '全員が読みました',
      loadingList: 'メンバーを読み込み中…',
      loadError: 'メンバーを読み込めませんでした。',
      retry: '再試行',
    },
  ],
  [
    'zh',
    {
      readBy2: '2人已读',
      readBy2of5: '2/5人已读',
      label2of5: '5位成员中2位已读',
      readByAll: '全部已读',
      label5of5: '5位成员中5位已读',
      unread: '未读',
      read: '已读',
      sending: '发送中…',
      loading: '正在加载已读回执',
      readTab: '已读 (2)',
      unreadTab: '未读 (3)',
      panelLabel: '已读回执',
      readListLabel: '已读成员',
      unreadListLabel: '未读成员',
      emptyRead: '还没有人读过',
      emptyUnread: '所有人都已读',
      loadingList: '正在加载成员…',
      loadError: '无法加载成员。',
      retry: '重试',
    },
  ],
];

describe.each(table)('§3 texts in %s', (locale, expected) => {
  it(`§3 texts (${locale}): group badges read "${expected.readBy2}", "${expected.readBy2of5}" and "${expected.readByAll}"`, async () => {
    const { server, chat, message } = await groupScene({ members: FIVE });
    const allRead = await sendText(chat, 'team', 'again');
    readAs(server, message, 'bob', 'carol');
    readAs(server, allRead, ...FIVE);
    renderWithChat(
      chat,
      <>
        <ReadByBadge message={message} data-testid="short" />
        <ReadByBadge message={message} showTotal data-testid="total" />
        <ReadByBadge message={allRead} onClick={() => {}} />
      </>,
      { locale },
    );
    await waitFor(() => expect(screen.getByTestId('short')).toHaveTextContent(expected.readBy2));
    expect(screen.getByTestId('short')).toHaveTextContent(new RegExp(`^${expected.readBy2}$`));
    expect(screen.getByTestId('short')).toHaveAccessibleName(expected.label2of5);
    expect(screen.getByTestId('total')).toHaveTextContent(new RegExp(`^${expected.readBy2of5}$`));
    // A button's name starts with what it shows (WCAG 2.5.3).
    const button = await screen.findByRole('button', {
      name: `${expected.readByAll} (${expected.label5of5})`,
    });
    expect(button).toHaveTextContent(new RegExp(`^${expected.readByAll}$`));
  });

  it(`§3 texts (${locale}): "${expected.unread}", "${expected.read}" and "${expected.sending}"`, async () => {
    const { server, chat, message: toGroup } = await groupScene({ members: ['bob'], text: 'a' });
    const toBob = await sendText(chat, 'bob', 'b', 'C2C');
    const draft = draftText(chat, 'bob', 'c', 'C2C');
    readAs(server, toBob, 'bob');
    renderWithChat(
      chat,
      <>
        <ReadByBadge message={toGroup} data-testid="group" />
        <ReadByBadge message={toBob} data-testid="peer" />
        <ReadByBadge message={draft} data-testid="draft" />
      </>,
      { locale },
    );
    expect(screen.getByTestId('group')).toHaveTextContent(new RegExp(`^${expected.unread}$`));
    await waitFor(() =>
      expect(screen.getByTestId('peer')).toHaveTextContent(new RegExp(`^${expected.read}$`)),
    );
    expect(screen.getByTestId('peer')).toHaveAccessibleName(expected.read);
    expect(screen.getByTestId('draft')).toHaveTextContent(new RegExp(`^${expected.sending}$`));
    expect(screen.getByTestId('draft')).toHaveAccessibleName(expected.sending);
  });

  it(`§3 texts (${locale}): the loading badge is named "${expected.loading}"`, async () => {
    const { server } = await groupScene({ members: FIVE });
    const { chat: other, message: loaded } = await aliceOnSecondDevice(server);
    renderWithChat(other, <ReadByBadge message={loaded} />, { locale });
    expect(screen.getByRole('img', { name: expected.loading })).toHaveAttribute('data-state', 'loading');
    await waitFor(() =>
      expect(screen.getByRole('img')).toHaveTextContent(new RegExp(`^${expected.unread}$`)),
    );
  });

  it(`§3 texts (${locale}): the panel reads "${expected.readTab}" and "${expected.unreadTab}"`, async () => {
    const { server, chat, message } = await groupScene({ members: FIVE });
    readAs(server, message, 'bob', 'carol');
    renderWithChat(chat, <ReadReceiptPanel message={message} virtualOptions={measured()} />, { locale });
    const tablist = screen.getByRole('tablist', { name: expected.panelLabel });
    await waitFor(() =>
      expect(
        within(tablist)
          .getAllByRole('tab')
          .map((tab) => tab.textContent),
      ).toEqual([expected.readTab, expected.unreadTab]),
    );
    expect(await screen.findByRole('feed', { name: expected.readListLabel })).toBeInTheDocument();
  });

  it(`§3 texts (${locale}): list states read "${expected.loadingList}", "${expected.emptyRead}", "${expected.emptyUnread}"`, async () => {
    const { server, chat, message } = await groupScene({ members: ['bob'] });
    const { unmount } = renderWithChat(
      chat,
      <>
        <ReaderList message={message} filter="read" data-testid="read" />
        <ReaderList message={message} filter="unread" data-testid="unread" virtualOptions={measured()} />
      </>,
      { locale },
    );
    expect(within(screen.getByTestId('read')).getByRole('status')).toHaveTextContent(
      new RegExp(`^${expected.loadingList}$`),
    );
    await waitFor(() =>
      expect(within(screen.getByTestId('read')).getByRole('status')).toHaveTextContent(
        new RegExp(`^${expected.emptyRead}$`),
      ),
    );
    expect(await screen.findByRole('feed', { name: expected.unreadListLabel })).toBeInTheDocument();
    unmount();

    readAs(server, message, 'bob');
    renderWithChat(chat, <ReaderList message={message} filter="unread" />, { locale });
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent(new RegExp(`^${expected.emptyUnread}$`)),
    );
  });

  it(`§3 texts (${locale}): a failed list reads "${expected.loadError}" with "${expected.retry}"`, async () => {
    const { server, message } = await groupScene();
    const bob = createChat({ transport: server.connect('bob') });
    renderWithChat(bob, <ReaderList message={message} filter="read" />, {
      locale,
      queryClient: quickRetryClient(),
    });
    const alert = await screen.findByRole('alert');
    expect(alert.querySelector('p')).toHaveTextContent(new RegExp(`^${expected.loadError}$`));
    expect(within(alert).getByRole('button', { name: expected.retry })).toBeInTheDocument();
  });
});

describe('§3 texts: English plurals', () => {
  it('§3 texts: one recipient is "member", any other number "members"', async () => {
    const one = await groupScene({ members: ['bob'] });
    const two = await groupScene({ members: ['bob', 'carol'] });
    readAs(two.server, two.message, 'bob');
    renderWithChat(one.chat, <ReadByBadge message={one.message} data-testid="one" />);
    renderWithChat(two.chat, <ReadByBadge message={two.message} data-testid="two" />);
    expect(screen.getByTestId('one')).toHaveAccessibleName('Read by 0 of 1 member');
    await waitFor(() => expect(screen.getByTestId('two')).toHaveAccessibleName('Read by 1 of 2 members'));

    readAs(one.server, one.message, 'bob');
    await waitFor(() => expect(screen.getByTestId('one')).toHaveAccessibleName('Read by 1 of 1 member'));
    expect(screen.getByTestId('one')).toHaveTextContent(/^Read by all$/);
  });
});

describe('§3 texts: numbers are formatted with Intl', () => {
  it('§3 texts: 1,234 readers of 1,300 read "Read by 1,234 of 1,300" and "Read (1,234)"', async () => {
    const members = manyMembers(1300);
    const { server, chat, message } = await groupScene({ members, server: { maxReceiptGroupSize: 5000 } });
    readAs(server, message, ...members.slice(0, 1234));
    renderWithChat(
      chat,
      <>
        <ReadByBadge message={message} showTotal />
        <ReadReceiptPanel message={message} virtualOptions={measured()} />
      </>,
    );
    const badge = await screen.findByRole('img', { name: 'Read by 1,234 of 1,300 members' });
    expect(badge).toHaveTextContent(/^Read by 1,234 of 1,300$/);
    expect(screen.getByRole('tab', { name: 'Read (1,234)' })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Unread (66)' })).toBeInTheDocument();
    expect(await screen.findByRole('feed')).toBeInTheDocument();
    expect(screen.getAllByRole('article')[0]).toHaveAttribute('aria-setsize', '1234');
  });

  it('§3 texts: Japanese and Chinese badges format 1,234 the same way Intl does for them', async () => {
    const members = manyMembers(1300);
    const { server, chat, message } = await groupScene({ members, server: { maxReceiptGroupSize: 5000 } });
    readAs(server, message, ...members.slice(0, 1234));
    const ja = new Intl.NumberFormat('ja').format(1234);
    const zh = new Intl.NumberFormat('zh').format(1234);
    renderWithChat(chat, <ReadByBadge message={message} showTotal data-testid="ja" />, { locale: 'ja' });
    renderWithChat(chat, <ReadByBadge message={message} showTotal data-testid="zh" />, { locale: 'zh' });
    await waitFor(() => expect(screen.getByTestId('ja')).toHaveTextContent(new RegExp(`^既読 ${ja}/1,300$`)));
    expect(ja).toBe('1,234');
    expect(screen.getByTestId('ja')).toHaveAccessibleName(`1,300人中${ja}人が既読`);
    expect(screen.getByTestId('zh')).toHaveTextContent(new RegExp(`^${zh}/1,300人已读$`));
    expect(screen.getByTestId('zh')).toHaveAccessibleName(`1,300位成员中${zh}位已读`);
  });
});

describe('§3 texts: custom locales', () => {
  it('§3 texts: an override object replaces its keys and keeps the rest of its base locale', async () => {
    const { server, chat, message, members } = await groupScene({ members: FIVE });
    const other = await sendText(chat, 'team', 'x');
    readAs(server, message, ...members);
    const locale: ReadByLocale = { base: 'ja', readByAll: 'みんな読みました' };
    renderWithChat(
      chat,
      <>
        <ReadByBadge message={message} data-testid="all" />
        <ReadByBadge message={other} data-testid="none" />
      </>,
      { locale },
    );
    await waitFor(() => expect(screen.getByTestId('all')).toHaveTextContent(/^みんな読みました$/));
    expect(screen.getByTestId('all')).toHaveAccessibleName('5人中5人が既読');
    expect(screen.getByTestId('none')).toHaveTextContent(/^未読$/);
  });

  it('§3 texts: an override without a base lays functions over English', async () => {
    const { server, chat, message } = await groupScene({ members: FIVE });
    readAs(server, message, 'bob', 'carol');
    const locale: ReadByLocale = {
      readBy: ({ count }: { count: string }) => `Seen by ${count}`,
      readTab: ({ count }: { count: string }) => `Seen ${count}`,
    };
    renderWithChat(
      chat,
      <>
        <ReadByBadge message={message} />
        <ReadReceiptPanel message={message} virtualOptions={measured()} />
      </>,
      { locale },
    );
    await waitFor(() => expect(screen.getByRole('img')).toHaveTextContent(/^Seen by 2$/));
    expect(screen.getByRole('img')).toHaveAccessibleName('Read by 2 of 5 members');
    expect(screen.getByRole('tab', { name: 'Seen 2' })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Unread (3)' })).toBeInTheDocument();
  });

  it('§3 texts: a regional tag uses its language, "ja-JP" Japanese and "zh-CN" Chinese', async () => {
    const { chat, message } = await groupScene({ members: FIVE });
    renderWithChat(chat, <ReadByBadge message={message} data-testid="ja" />, { locale: 'ja-JP' });
    renderWithChat(chat, <ReadByBadge message={message} data-testid="zh" />, { locale: 'zh-CN' });
    expect(screen.getByTestId('ja')).toHaveTextContent(/^未読$/);
    expect(screen.getByTestId('ja')).toHaveAccessibleName('5人中0人が既読');
    expect(screen.getByTestId('zh')).toHaveTextContent(/^未读$/);
    expect(screen.getByTestId('zh')).toHaveAccessibleName('5位成员中0位已读');
  });

  it('§3 texts: changing the provider’s locale re-renders the texts', async () => {
    const { server, chat, message } = await groupScene({ members: FIVE });
    readAs(server, message, 'bob');
    const { rerender } = render(
      <ReadByProvider chat={chat} locale="en">
        <ReadByBadge message={message} showTotal />
      </ReadByProvider>,
    );
    await waitFor(() => expect(screen.getByRole('img')).toHaveTextContent(/^Read by 1 of 5$/));
    rerender(
      <ReadByProvider chat={chat} locale="zh">
        <ReadByBadge message={message} showTotal />
      </ReadByProvider>,
    );
    expect(screen.getByRole('img')).toHaveTextContent(/^1\/5人已读$/);
    expect(screen.getByRole('img')).toHaveAccessibleName('5位成员中1位已读');
  });

  it('§3 texts: an unknown locale falls back to English', async () => {
    const { chat, message } = await groupScene({ members: FIVE });
    renderWithChat(chat, <ReadByBadge message={message} showTotal />, { locale: 'xx' });
    expect(screen.getByRole('img', { name: 'Read by 0 of 5 members' })).toHaveTextContent(/^Unread$/);
  });
});
