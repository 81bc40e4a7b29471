import { act } from '@testing-library/react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import type { Message } from 'readby';
import { ReadByProvider, useReadReceipt, useReadReceiptTracker } from 'readby/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { installIntersectionObserver } from './fakeIntersectionObserver';
import { advance, connect, loadHistory, nextFrame, post, readBy, teamServer, textOf } from './helpers';

function Bubble({ message }: { message: Message }) {
  const track = useReadReceiptTracker({ isPageActive: () => true });
  const { status, readCount, total } = useReadReceipt(message);
  return (
    <li ref={track(message)} data-status={status}>
      {textOf(message)}: {readCount ?? '-'}/{total ?? '-'}
    </li>
  );
}

beforeEach(() => {
  vi.useFakeTimers();
  installIntersectionObserver();
});

describe('§3 server-side rendering, then hydration', () => {
  it('hydrates the server HTML without a mismatch, then fetches and follows the counts', async () => {
    const server = teamServer();
    const [id] = post(server, 'alice', 'team', 1);
    const chat = connect(server, 'alice');
    const [message] = await loadHistory(chat, 'GROUPteam');
    const ui = (
      <ReadByProvider chat={chat}>
        <ul>
          <Bubble message={message!} />
        </ul>
      </ReadByProvider>
    );
    const container = document.createElement('div');
    container.innerHTML = renderToString(ui);
    document.body.append(container);
    expect(container.textContent).toBe('message 1: -/-');

    const errors = vi.spyOn(console, 'error');
    const recoverable = vi.fn();
    const root = await act(async () => hydrateRoot(container, ui, { onRecoverableError: recoverable }));
    await advance();
    expect(recoverable).not.toHaveBeenCalled();
    expect(errors).not.toHaveBeenCalled();
    expect(container.textContent).toBe('message 1: 0/3');

    readBy(server, 'bob', id!);
    await nextFrame();
    expect(container.textContent).toBe('message 1: 1/3');
    expect(container.querySelector('li')?.dataset.status).toBe('partial');
    act(() => root.unmount());
    container.remove();
  });
});
