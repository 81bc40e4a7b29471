import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef } from 'react';
import { ERROR_CODE, ReadByError } from 'readby';
import { type ReadByUser, ReaderList, ReadReceiptPanel } from 'readby/react';
import { describe, expect, it, vi } from 'vitest';
import {
  createChat,
  groupScene,
  manyMembers,
  measured,
  quickRetryClient,
  readAs,
  renderBothLists,
  renderWithChat,
} from './support';

const directory: Record<string, ReadByUser> = {
  bob: { userID: 'bob', name: 'Bob Brown' },
  carol: { userID: 'carol', name: 'Carol Chen' },
  dave: { userID: 'dave' },
  erin: { userID: 'erin', name: 'Erin', avatarURL: 'https://example.test/erin.png' },
};

/** The accessible names of the rows in the DOM, in DOM order. */
function rowNames(feed: HTMLElement = screen.getByRole('feed')): string[] {
  return within(feed)
    .getAllByRole('article')
    .map((row) => document.getElementById(row.getAttribute('aria-labelledby') ?? '')?.textContent ?? '');
}

function rows(): HTMLElement[] {
  return within(screen.getByRole('feed')).getAllByRole('article');
}

describe('§3 ReaderList: rows', () => {
  it('§3 ReaderList: shows names from a synchronous resolveUser, with initials where there is no picture', async () => {
    const { chat, message } = await groupScene();
    const resolveUser = vi.fn((userID: string) => directory[userID] ?? { userID });
    renderWithChat(chat, <ReaderList message={message} filter="unread" virtualOptions={measured()} />, {
      resolveUser,
    });
    const bob = await screen.findByRole('article', { name: 'Bob Brown' });
    expect(bob.querySelector('[data-readby-part="avatar"]')).toHaveTextContent(/^BB$/);
    expect(bob.querySelector('[data-readby-part="avatar"]')).toHaveAttribute('aria-hidden', 'true');
    const carol = screen.getByRole('article', { name: 'Carol Chen' });
    expect(carol.querySelector('[data-readby-part="avatar"]')).toHaveTextContent(/^CC$/);
    // No name: the user ID stands in, and its first letter makes the avatar.
    const dave = screen.getByRole('article', { name: 'dave' });
    expect(dave.querySelector('[data-readby-part="avatar"]')).toHaveTextContent(/^D$/);
    // A picture: an image with empty alt text, since the name is beside it.
    const erin = await screen.findByRole('article', { name: 'Erin' });
    const picture = erin.querySelector('img[data-readby-part="avatar"]');
    expect(picture).toHaveAttribute('src', 'https://example.test/erin.png');
    expect(picture).toHaveAttribute('alt', '');
    expect(resolveUser).toHaveBeenCalledWith('bob');
  });

  it('§3 ReaderList: shows user IDs until an asynchronous resolveUser answers, then the names', async () => {
    const { chat, message } = await groupScene({ members: ['bob', 'carol'] });
    const answers = new Map<string, (user: ReadByUser) => void>();
    const resolveUser = (userID: string) =>
      new Promise<ReadByUser>((resolve) => {
        answers.set(userID, resolve);
      });
    renderWithChat(chat, <ReaderList message={message} filter="unread" virtualOptions={measured()} />, {
      resolveUser,
    });
    await waitFor(() => expect(rowNames()).toEqual(['bob', 'carol']));
    expect(
      screen.getByRole('article', { name: 'bob' }).querySelector('[data-readby-part="avatar"]'),
    ).toHaveTextContent(/^B$/);

    await waitFor(() => expect(answers.size).toBe(2));
    await act(async () => answers.get('bob')!({ userID: 'bob', name: 'Bob Brown' }));
    await waitFor(() => expect(rowNames()).toEqual(['Bob Brown', 'carol']));
    expect(
      screen.getByRole('article', { name: 'Bob Brown' }).querySelector('[data-readby-part="avatar"]'),
    ).toHaveTextContent(/^BB$/);
  });

  it('§3 ReaderList: a blank name from resolveUser falls back to the user ID', async () => {
    const { chat, message } = await groupScene({ members: ['bob', 'carol'] });
    // Chat profiles often carry an empty nickname rather than none.
    const resolveUser = (userID: string): ReadByUser => ({ userID, name: userID === 'bob' ? '' : '   ' });
    renderWithChat(chat, <ReaderList message={message} filter="unread" virtualOptions={measured()} />, {
      resolveUser,
    });
    await waitFor(() => expect(rowNames()).toEqual(['bob', 'carol']));
    const bob = screen.getByRole('article', { name: 'bob' });
    const carol = screen.getByRole('article', { name: 'carol' });
    // The IDs show first in any case; let the resolver's blank names land before looking again.
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(rowNames()).toEqual(['bob', 'carol']);
    expect(bob.querySelector('[data-readby-part="avatar"]')).toHaveTextContent(/^B$/);
    expect(carol.querySelector('[data-readby-part="avatar"]')).toHaveTextContent(/^C$/);
  });

  it('§3 ReaderList: lists readers in the order in which they read (R7)', async () => {
    const { server, chat, message } = await groupScene();
    readAs(server, message, 'erin', 'bob', 'dave');
    renderWithChat(chat, <ReaderList message={message} filter="read" virtualOptions={measured()} />);
    await waitFor(() => expect(rowNames()).toEqual(['erin', 'bob', 'dave']));
  });

  it('§3 ReaderList: lists non-readers in the order in which they joined, without the sender (R1, R7)', async () => {
    const { server, chat, message } = await groupScene();
    readAs(server, message, 'carol');
    renderWithChat(chat, <ReaderList message={message} filter="unread" virtualOptions={measured()} />);
    await waitFor(() => expect(rowNames()).toEqual(['bob', 'dave', 'erin']));
  });

  it('§3 ReaderList: a new reader appears in the read list and leaves the unread list', async () => {
    const { server, chat, message } = await groupScene();
    readAs(server, message, 'dave');
    renderBothLists(chat, message);
    const read = await screen.findByRole('feed', { name: 'Members who have read' });
    const unread = await screen.findByRole('feed', { name: 'Members who have not read' });
    await waitFor(() => expect(rowNames(read)).toEqual(['dave']));
    await waitFor(() => expect(rowNames(unread)).toEqual(['bob', 'carol', 'erin']));

    act(() => readAs(server, message, 'bob'));
    await waitFor(() => expect(rowNames(read)).toEqual(['dave', 'bob']));
    await waitFor(() => expect(rowNames(unread)).toEqual(['carol', 'erin']));
    expect(
      within(read)
        .getAllByRole('article')
        .map((row) => row.getAttribute('aria-setsize')),
    ).toEqual(['2', '2']);
  });
});

