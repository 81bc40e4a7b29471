import { render, screen } from '@testing-library/react';
import type { Message } from 'readby';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installIntersectionObserver } from './fakeIntersectionObserver';

const WARNING =
  'readby: useReadReceiptTracker sends no read receipts here: this environment has no IntersectionObserver to ' +
  "tell it which messages are on screen. In tests, install one with installIntersectionObserver() from 'readby/testing'.";

/** A message with a tracker's ref, from the copy of readby/react given. */
function Tracked({ message, readbyReact }: { message: Message; readbyReact: typeof import('readby/react') }) {
  const track = readbyReact.useReadReceiptTracker();
  return <p ref={track(message)}>{message.payload.text}</p>;
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

/**
 * readby loaded afresh, so that each test starts where an app does: nothing warned yet. Renders two trackers,
 * one after the other, on bob's chat, over alice's message to the team.
 */
async function renderTrackers(): Promise<void> {
  vi.resetModules();
  const { default: ReadBy } = await import('readby');
  const { createMockServer } = await import('readby/mock');
  const readbyReact = await import('readby/react');
  const { ReadByProvider } = readbyReact;
  const server = createMockServer({ seed: 1 });
  server.createGroup({ groupID: 'team', type: 'Private', memberList: ['alice', 'bob'] });
  server.postMessage({
    from: 'alice',
    to: 'team',
    conversationType: 'GROUP',
    text: 'Ship it?',
    needReadReceipt: true,
  });
  const chat = ReadBy.create({ transport: server.connect('bob') });
  const { data } = await chat.getMessageList({ conversationID: 'GROUPteam' });

  for (let round = 0; round < 2; round++) {
    const { unmount } = render(
      <ReadByProvider chat={chat}>
        <Tracked message={data.messageList[0]!} readbyReact={readbyReact} />
      </ReadByProvider>,
    );
    expect(await screen.findByText('Ship it?')).toBeInTheDocument();
    unmount();
  }
  chat.destroy();
}

describe('§3 useReadReceiptTracker: where it cannot see what is on screen', () => {
  it('warns once, in development, that without an IntersectionObserver it sends no receipts', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await renderTrackers();
    expect(warn.mock.calls).toEqual([[WARNING]]);
  });

  it('says nothing in production', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await renderTrackers();
    expect(warn).not.toHaveBeenCalled();
  });

  it('says nothing where there is an IntersectionObserver', async () => {
    installIntersectionObserver();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await renderTrackers();
    expect(warn).not.toHaveBeenCalled();
  });
});
