import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef, useState } from 'react';
import type { Message } from 'readby';
import { ReadReceiptPanel, type ReadReceiptTab } from 'readby/react';
import { describe, expect, it, vi } from 'vitest';
import { aliceOnSecondDevice, groupScene, measured, readAs, renderWithChat } from './support';

const SIX = ['bob', 'carol', 'dave', 'erin', 'frank', 'grace'];

/** An app that owns the selected tab. */
function Owner({ message, onChange }: { message: Message; onChange: (tab: ReadReceiptTab) => void }) {
  const [current, setCurrent] = useState<ReadReceiptTab>('unread');
  return (
    <ReadReceiptPanel
      message={message}
      tab={current}
      onTabChange={(next) => {
        onChange(next);
        setCurrent(next);
      }}
      virtualOptions={measured()}
    />
  );
}

function tab(name: RegExp | string): HTMLElement {
  return screen.getByRole('tab', { name });
}

/** A panel for a message nobody has read yet, and its two tabs. */
async function panelWithTabs(): Promise<{ read: HTMLElement; unread: HTMLElement }> {
  const { chat, message } = await groupScene();
  renderWithChat(chat, <ReadReceiptPanel message={message} virtualOptions={measured()} />);
  return { read: tab(/^Read/), unread: tab(/^Unread/) };
}

/** The names of the rows of the visible list. */
function visibleRowNames(): string[] {
  const panel = screen.getByRole('tabpanel');
  return within(panel)
    .queryAllByRole('article')
    .map((row) => document.getElementById(row.getAttribute('aria-labelledby') ?? '')?.textContent ?? '');
}

describe('§3 ReadReceiptPanel: tabs and counts', () => {
  it('§3 ReadReceiptPanel: shows tabs "Read (N)" and "Unread (M)" with the message’s counts', async () => {
    const { server, chat, message } = await groupScene({ members: SIX });
    readAs(server, message, 'carol', 'bob');
    renderWithChat(chat, <ReadReceiptPanel message={message} virtualOptions={measured()} />);
    const tabs = await screen.findAllByRole('tab');
    await waitFor(() =>
      expect(tabs.map((element) => element.textContent)).toEqual(['Read (2)', 'Unread (4)']),
    );
    expect(tab('Read (2)')).toHaveAttribute('aria-selected', 'true');
    expect(tab('Unread (4)')).toHaveAttribute('aria-selected', 'false');
    await waitFor(() => expect(visibleRowNames()).toEqual(['carol', 'bob']));
  });

  it('§3 ReadReceiptPanel: the counts follow receipts as they arrive', async () => {
    const { server, chat, message } = await groupScene({ members: SIX });
    renderWithChat(chat, <ReadReceiptPanel message={message} virtualOptions={measured()} />);
    expect(tab('Read (0)')).toBeInTheDocument();
    expect(tab('Unread (6)')).toBeInTheDocument();
    await screen.findByText('Nobody has read this yet');

    act(() => readAs(server, message, 'dave'));
    await waitFor(() => expect(tab('Read (1)')).toBeInTheDocument());
    expect(tab('Unread (5)')).toBeInTheDocument();
    await waitFor(() => expect(visibleRowNames()).toEqual(['dave']));

    act(() => readAs(server, message, 'bob', 'grace'));
    await waitFor(() => expect(tab('Read (3)')).toBeInTheDocument());
    expect(tab('Unread (3)')).toBeInTheDocument();
    await waitFor(() => expect(visibleRowNames()).toEqual(['dave', 'bob', 'grace']));
  });

  it('§3 ReadReceiptPanel: shows "…" in the tabs until the counts are known', async () => {
    const { server, message } = await groupScene({ members: SIX });
    readAs(server, message, 'bob');
    const { chat: other, message: loaded } = await aliceOnSecondDevice(server);
    renderWithChat(other, <ReadReceiptPanel message={loaded} virtualOptions={measured()} />);
    expect(screen.getAllByRole('tab').map((element) => element.textContent)).toEqual([
      'Read (…)',
      'Unread (…)',
    ]);
    await waitFor(() => expect(tab('Read (1)')).toBeInTheDocument());
    expect(tab('Unread (5)')).toBeInTheDocument();
  });
});