describe('§3 ReaderList: feed semantics', () => {
  it('§3 ReaderList: is a feed named for its filter, with aria-busy, and rows as articles with position and size', async () => {
    const { server, chat, message } = await groupScene();
    readAs(server, message, 'bob', 'carol');
    renderBothLists(chat, message);
    const read = await screen.findByRole('feed', { name: 'Members who have read' });
    const unread = await screen.findByRole('feed', { name: 'Members who have not read' });
    expect(read).toHaveAttribute('aria-busy', 'false');
    expect(unread).toHaveAttribute('aria-busy', 'false');

    const readRows = within(read).getAllByRole('article');
    expect(readRows.map((row) => row.getAttribute('aria-posinset'))).toEqual(['1', '2']);
    expect(readRows.map((row) => row.getAttribute('aria-setsize'))).toEqual(['2', '2']);
    const unreadRows = within(unread).getAllByRole('article');
    expect(unreadRows.map((row) => row.getAttribute('aria-posinset'))).toEqual(['1', '2']);
    expect(unreadRows.map((row) => row.getAttribute('aria-setsize'))).toEqual(['2', '2']);
    for (const row of [...readRows, ...unreadRows]) expect(row).toHaveAttribute('tabindex', '0');
  });

  it('§3 ReaderList: the feed is busy while the next page loads', async () => {
    const members = manyMembers(120);
    const { chat, message } = await groupScene({ members, server: { latencyMs: 5 } });
    const { container } = renderWithChat(
      chat,
      <ReaderList message={message} filter="unread" pageSize={50} virtualOptions={measured()} />,
    );
    const feed = await screen.findByRole('feed');
    expect(feed).toHaveAttribute('aria-busy', 'false');
    const list = container.querySelector<HTMLElement>('[data-readby="reader-list"]')!;
    list.scrollTop = 50 * 48 - 480;
    fireEvent.scroll(list);
    await waitFor(() => expect(feed).toHaveAttribute('aria-busy', 'true'));
    await waitFor(() => expect(feed).toHaveAttribute('aria-busy', 'false'));
    expect(rows().some((row) => Number(row.getAttribute('aria-posinset')) > 50)).toBe(true);
  });
});

