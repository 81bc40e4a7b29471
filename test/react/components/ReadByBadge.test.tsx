import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef } from 'react';
import { createMockServer } from 'readby/mock';
import { ReadByBadge } from 'readby/react';
import { describe, expect, it, vi } from 'vitest';
import {
  aliceInTeam,
  aliceOnSecondDevice,
  createChat,
  draftText,
  groupScene,
  readAs,
  renderWithChat,
  sendText,
} from './support';

const FIVE = ['bob', 'carol', 'dave', 'erin', 'frank'];

/** A one-to-one message from alice to bob with receipts, as sent. */
async function peerScene() {
  const server = createMockServer();
  const chat = createChat({ transport: server.connect('alice') });
  const message = await sendText(chat, 'bob', 'Are you coming?', 'C2C');
  return { server, chat, message };
}

describe('§3 ReadByBadge: group messages', () => {
  it('§3 ReadByBadge: shows "Unread" when no recipient has read the message', async () => {
    const { chat, message } = await groupScene({ members: FIVE });
    renderWithChat(chat, <ReadByBadge message={message} />);
    const badge = screen.getByRole('img', { name: 'Read by 0 of 5 members' });
    expect(badge).toHaveTextContent(/^Unread$/);
    expect(badge).toHaveAttribute('data-state', 'unread');
    expect(badge).toHaveAttribute('data-readby', 'badge');
    expect(badge).toHaveAttribute('data-read-count', '0');
    expect(badge).toHaveAttribute('data-total', '5');
  });

  it('§3 ReadByBadge: shows "Read by 2" when two of five recipients have read it', async () => {
    const { server, chat, message } = await groupScene({ members: FIVE });
    readAs(server, message, 'bob', 'carol');
    renderWithChat(chat, <ReadByBadge message={message} />);
    const badge = await screen.findByRole('img', { name: 'Read by 2 of 5 members' });
    expect(badge).toHaveTextContent(/^Read by 2$/);
    expect(badge).toHaveAttribute('data-state', 'partial');
    expect(badge).toHaveAttribute('data-read-count', '2');
    expect(badge).toHaveAttribute('data-total', '5');
  });

  it('§3 ReadByBadge: shows "Read by 2 of 5" with showTotal', async () => {
    const { server, chat, message } = await groupScene({ members: FIVE });
    readAs(server, message, 'bob', 'carol');
    renderWithChat(chat, <ReadByBadge message={message} showTotal />);
    expect(await screen.findByRole('img', { name: 'Read by 2 of 5 members' })).toHaveTextContent(
      /^Read by 2 of 5$/,
    );
  });

  it('§3 ReadByBadge: shows "Read by all" once every recipient has read it', async () => {
    const { server, chat, message } = await groupScene({ members: FIVE });
    readAs(server, message, ...FIVE);
    renderWithChat(chat, <ReadByBadge message={message} showTotal />);
    const badge = await screen.findByRole('img', { name: 'Read by 5 of 5 members' });
    expect(badge).toHaveTextContent(/^Read by all$/);
    expect(badge).toHaveAttribute('data-state', 'allRead');
  });

  it('§3 ReadByBadge: updates live as members’ receipts arrive', async () => {
    const { server, chat, message } = await groupScene({ members: FIVE });
    renderWithChat(chat, <ReadByBadge message={message} showTotal />);
    expect(screen.getByRole('img')).toHaveTextContent(/^Unread$/);

    act(() => readAs(server, message, 'dave'));
    await waitFor(() => expect(screen.getByRole('img')).toHaveTextContent(/^Read by 1 of 5$/));
    expect(screen.getByRole('img')).toHaveAccessibleName('Read by 1 of 5 members');

    act(() => readAs(server, message, 'bob', 'carol', 'erin', 'frank'));
    await waitFor(() => expect(screen.getByRole('img')).toHaveTextContent(/^Read by all$/));
    expect(screen.getByRole('img')).toHaveAttribute('data-state', 'allRead');
  });

  it('§3 ReadByBadge: shows "Sending…" until the send completes, then the counts', async () => {
    const { chat } = aliceInTeam(['bob', 'carol']);
    const draft = draftText(chat, 'team', 'Hi');
    const { rerender } = renderWithChat(chat, <ReadByBadge message={draft} ring />);
    const badge = screen.getByRole('img', { name: 'Sending…' });
    expect(badge).toHaveTextContent(/^Sending…$/);
    expect(badge).toHaveAttribute('data-state', 'sending');
    expect(badge.querySelector('svg')).toBeNull();

    const { data } = await act(() => chat.sendMessage(draft));
    rerender(<ReadByBadge message={data.message} ring />);
    expect(screen.getByRole('img', { name: 'Read by 0 of 2 members' })).toHaveTextContent(/^Unread$/);
  });

  it('§3 ReadByBadge: shows a loading state while the counts are fetched', async () => {
    const { server, message } = await groupScene({ members: FIVE });
    readAs(server, message, 'bob');
    // Alice on a second device: the history she loads there carries no counts yet.
    const { chat: other, message: loaded } = await aliceOnSecondDevice(server);
    expect(loaded.readReceiptInfo).toEqual({ readCount: undefined, unreadCount: undefined });

    renderWithChat(other, <ReadByBadge message={loaded} />);
    const badge = screen.getByRole('img', { name: 'Loading read receipts' });
    expect(badge).toHaveAttribute('data-state', 'loading');
    expect(badge).toHaveAttribute('aria-busy', 'true');
    expect(badge).toHaveTextContent(/^…$/);

    await waitFor(() => expect(badge).toHaveAttribute('data-state', 'partial'));
    expect(badge).toHaveTextContent(/^Read by 1$/);
    expect(badge).toHaveAccessibleName('Read by 1 of 5 members');
    expect(badge).not.toHaveAttribute('aria-busy');
  });

  it('§3 ReadByBadge: claims no counts it could not fetch, and shows them once the chat reconnects (R12)', async () => {
    const { server, message } = await groupScene({ members: FIVE });
    readAs(server, message, 'bob', 'carol');
    const transport = server.connect('alice');
    const other = createChat({ transport });
    const { data } = await other.getMessageList({ conversationID: 'GROUPteam' });
    transport.disconnect();
    const { container } = renderWithChat(other, <ReadByBadge message={data.messageList[0]!} showTotal />);
    expect(screen.getByRole('img', { name: 'Loading read receipts' })).toBeInTheDocument();
    // The fetch fails: the badge must not say "Unread" when two of five have read.
    await waitFor(() => expect(container).toBeEmptyDOMElement());

    await act(() => transport.reconnect());
    const badge = await screen.findByRole('img', { name: 'Read by 2 of 5 members' });
    expect(badge).toHaveTextContent(/^Read by 2 of 5$/);
  });
});