describe('§3 ReadReceiptPanel: WAI-ARIA tabs roles', () => {
  it('§3 ReadReceiptPanel: a named tablist of two tabs, each controlling a tabpanel labelled by it', async () => {
    const { chat, message } = await groupScene();
    renderWithChat(chat, <ReadReceiptPanel message={message} virtualOptions={measured()} />);
    const tablist = screen.getByRole('tablist', { name: 'Read receipts' });
    const [read, unread] = within(tablist).getAllByRole('tab');
    expect(read).toHaveAccessibleName('Read (0)');
    expect(unread).toHaveAccessibleName('Unread (4)');

    for (const element of [read!, unread!]) {
      const panel = document.getElementById(element.getAttribute('aria-controls') ?? '');
      expect(panel).not.toBeNull();
      expect(panel).toHaveAttribute('role', 'tabpanel');
      expect(panel).toHaveAttribute('aria-labelledby', element.id);
    }
    // Only the selected panel is shown, and it is named after its tab.
    const shown = screen.getByRole('tabpanel');
    expect(shown).toHaveAccessibleName('Read (0)');
    expect(shown.id).toBe(read!.getAttribute('aria-controls'));
    expect(document.getElementById(unread!.getAttribute('aria-controls')!)).not.toBeVisible();
    expect(await within(shown).findByText('Nobody has read this yet')).toHaveAttribute('role', 'status');
  });

  it('§3 ReadReceiptPanel: clicking a tab selects it and shows its list', async () => {
    const user = userEvent.setup();
    const { server, chat, message } = await groupScene();
    readAs(server, message, 'erin');
    renderWithChat(chat, <ReadReceiptPanel message={message} virtualOptions={measured()} />);
    await waitFor(() => expect(visibleRowNames()).toEqual(['erin']));

    await user.click(await screen.findByRole('tab', { name: 'Unread (3)' }));
    expect(tab('Unread (3)')).toHaveAttribute('aria-selected', 'true');
    expect(tab('Read (1)')).toHaveAttribute('aria-selected', 'false');
    expect(screen.getByRole('tabpanel')).toHaveAccessibleName('Unread (3)');
    await waitFor(() => expect(visibleRowNames()).toEqual(['bob', 'carol', 'dave']));
    expect(within(screen.getByRole('tabpanel')).getByRole('feed')).toHaveAccessibleName(
      'Members who have not read',
    );
  });
});

describe('§3 ReadReceiptPanel: keyboard', () => {
  it('§3 ReadReceiptPanel: ArrowRight and ArrowLeft move selection and focus, wrapping at the ends', async () => {
    const user = userEvent.setup();
    const { read, unread } = await panelWithTabs();

    await user.tab();
    expect(read).toHaveFocus();

    await user.keyboard('{ArrowRight}');
    expect(unread).toHaveFocus();
    expect(unread).toHaveAttribute('aria-selected', 'true');
    expect(read).toHaveAttribute('aria-selected', 'false');

    await user.keyboard('{ArrowRight}');
    expect(read).toHaveFocus();
    expect(read).toHaveAttribute('aria-selected', 'true');

    await user.keyboard('{ArrowLeft}');
    expect(unread).toHaveFocus();
    expect(unread).toHaveAttribute('aria-selected', 'true');

    await user.keyboard('{ArrowLeft}');
    expect(read).toHaveFocus();
    expect(read).toHaveAttribute('aria-selected', 'true');
  });

  it('§3 ReadReceiptPanel: Home selects the first tab and End the last', async () => {
    const user = userEvent.setup();
    const { read, unread } = await panelWithTabs();
    await user.tab();

    await user.keyboard('{End}');
    expect(unread).toHaveFocus();
    expect(unread).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{End}');
    expect(unread).toHaveFocus();

    await user.keyboard('{Home}');
    expect(read).toHaveFocus();
    expect(read).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tabpanel')).toHaveAccessibleName(read.textContent!);
  });

  it('§3 ReadReceiptPanel: only the selected tab is in the tab order; Tab leaves the tablist', async () => {
    const user = userEvent.setup();
    const { read, unread } = await panelWithTabs();
    expect(read).toHaveAttribute('tabindex', '0');
    expect(unread).toHaveAttribute('tabindex', '-1');

    await user.tab();
    expect(read).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('tabpanel')).toHaveFocus();

    await user.click(unread);
    expect(read).toHaveAttribute('tabindex', '-1');
    expect(unread).toHaveAttribute('tabindex', '0');
    await user.tab({ shift: true });
    expect(document.body).toHaveFocus();
    await user.tab();
    expect(unread).toHaveFocus();
  });

  it('§3 ReadReceiptPanel: other keys are left alone', async () => {
    const user = userEvent.setup();
    const { chat, message } = await groupScene();
    renderWithChat(chat, <ReadReceiptPanel message={message} virtualOptions={measured()} />);
    await user.tab();
    await user.keyboard('{ArrowDown}{ArrowUp}a');
    expect(tab(/^Read/)).toHaveFocus();
    expect(tab(/^Read/)).toHaveAttribute('aria-selected', 'true');
  });
});

