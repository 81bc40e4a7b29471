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