describe('§3 ReaderList: virtualisation', () => {
  it('§3 ReaderList: keeps far fewer rows than members in the DOM for a group of 2,000', async () => {
    const members = manyMembers(2000);
    const { chat, message } = await groupScene({ members, server: { maxReceiptGroupSize: 5000 } });
    renderWithChat(
      chat,
      <ReaderList message={message} filter="unread" pageSize={100} virtualOptions={measured(480)} />,
    );
    await screen.findByRole('feed');
    const shown = rows();
    // 480 px of 48 px rows: ten in view, a few more either side.
    expect(shown.length).toBeGreaterThanOrEqual(10);
    expect(shown.length).toBeLessThanOrEqual(30);
    expect(shown[0]).toHaveAttribute('aria-posinset', '1');
    expect(shown[0]).toHaveAttribute('aria-setsize', '2000');
    expect(rowNames().slice(0, 3)).toEqual(['m0001', 'm0002', 'm0003']);
  });

  it('§3 ReaderList: scrolling near the end loads the next page, and the DOM stays small', async () => {
    const members = manyMembers(2000);
    const { chat, message } = await groupScene({ members, server: { maxReceiptGroupSize: 5000 } });
    const spy = vi.spyOn(chat, 'getGroupMessageReadMemberList');
    const { container } = renderWithChat(
      chat,
      <ReaderList message={message} filter="unread" pageSize={100} virtualOptions={measured(480)} />,
    );
    await screen.findByRole('feed');
    expect(spy).toHaveBeenCalledTimes(1);
    const list = container.querySelector<HTMLElement>('[data-readby="reader-list"]')!;

    // Near the top nothing more loads.
    list.scrollTop = 20 * 48;
    fireEvent.scroll(list);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(spy).toHaveBeenCalledTimes(1);

    // Near the end of the first hundred, the second hundred loads.
    list.scrollTop = 100 * 48 - 480;
    fireEvent.scroll(list);
    await waitFor(() => expect(spy).toHaveBeenCalledTimes(2));
    expect(spy.mock.calls[1]![0]).toMatchObject({ filter: 1, count: 100 });
    expect(spy.mock.calls[1]![0].cursor).not.toBe('');

    list.scrollTop = 150 * 48;
    fireEvent.scroll(list);
    await waitFor(() => expect(rowNames()).toContain('m0151'));
    const shown = rows();
    expect(shown.length).toBeLessThanOrEqual(30);
    const row = screen.getByRole('article', { name: 'm0151' });
    expect(row).toHaveAttribute('aria-posinset', '151');
    expect(row).toHaveAttribute('aria-setsize', '2000');
  });
});