describe('§3 ReadReceiptPanel: selection', () => {
  it('§3 ReadReceiptPanel: defaultTab chooses the tab shown first', async () => {
    const { chat, message } = await groupScene();
    renderWithChat(
      chat,
      <ReadReceiptPanel message={message} defaultTab="unread" virtualOptions={measured()} />,
    );
    expect(tab(/^Unread/)).toHaveAttribute('aria-selected', 'true');
    expect(tab(/^Unread/)).toHaveAttribute('tabindex', '0');
    expect(screen.getByRole('tabpanel')).toHaveAccessibleName('Unread (4)');
    await waitFor(() => expect(visibleRowNames()).toEqual(['bob', 'carol', 'dave', 'erin']));
  });

  it('§3 ReadReceiptPanel: a controlled tab changes only when its owner says so', async () => {
    const user = userEvent.setup();
    const onTabChange = vi.fn();
    const { chat, message } = await groupScene();
    const { rerender } = renderWithChat(
      chat,
      <ReadReceiptPanel message={message} tab="read" onTabChange={onTabChange} virtualOptions={measured()} />,
    );
    await user.click(tab(/^Unread/));
    expect(onTabChange).toHaveBeenCalledWith('unread');
    expect(tab(/^Read/)).toHaveAttribute('aria-selected', 'true');
    expect(tab(/^Unread/)).toHaveAttribute('aria-selected', 'false');

    rerender(
      <ReadReceiptPanel
        message={message}
        tab="unread"
        onTabChange={onTabChange}
        virtualOptions={measured()}
      />,
    );
    expect(tab(/^Unread/)).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tabpanel')).toHaveAccessibleName('Unread (4)');
  });

  it('§3 ReadReceiptPanel: a controlled panel follows the keyboard through onTabChange', async () => {
    const user = userEvent.setup();
    const { chat, message } = await groupScene();
    const changes: ReadReceiptTab[] = [];
    renderWithChat(chat, <Owner message={message} onChange={(next) => changes.push(next)} />);
    await user.tab();
    expect(tab(/^Unread/)).toHaveFocus();
    await user.keyboard('{ArrowRight}');
    expect(tab(/^Read/)).toHaveFocus();
    expect(tab(/^Read/)).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{End}');
    expect(changes).toEqual(['read', 'unread']);
    expect(tab(/^Unread/)).toHaveAttribute('aria-selected', 'true');
  });
});

describe('§3 ReadReceiptPanel: element', () => {
  it('§3 ReadReceiptPanel: merges className, forwards its ref and states the selected tab', async () => {
    const user = userEvent.setup();
    const { chat, message } = await groupScene();
    const ref = createRef<HTMLDivElement>();
    renderWithChat(
      chat,
      <ReadReceiptPanel ref={ref} message={message} className="mine" virtualOptions={measured()} />,
    );
    expect(ref.current).toBeInstanceOf(HTMLDivElement);
    expect(ref.current!.className).toBe('readby-panel mine');
    expect(ref.current).toHaveAttribute('data-readby', 'panel');
    expect(ref.current).toHaveAttribute('data-state', 'read');
    expect(tab(/^Read/)).toHaveAttribute('data-state', 'active');
    expect(tab(/^Unread/)).toHaveAttribute('data-state', 'inactive');
    await user.click(tab(/^Unread/));
    expect(ref.current).toHaveAttribute('data-state', 'unread');
    expect(tab(/^Unread/)).toHaveAttribute('data-state', 'active');
  });
});