describe('§3 ReadByBadge: one-to-one messages', () => {
  it('§3 ReadByBadge: shows "Unread" until the peer reads, then "Read"', async () => {
    const { server, chat, message } = await peerScene();
    renderWithChat(chat, <ReadByBadge message={message} />);
    const badge = screen.getByRole('img', { name: 'Unread' });
    expect(badge).toHaveTextContent(/^Unread$/);
    expect(badge).toHaveAttribute('data-state', 'unread');

    act(() => readAs(server, message, 'bob'));
    await waitFor(() => expect(badge).toHaveAttribute('data-state', 'read'));
    expect(badge).toHaveTextContent(/^Read$/);
    expect(badge).toHaveAccessibleName('Read');
  });

  it('§3 ReadByBadge: shows "Read" when the peer marks the conversation read (R9)', async () => {
    const { server, chat, message } = await peerScene();
    renderWithChat(chat, <ReadByBadge message={message} />);
    act(() => {
      server.request('bob', 'setMessageRead', { conversationID: 'C2Calice' });
    });
    await waitFor(() => expect(screen.getByRole('img')).toHaveTextContent(/^Read$/));
    expect(screen.getByRole('img')).toHaveAttribute('data-state', 'read');
  });
});

describe('§3 ReadByBadge: when there is nothing to show', () => {
  it('§3 ReadByBadge: renders nothing for a message sent without a receipt request', async () => {
    const { chat } = aliceInTeam(['bob']);
    const draft = chat.createTextMessage({ to: 'team', conversationType: 'GROUP', payload: { text: 'FYI' } });
    const { data } = await chat.sendMessage(draft);
    const { container } = renderWithChat(chat, <ReadByBadge message={data.message} />);
    expect(container).toBeEmptyDOMElement();
  });

  it('§3 ReadByBadge: renders nothing for a message someone else sent', async () => {
    const { server, chat } = aliceInTeam(['bob']);
    server.postMessage({
      from: 'bob',
      to: 'team',
      conversationType: 'GROUP',
      text: 'Mine',
      needReadReceipt: true,
    });
    const { data } = await chat.getMessageList({ conversationID: 'GROUPteam' });
    const theirs = data.messageList[0]!;
    expect(theirs.flow).toBe('in');
    const { container } = renderWithChat(chat, <ReadByBadge message={theirs} onClick={() => {}} />);
    expect(container).toBeEmptyDOMElement();
  });
});

describe('§3 ReadByBadge: progress ring', () => {
  it('§3 ReadByBadge: the ring is drawn only when asked, hidden from assistive technology', async () => {
    const { chat, message } = await groupScene({ members: FIVE });
    const { rerender, container } = renderWithChat(chat, <ReadByBadge message={message} />);
    expect(container.querySelector('[data-readby-part="ring"]')).toBeNull();
    rerender(<ReadByBadge message={message} ring />);
    const ring = container.querySelector('[data-readby-part="ring"]');
    expect(ring).not.toBeNull();
    expect(ring).toHaveAttribute('aria-hidden', 'true');
    expect(ring).toHaveAttribute('focusable', 'false');
  });

  it('§3 ReadByBadge: the ring fills in proportion to the share who have read', async () => {
    const { server, chat, message } = await groupScene({ members: FIVE });
    const { container } = renderWithChat(chat, <ReadByBadge message={message} ring />);
    const fill = () => container.querySelector('[data-readby-part="ring-fill"]')!;
    const circumference = Number(fill().getAttribute('stroke-dasharray'));
    expect(circumference).toBeCloseTo(2 * Math.PI * 7, 6);
    const filled = () => 1 - Number(fill().getAttribute('stroke-dashoffset')) / circumference;
    expect(filled()).toBeCloseTo(0, 6);

    act(() => readAs(server, message, 'bob', 'carol'));
    await waitFor(() => expect(filled()).toBeCloseTo(2 / 5, 6));

    act(() => readAs(server, message, 'dave', 'erin', 'frank'));
    await waitFor(() => expect(filled()).toBeCloseTo(1, 6));
  });
});