describe('§3 ReaderList: where there is no layout', () => {
  it('§3 ReaderList: shows the rows its height holds when its viewport measures 0 px (jsdom), and 6 more', async () => {
    const { chat, message } = await groupScene({ members: manyMembers(100) });
    renderWithChat(chat, <ReaderList message={message} filter="unread" pageSize={100} />);
    // 320 px of 48 px rows: the 7 rows a viewport of that height shows, and the 6 kept ready for scrolling.
    await waitFor(() => expect(rowNames()).toEqual(manyMembers(13)));
  });

  it('§3 ReaderList: goes by the height and rowHeight it is given', async () => {
    const { chat, message } = await groupScene({ members: manyMembers(100) });
    renderWithChat(chat, <ReaderList message={message} filter="unread" height={200} rowHeight={40} />);
    await waitFor(() => expect(rowNames()).toEqual(manyMembers(11)));
  });

  it('§3 ReadReceiptPanel: shows the rows of the open tab without measurements', async () => {
    const { chat, message } = await groupScene({ members: ['bob', 'carol', 'dave'] });
    renderWithChat(chat, <ReadReceiptPanel message={message} defaultTab="unread" />);
    await waitFor(() => expect(rowNames()).toEqual(['bob', 'carol', 'dave']));
  });
});

