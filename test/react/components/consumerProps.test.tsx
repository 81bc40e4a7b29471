import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReadByBadge, ReaderList, ReadReceiptPanel } from 'readby/react';
import { describe, expect, it, vi } from 'vitest';
import { groupScene, renderWithChat } from './support';

const FIVE = ['bob', 'carol', 'dave', 'erin', 'frank'];

describe("§3 components: an app's own props", () => {
  it("§3 ReadByBadge: an app's aria-label names the badge instead of readby's", async () => {
    const { chat, message } = await groupScene({ members: FIVE });
    renderWithChat(
      chat,
      <>
        <ReadByBadge message={message} aria-label="Receipts for Ship it?" />
        <ReadByBadge message={message} aria-label="Open receipts for Ship it?" onClick={() => {}} />
      </>,
    );
    expect(screen.getByRole('img', { name: 'Receipts for Ship it?' })).toHaveTextContent(/^Unread$/);
    expect(screen.getByRole('button', { name: 'Open receipts for Ship it?' })).toHaveTextContent(/^Unread$/);
    expect(screen.queryByRole('img', { name: 'Read by 0 of 5 members' })).toBeNull();
  });

  it("§3 ReadByBadge: an app's data-* attributes sit beside readby's, and data-readby stays readby's", async () => {
    const { chat, message } = await groupScene({ members: FIVE });
    renderWithChat(
      chat,
      <ReadByBadge message={message} data-testid="badge" data-message="m1" data-readby="mine" />,
    );
    const badge = screen.getByTestId('badge');
    expect(badge).toHaveAttribute('data-message', 'm1');
    expect(badge).toHaveAttribute('data-readby', 'badge');
    expect(badge).toHaveAttribute('data-state', 'unread');
  });

  it("§3 ReadByBadge: an app's handlers run beside the button's onClick", async () => {
    const user = userEvent.setup();
    const { chat, message } = await groupScene({ members: FIVE });
    const onClick = vi.fn();
    const onKeyDown = vi.fn();
    const onFocus = vi.fn();
    renderWithChat(
      chat,
      <ReadByBadge message={message} onClick={onClick} onKeyDown={onKeyDown} onFocus={onFocus} />,
    );
    await user.tab();
    await user.keyboard('{Enter}');
    expect(onFocus).toHaveBeenCalledTimes(1);
    expect(onKeyDown).toHaveBeenCalledTimes(1);
    expect(onClick).toHaveBeenCalledTimes(1);
  });

  it("§3 ReaderList and ReadReceiptPanel: an app's aria-label and data-* reach the root; data-readby stays", async () => {
    const { chat, message } = await groupScene({ members: FIVE });
    renderWithChat(
      chat,
      <>
        <ReaderList
          message={message}
          filter="unread"
          data-testid="list"
          data-readby="mine"
          data-room="team"
        />
        <ReadReceiptPanel
          message={message}
          data-testid="panel"
          aria-label="Who read Ship it?"
          data-room="team"
        />
      </>,
    );
    expect(screen.getByTestId('list')).toHaveAttribute('data-readby', 'reader-list');
    expect(screen.getByTestId('list')).toHaveAttribute('data-room', 'team');
    expect(screen.getByTestId('panel')).toHaveAttribute('aria-label', 'Who read Ship it?');
    expect(screen.getByTestId('panel')).toHaveAttribute('data-readby', 'panel');
    expect(screen.getByTestId('panel')).toHaveAttribute('data-room', 'team');
  });
});

describe('§3 ReaderList and ReadReceiptPanel without a message', () => {
  it.each([null, undefined])('§3 render nothing for message={%s}', async (message) => {
    const { chat } = await groupScene({ members: FIVE });
    const { container } = renderWithChat(
      chat,
      <>
        <ReaderList message={message} filter="read" />
        <ReadReceiptPanel message={message} />
      </>,
    );
    expect(container).toBeEmptyDOMElement();
    expect(screen.queryByRole('tablist')).toBeNull();
    expect(screen.queryByRole('feed')).toBeNull();
  });
});
