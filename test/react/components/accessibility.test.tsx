import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReadByBadge, type ReadByUser, ReaderList, ReadReceiptPanel } from 'readby/react';
import { describe, expect, it } from 'vitest';
import {
  aliceOnSecondDevice,
  createChat,
  draftText,
  expectNoAxeViolations,
  groupScene,
  manyMembers,
  measured,
  quickRetryClient,
  readAs,
  renderWithChat,
  sendText,
} from './support';

const directory: Record<string, ReadByUser> = {
  bob: { userID: 'bob', name: 'Bob Brown', avatarURL: 'https://example.test/bob.png' },
  carol: { userID: 'carol', name: 'Carol Chen' },
};
const resolveUser = (userID: string): ReadByUser => directory[userID] ?? { userID };

describe('§3 accessibility (axe): ReadByBadge', () => {
  it('§3 ReadByBadge: badges as images have no axe violations in any state', async () => {
    const { server, chat, message } = await groupScene();
    const all = await sendText(chat, 'team', 'b');
    const draft = draftText(chat, 'team', 'c');
    const peer = await sendText(chat, 'bob', 'd', 'C2C');
    readAs(server, message, 'bob', 'carol');
    readAs(server, all, 'bob', 'carol', 'dave', 'erin');
    readAs(server, peer, 'bob');
    const { chat: other, message: loaded } = await aliceOnSecondDevice(server);

    const first = renderWithChat(
      chat,
      <p>
        <ReadByBadge message={message} />
        <ReadByBadge message={message} showTotal ring />
        <ReadByBadge message={all} ring />
        <ReadByBadge message={draft} />
        <ReadByBadge message={peer} />
      </p>,
    );
    const second = renderWithChat(other, <ReadByBadge message={loaded} />);
    expect(screen.getByRole('img', { name: 'Loading read receipts' })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Sending…' })).toBeInTheDocument();
    await expectNoAxeViolations(first.container);
    await expectNoAxeViolations(second.container);

    await waitFor(() =>
      expect(screen.getByRole('img', { name: 'Read by 4 of 4 members' })).toBeInTheDocument(),
    );
    // Two badges of the message on the first device, one on the second.
    expect(screen.getAllByRole('img', { name: 'Read by 2 of 4 members' })).toHaveLength(3);
    expect(screen.getByRole('img', { name: 'Read' })).toBeInTheDocument();
    await expectNoAxeViolations(first.container);
    await expectNoAxeViolations(second.container);
  });

  it('§3 ReadByBadge: badges as buttons have no axe violations', async () => {
    const { server, chat, message } = await groupScene();
    readAs(server, message, 'bob');
    const { container } = renderWithChat(
      chat,
      <>
        <ReadByBadge message={message} onClick={() => {}} />
        <ReadByBadge message={message} showTotal ring onClick={() => {}} />
      </>,
    );
    await waitFor(() =>
      expect(screen.getAllByRole('button', { name: 'Read by 1 of 4 members' })).toHaveLength(2),
    );
    await expectNoAxeViolations(container);
  });
});

describe('§3 accessibility (axe): ReaderList', () => {
  it('§3 ReaderList: loading and ready lists have no axe violations', async () => {
    const { server, chat, message } = await groupScene();
    readAs(server, message, 'carol', 'bob');
    const { container } = renderWithChat(
      chat,
      <ReaderList message={message} filter="read" virtualOptions={measured()} />,
      { resolveUser },
    );
    expect(screen.getByRole('status')).toHaveTextContent('Loading members…');
    await expectNoAxeViolations(container);

    await screen.findByRole('article', { name: 'Bob Brown' });
    await screen.findByRole('article', { name: 'Carol Chen' });
    await expectNoAxeViolations(container);
  });

  it('§3 ReaderList: a busy list loading its next page has no axe violations', async () => {
    const { chat, message } = await groupScene({ members: manyMembers(120), server: { latencyMs: 100 } });
    const { container } = renderWithChat(
      chat,
      <ReaderList message={message} filter="unread" pageSize={50} virtualOptions={measured(480)} />,
    );
    const feed = await screen.findByRole('feed', {}, { timeout: 2000 });
    const list = container.querySelector<HTMLElement>('[data-readby="reader-list"]')!;
    list.scrollTop = 50 * 48 - 480;
    fireEvent.scroll(list);
    await waitFor(() => expect(feed).toHaveAttribute('aria-busy', 'true'));
    expect(container.querySelector('[data-readby-part="more"]')).toHaveTextContent('Loading more…');
    await expectNoAxeViolations(container);
    await waitFor(() => expect(feed).toHaveAttribute('aria-busy', 'false'));
  });

  it('§3 ReaderList: empty lists have no axe violations', async () => {
    const { chat, message } = await groupScene();
    const { container } = renderWithChat(chat, <ReaderList message={message} filter="read" />);
    await screen.findByText('Nobody has read this yet');
    await expectNoAxeViolations(container);
  });

  it('§3 ReaderList: a failed list with its "Try again" button has no axe violations', async () => {
    const { server, message } = await groupScene();
    const bob = createChat({ transport: server.connect('bob') });
    const { container } = renderWithChat(bob, <ReaderList message={message} filter="read" />, {
      queryClient: quickRetryClient(),
    });
    await screen.findByRole('button', { name: 'Try again' });
    await expectNoAxeViolations(container);
  });

  it('§3 ReaderList: custom rows have no axe violations', async () => {
    const { chat, message } = await groupScene();
    const { container } = renderWithChat(
      chat,
      <ReaderList
        message={message}
        filter="unread"
        renderItem={({ userID }) => <strong>{userID}</strong>}
        virtualOptions={measured()}
      />,
    );
    await screen.findByRole('article', { name: 'erin' });
    await expectNoAxeViolations(container);
  });
});

describe('§3 accessibility (axe): ReadReceiptPanel', () => {
  it('§3 ReadReceiptPanel: the panel has no axe violations on either tab', async () => {
    const user = userEvent.setup();
    const { server, chat, message } = await groupScene();
    readAs(server, message, 'bob');
    const { container } = renderWithChat(
      chat,
      <ReadReceiptPanel message={message} virtualOptions={measured()} />,
      { resolveUser },
    );
    await screen.findByRole('article', { name: 'Bob Brown' });
    await expectNoAxeViolations(container);

    await user.click(await screen.findByRole('tab', { name: 'Unread (3)' }));
    await screen.findByRole('article', { name: 'Carol Chen' });
    await expectNoAxeViolations(container);
  });

  it('§3 ReadReceiptPanel: the panel has no axe violations while counts and lists load', async () => {
    const { server } = await groupScene({ members: ['bob'], server: { latencyMs: 5 }, text: 'a' });
    const { chat, message: loaded } = await aliceOnSecondDevice(server);
    const { container } = renderWithChat(chat, <ReadReceiptPanel message={loaded} />);
    expect(screen.getByRole('tab', { name: 'Read (…)' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Loading members…');
    await expectNoAxeViolations(container);
    await screen.findByText('Nobody has read this yet');
  });
});
