import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMockServer } from 'readby/mock';
import { ReadByBadge, ReaderList, ReadReceiptPanel } from 'readby/react';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import {
  createChat,
  groupScene,
  measured,
  readAs,
  renderBothLists,
  renderWithChat,
  sendText,
} from './support';

const HOSTILE = '<img src=x onerror=alert(1)>';
const HOSTILE_NAME = '<b onmouseover="alert(2)">Bob</b><script>alert(3)</script>';

let alert: MockInstance<(message?: unknown) => void>;
beforeEach(() => {
  alert = vi.spyOn(window, 'alert').mockImplementation(() => {});
});
afterEach(() => {
  alert.mockRestore();
});

/** No element was made from the data: only the elements readby itself renders. */
function expectNoInjectedElements(root: Element): void {
  expect(root.querySelectorAll('img, script, b, svg[onload], [onerror], [onmouseover]')).toHaveLength(0);
}

describe('§3 R11 untrusted content in components', () => {
  it('§3 ReaderList (R11): a user ID that looks like HTML is shown as text', async () => {
    const { server, chat, message } = await groupScene({ members: [HOSTILE, 'carol'] });
    readAs(server, message, HOSTILE);
    const { container } = renderBothLists(chat, message);
    const row = await screen.findByRole('article', { name: HOSTILE });
    expect(row.querySelector('[data-readby-part="name"]')!.textContent).toBe(HOSTILE);
    expect(row.querySelector('[data-readby-part="name"]')!.innerHTML).toBe(
      '&lt;img src=x onerror=alert(1)&gt;',
    );
    expect(row.querySelector('[data-readby-part="avatar"]')).toHaveTextContent(/^<O$/);
    await screen.findByRole('article', { name: 'carol' });
    expectNoInjectedElements(container);
    expect(alert).not.toHaveBeenCalled();
  });

  it('§3 ReaderList (R11): a name from resolveUser that looks like HTML is shown as text', async () => {
    const { chat, message } = await groupScene({ members: ['bob'] });
    const { container } = renderWithChat(
      chat,
      <ReaderList message={message} filter="unread" virtualOptions={measured()} />,
      { resolveUser: (userID) => ({ userID, name: HOSTILE_NAME }) },
    );
    const row = await screen.findByRole('article', { name: HOSTILE_NAME });
    expect(row.querySelector('[data-readby-part="name"]')!.textContent).toBe(HOSTILE_NAME);
    expectNoInjectedElements(container);
    expect(alert).not.toHaveBeenCalled();
  });

  it('§3 ReadReceiptPanel (R11): a sender whose ID looks like HTML gets valid row IDs and plain text', async () => {
    const sender = '"><svg onload=alert(4)>';
    const server = createMockServer();
    server.createGroup({ groupID: 'team', type: 'Private', memberList: [sender, HOSTILE, 'bob'] });
    const chat = createChat({ transport: server.connect(sender) });
    const message = await sendText(chat, 'team', HOSTILE);
    expect(message.ID).toContain(sender);
    const { container } = renderWithChat(
      chat,
      <>
        <ReadByBadge message={message} showTotal ring onClick={() => {}} />
        <ReadReceiptPanel message={message} defaultTab="unread" virtualOptions={measured()} />
      </>,
    );
    const row = await screen.findByRole('article', { name: HOSTILE });
    expect(row.getAttribute('aria-labelledby')).toMatch(/^[^\s<>"'=]+$/);
    expect(screen.getByRole('article', { name: 'bob' }).getAttribute('aria-labelledby')).toMatch(
      /^[^\s<>"'=]+$/,
    );
    expect(container.querySelectorAll('svg')).toHaveLength(1);
    expect(container.querySelector('svg')).toHaveAttribute('data-readby-part', 'ring');
    expectNoInjectedElements(container);
    expect(alert).not.toHaveBeenCalled();
  });

  it('§3 texts (R11): custom texts that look like HTML are shown as text', async () => {
    const { server, chat, message, members } = await groupScene({ members: ['bob'] });
    readAs(server, message, ...members);
    const { container } = renderWithChat(chat, <ReadByBadge message={message} />, {
      locale: { readByAll: '<i>everyone</i>' },
    });
    await waitFor(() => expect(screen.getByRole('img')).toHaveTextContent(/^<i>everyone<\/i>$/));
    expect(container.querySelector('i')).toBeNull();
  });

  it('§3 ReaderList (R11): renderItem gets the user ID as a string and React escapes it', async () => {
    const user = userEvent.setup();
    const { chat, message } = await groupScene({ members: [HOSTILE] });
    const { container } = renderWithChat(
      chat,
      <ReaderList
        message={message}
        filter="unread"
        renderItem={({ userID }) => <button type="button">{userID}</button>}
        virtualOptions={measured()}
      />,
    );
    const button = await screen.findByRole('button', { name: HOSTILE });
    await user.click(button);
    expectNoInjectedElements(container);
    expect(alert).not.toHaveBeenCalled();
  });
});

describe('§3 R11 what resolveUser answers', () => {
  /** bob's row in the unread list, once the resolver has answered. */
  async function rowWith(resolveUser: (userID: string) => unknown, name = 'bob') {
    const { chat, message } = await groupScene({ members: ['bob'] });
    const { container } = renderWithChat(
      chat,
      <ReaderList message={message} filter="unread" virtualOptions={measured()} />,
      { resolveUser: resolveUser as never },
    );
    const row = await screen.findByRole('article', { name });
    // The resolver's answer has arrived when the row no longer waits on it.
    await waitFor(() => expect(row.querySelector('[data-readby-part="avatar"]')).not.toBeNull());
    return { row, container };
  }

  it.each([
    ['a string', () => 'Bob Builder'],
    ['null', () => null],
    ['a name that is not a string', (userID: string) => ({ userID, name: 42 })],
    ['a blank name', (userID: string) => ({ userID, name: '   ' })],
    ['a rejection', () => Promise.reject(new Error('directory down'))],
  ])('§3 ReaderList (R11): %s shows the user ID and initials, not a crash', async (_, resolve) => {
    const answered = vi.fn(resolve);
    const { row } = await rowWith(answered);
    expect(answered).toHaveBeenCalledWith('bob');
    expect(row.querySelector('[data-readby-part="name"]')!.textContent).toBe('bob');
    expect(row.querySelector('[data-readby-part="avatar"]')).toHaveTextContent(/^B$/);
  });

  it.each([
    ['javascript:alert(1)', false],
    ['JavaScript:alert(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['vbscript:msgbox(1)', false],
    ['https://example.com/bob.png', true],
    ['http://example.com/bob.png', true],
    ['data:image/png;base64,iVBORw0KGgo=', true],
    ['blob:https://example.com/0d1e', true],
    ['/avatars/bob.png', true],
  ])('§3 ReaderList (R11): an avatar URL of %s is shown as an image: %s', async (avatarURL, shown) => {
    const { row, container } = await rowWith((userID) => ({ userID, name: 'Bob', avatarURL }), 'Bob');
    const avatar = row.querySelector('[data-readby-part="avatar"]')!;
    if (shown) {
      expect(avatar.tagName).toBe('IMG');
      expect(avatar.getAttribute('src')).toBe(avatarURL);
    } else {
      expect(avatar.tagName).toBe('SPAN');
      expect(avatar).toHaveTextContent('B');
      expect(container.querySelectorAll('img')).toHaveLength(0);
    }
    expect(alert).not.toHaveBeenCalled();
  });
});