describe('§3 ReadByBadge: as a button', () => {
  it('§3 ReadByBadge: with onClick it is a button named "Read by 3 of 8 members"', async () => {
    const members = ['b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7', 'b8'];
    const { server, chat, message } = await groupScene({ members });
    readAs(server, message, 'b1', 'b2', 'b3');
    renderWithChat(chat, <ReadByBadge message={message} onClick={() => {}} />);
    const button = await screen.findByRole('button', { name: 'Read by 3 of 8 members' });
    expect(button).toHaveTextContent(/^Read by 3$/);
    expect(button).toHaveAttribute('type', 'button');
    expect(button).toHaveAttribute('data-state', 'partial');
    expect(screen.queryByRole('img')).toBeNull();
  });

  it('§3 ReadByBadge: names a single recipient in the singular, "Read by 0 of 1 member"', async () => {
    const { chat, message } = await groupScene({ members: ['bob'] });
    renderWithChat(chat, <ReadByBadge message={message} onClick={() => {}} />);
    expect(screen.getByRole('button', { name: 'Unread (Read by 0 of 1 member)' })).toHaveTextContent(
      /^Unread$/,
    );
  });

  it('§3 ReadByBadge: a button is named by what it shows first (WCAG 2.5.3); a partial count is already in its label', async () => {
    const { server, chat, message } = await groupScene({ members: FIVE });
    renderWithChat(chat, <ReadByBadge message={message} onClick={() => {}} />);
    expect(screen.getByRole('button', { name: 'Unread (Read by 0 of 5 members)' })).toHaveTextContent(
      /^Unread$/,
    );
    act(() => readAs(server, message, 'bob'));
    const button = await screen.findByRole('button', { name: 'Read by 1 of 5 members' });
    expect(button).toHaveTextContent(/^Read by 1$/);
  });

  it('§3 ReadByBadge: calls onClick on click, Enter and Space', async () => {
    const user = userEvent.setup();
    const onClick = vi.fn();
    const { chat, message } = await groupScene({ members: FIVE });
    renderWithChat(chat, <ReadByBadge message={message} onClick={onClick} />);
    const button = screen.getByRole('button', { name: 'Unread (Read by 0 of 5 members)' });

    await user.tab();
    expect(button).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(onClick).toHaveBeenCalledTimes(1);
    await user.keyboard(' ');
    expect(onClick).toHaveBeenCalledTimes(2);

    await user.click(button);
    expect(onClick).toHaveBeenCalledTimes(3);
    expect(onClick.mock.calls.map(([event]) => event.type)).toEqual(['click', 'click', 'click']);
  });

  it('§3 ReadByBadge: a one-to-one button is named by its state', async () => {
    const { chat, message } = await peerScene();
    renderWithChat(chat, <ReadByBadge message={message} onClick={() => {}} />);
    expect(screen.getByRole('button', { name: 'Unread' })).toHaveTextContent(/^Unread$/);
  });
});

describe('§3 ReadByBadge: element', () => {
  it('§3 ReadByBadge: merges className with its own class and passes other props through', async () => {
    const { chat, message } = await groupScene();
    renderWithChat(chat, <ReadByBadge message={message} className="mine" title="Receipts" />);
    const badge = screen.getByRole('img');
    expect(badge).toHaveClass('readby-badge', 'mine');
    expect(badge.className).toBe('readby-badge mine');
    expect(badge).toHaveAttribute('title', 'Receipts');
  });

  it('§3 ReadByBadge: forwards its ref to the span, or to the button with onClick', async () => {
    const { chat, message } = await groupScene();
    const spanRef = createRef<HTMLElement>();
    const { rerender } = renderWithChat(chat, <ReadByBadge message={message} ref={spanRef} />);
    expect(spanRef.current).toBeInstanceOf(HTMLSpanElement);
    expect(spanRef.current).toBe(screen.getByRole('img'));

    const buttonRef = createRef<HTMLElement>();
    rerender(<ReadByBadge message={message} ref={buttonRef} onClick={() => {}} className="x" />);
    expect(buttonRef.current).toBeInstanceOf(HTMLButtonElement);
    expect(buttonRef.current).toBe(screen.getByRole('button'));
    expect(buttonRef.current).toHaveClass('readby-badge', 'x');
  });
});