describe('§3 ReaderList: states', () => {
  it('§3 ReaderList: shows "Loading members…" while the first page loads', async () => {
    const { chat, message } = await groupScene();
    const { container } = renderWithChat(chat, <ReaderList message={message} filter="unread" />);
    expect(screen.getByRole('status')).toHaveTextContent(/^Loading members…$/);
    expect(container.firstElementChild).toHaveAttribute('data-state', 'loading');
    expect(screen.queryByRole('feed')).toBeNull();
    await screen.findByRole('feed');
    expect(container.firstElementChild).toHaveAttribute('data-state', 'ready');
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('§3 ReaderList: shows "Nobody has read this yet" when the read list is empty', async () => {
    const { chat, message } = await groupScene();
    const { container } = renderWithChat(chat, <ReaderList message={message} filter="read" />);
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(/^Nobody has read this yet$/));
    expect(container.firstElementChild).toHaveAttribute('data-state', 'empty');
    expect(container.firstElementChild).toHaveAttribute('data-filter', 'read');
    expect(screen.queryByRole('feed')).toBeNull();
  });

  it('§3 ReaderList: shows "Everyone has read this" when the unread list is empty', async () => {
    const { server, chat, message, members } = await groupScene();
    readAs(server, message, ...members);
    const { container } = renderWithChat(chat, <ReaderList message={message} filter="unread" />);
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(/^Everyone has read this$/));
    expect(container.firstElementChild).toHaveAttribute('data-state', 'empty');
    expect(container.firstElementChild).toHaveAttribute('data-filter', 'unread');
  });

  it('§3 ReaderList: a disabled list asks for nothing and is idle, not empty', async () => {
    const { chat, message } = await groupScene();
    const spy = vi.spyOn(chat, 'getGroupMessageReadMemberList');
    const { container } = renderWithChat(
      chat,
      <ReaderList message={message} filter="read" enabled={false} virtualOptions={measured()} />,
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(spy).not.toHaveBeenCalled();
    expect(container.firstElementChild).toHaveAttribute('data-state', 'idle');
    // Nothing is announced: "Nobody has read this yet" would be a claim the list has not checked.
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.queryByRole('feed')).toBeNull();
  });

  it('§3 ReaderList: shows an error with "Try again" when requests time out (R12)', async () => {
    const { server, message } = await groupScene();
    const chat = createChat({ transport: server.connect('alice', { dropRate: 1 }), requestTimeoutMs: 50 });
    const { container } = renderWithChat(chat, <ReaderList message={message} filter="read" />, {
      queryClient: quickRetryClient(),
    });
    const alert = await screen.findByRole('alert', {}, { timeout: 2000 });
    expect(alert).toHaveTextContent('The members could not be loaded.');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeEnabled();
    expect(container.firstElementChild).toHaveAttribute('data-state', 'error');
    expect(screen.queryByRole('feed')).toBeNull();
  });

  it('§3 ReaderList: shows an error when the server refuses the list (R7: only the sender may ask)', async () => {
    const { server, message } = await groupScene();
    const bob = createChat({ transport: server.connect('bob') });
    renderWithChat(bob, <ReaderList message={message} filter="read" />, { queryClient: quickRetryClient() });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/^The members could not be loaded\.Try again$/);
  });

  it('§3 ReaderList: "Try again" loads the list once the network is back', async () => {
    const user = userEvent.setup();
    const { server, message } = await groupScene();
    const transport = server.connect('alice');
    const chat = createChat({ transport });
    await chat.getMessageList({ conversationID: 'GROUPteam' });
    transport.disconnect();
    const spy = vi.spyOn(chat, 'getGroupMessageReadMemberList');
    renderWithChat(chat, <ReaderList message={message} filter="unread" virtualOptions={measured()} />, {
      queryClient: quickRetryClient(),
    });
    const retry = await screen.findByRole('button', { name: 'Try again' });
    const attempts = spy.mock.calls.length;
    expect(attempts).toBeGreaterThanOrEqual(1);

    await act(() => transport.reconnect());
    await user.click(retry);
    expect(spy.mock.calls.length).toBe(attempts + 1);
    await waitFor(() => expect(rowNames()).toEqual(['bob', 'carol', 'dave', 'erin']));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('§3 ReaderList: a next page that fails', () => {
  it('§3 ReaderList: is not asked for again on every render, only after "Try again"', async () => {
    const user = userEvent.setup();
    const members = manyMembers(300);
    const { chat, message } = await groupScene({ members, server: { maxReceiptGroupSize: 5000 } });
    const offline = new ReadByError(ERROR_CODE.NETWORK_ERROR, 'network error: offline');
    const spy = vi.spyOn(chat, 'getGroupMessageReadMemberList');
    const { container } = renderWithChat(
      chat,
      <ReaderList message={message} filter="unread" pageSize={40} virtualOptions={measured(480)} />,
      { queryClient: quickRetryClient() },
    );
    await screen.findByRole('feed');
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRejectedValue(offline);

    const list = container.querySelector<HTMLElement>('[data-readby="reader-list"]')!;
    list.scrollTop = 40 * 48 - 480;
    fireEvent.scroll(list);
    const retry = await screen.findByRole('button', { name: 'Try again' });
    const attempts = spy.mock.calls.length;
    // Renders go on (a scroll, a receipt); none of them asks for the failed page again.
    list.scrollTop = 40 * 48 - 400;
    fireEvent.scroll(list);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(spy.mock.calls.length).toBe(attempts);

    spy.mockRestore();
    await user.click(retry);
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    // The page after the first 40 members loads now.
    await waitFor(() => expect(rowNames()).toContain('m0041'));
  });
});

describe('§3 ReaderList: renderItem', () => {
  it('§3 ReaderList: renders custom rows inside readby’s articles', async () => {
    const { server, chat, message } = await groupScene();
    readAs(server, message, 'carol', 'bob');
    const renderItem = vi.fn(({ userID, index }: { userID: string; index: number }) => (
      <em data-testid="custom">
        #{index + 1} {userID.toUpperCase()}
      </em>
    ));
    renderWithChat(
      chat,
      <ReaderList message={message} filter="read" renderItem={renderItem} virtualOptions={measured()} />,
    );
    await waitFor(() => expect(rowNames()).toEqual(['#1 CAROL', '#2 BOB']));
    expect(screen.getAllByTestId('custom')).toHaveLength(2);
    const carol = screen.getByRole('article', { name: '#1 CAROL' });
    expect(carol).toHaveAttribute('aria-posinset', '1');
    expect(carol).toHaveAttribute('aria-setsize', '2');
    expect(carol).toHaveAttribute('tabindex', '0');
    expect(carol.querySelector('[data-readby-part="avatar"]')).toBeNull();
    expect(renderItem).toHaveBeenCalledWith({ userID: 'carol', index: 0 });
    expect(renderItem).toHaveBeenCalledWith({ userID: 'bob', index: 1 });
  });
});

describe('§3 ReaderList: keyboard', () => {
  it('§3 ReaderList: Page Down and Page Up move focus between rows', async () => {
    const user = userEvent.setup();
    const { chat, message } = await groupScene();
    renderWithChat(chat, <ReaderList message={message} filter="unread" virtualOptions={measured()} />);
    await waitFor(() => expect(rowNames()).toEqual(['bob', 'carol', 'dave', 'erin']));
    const [bob, carol, dave, erin] = rows();

    await user.tab();
    expect(bob).toHaveFocus();
    await user.keyboard('{PageDown}');
    await waitFor(() => expect(carol).toHaveFocus());
    await user.keyboard('{PageDown}');
    await waitFor(() => expect(dave).toHaveFocus());
    await user.keyboard('{PageUp}');
    await waitFor(() => expect(carol).toHaveFocus());
    await user.keyboard('{PageUp}');
    await waitFor(() => expect(bob).toHaveFocus());
    // At either end focus stays where it is.
    await user.keyboard('{PageUp}');
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(bob).toHaveFocus();
    erin!.focus();
    await user.keyboard('{PageDown}');
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(erin).toHaveFocus();
  });

  it('§3 ReaderList: Page Down scrolls rows outside the window into view and focuses them', async () => {
    const user = userEvent.setup();
    const { chat, message } = await groupScene({ members: manyMembers(40) });
    const { container } = renderWithChat(
      chat,
      <ReaderList message={message} filter="unread" height={240} virtualOptions={measured(240)} />,
    );
    await waitFor(() => expect(rowNames()).toContain('m0001'));
    expect(rowNames()).not.toContain('m0020');
    // The layout a browser would give the scroll container, which jsdom does not compute.
    const list = container.querySelector<HTMLElement>('[data-readby="reader-list"]')!;
    Object.defineProperty(list, 'clientHeight', { value: 240 });
    Object.defineProperty(list, 'scrollHeight', { value: 40 * 48 });
    const scrollTo = vi.fn((options: ScrollToOptions) => {
      list.scrollTop = options.top ?? list.scrollTop;
      list.dispatchEvent(new Event('scroll'));
    });
    Object.defineProperty(list, 'scrollTo', { value: scrollTo });

    screen.getByRole('article', { name: 'm0001' }).focus();
    for (let position = 2; position <= 20; position++) {
      await user.keyboard('{PageDown}');
      const name = `m${String(position).padStart(4, '0')}`;
      await waitFor(() => expect(screen.getByRole('article', { name })).toHaveFocus(), { interval: 5 });
      expect(document.activeElement).toHaveAttribute('aria-posinset', String(position));
    }
    expect(scrollTo).toHaveBeenCalled();
    expect(list.scrollTop).toBeGreaterThan(0);
    expect(rowNames()).not.toContain('m0001');
  });
});

describe('§3 ReaderList: element', () => {
  it('§3 ReaderList: merges className and style, forwards its ref, and passes other props through', async () => {
    const { chat, message } = await groupScene();
    const ref = createRef<HTMLDivElement>();
    renderWithChat(
      chat,
      <ReaderList
        ref={ref}
        message={message}
        filter="unread"
        height={200}
        className="mine"
        style={{ background: 'white' }}
        data-testid="list"
      />,
    );
    const list = screen.getByTestId('list');
    expect(ref.current).toBe(list);
    expect(list.className).toBe('readby-reader-list mine');
    expect(list).toHaveAttribute('data-readby', 'reader-list');
    expect(list).toHaveStyle({ height: '200px', overflowY: 'auto', background: 'white' });
    await screen.findByRole('feed');
  });
});
