import { act, render, screen } from '@testing-library/react';
import { Profiler, type ProfilerOnRenderCallback } from 'react';
import { EVENT, type Message } from 'readby';
import { useReadReceipt } from 'readby/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { advance, connect, nextFrame, providerOf, readBy, send, TEAM, teamServer, textOf } from './helpers';

/** Renders per badge, by message text. */
const renders = new Map<string, number>();

const countRender: ProfilerOnRenderCallback = (id) => {
  renders.set(id, (renders.get(id) ?? 0) + 1);
};

function Badge({ message }: { message: Message }) {
  const { readCount, total } = useReadReceipt(message);
  return (
    <li>
      {textOf(message)}: read by {readCount} of {total}
    </li>
  );
}

function Badges({ messages }: { messages: Message[] }) {
  return (
    <ul>
      {messages.map((message) => (
        <Profiler key={message.ID} id={textOf(message)} onRender={countRender}>
          <Badge message={message} />
        </Profiler>
      ))}
    </ul>
  );
}

beforeEach(() => {
  vi.useFakeTimers();
  renders.clear();
});

const MEMBERS = [...TEAM, 'erin', 'frank', 'grace'];

async function mountBadges(count: number) {
  const server = teamServer(MEMBERS);
  const chat = connect(server, 'alice');
  const messages: Message[] = [];
  for (let i = 1; i <= count; i++) messages.push(await send(chat, 'team', `message ${i}`));
  render(<Badges messages={messages} />, { wrapper: providerOf(chat) });
  await nextFrame();
  renders.clear();
  return { server, chat, messages };
}

describe('§3 useReadReceipt: render isolation', () => {
  it("a receipt for message A re-renders A's badge once and B's not at all", async () => {
    const { server, messages } = await mountBadges(2);
    const [a] = messages;
    readBy(server, 'bob', a!.ID);
    await nextFrame();
    expect(screen.getByText('message 1: read by 1 of 6')).toBeInTheDocument();
    expect(screen.getByText('message 2: read by 0 of 6')).toBeInTheDocument();
    expect(Object.fromEntries(renders)).toEqual({ 'message 1': 1 });
  });

  it('a burst of pushes in separate tasks within one frame renders each affected badge once', async () => {
    const { server, chat, messages } = await mountBadges(10);
    const events = vi.fn();
    chat.on(EVENT.MESSAGE_READ_RECEIPT_RECEIVED, events);
    // Start on a frame boundary, so that every push of the burst lands before the next frame.
    await nextFrame();

    const readers = ['bob', 'carol', 'dave', 'erin', 'frank'];
    const affected = [messages[0]!, messages[3]!, messages[7]!];
    for (const reader of readers) {
      for (const message of affected) {
        readBy(server, reader, message.ID);
        // Each receipt arrives in a task of its own, a millisecond apart: 15 of them fit in a 16 ms frame.
        await advance(1);
      }
    }
    expect(events).toHaveBeenCalledTimes(readers.length * affected.length);
    expect(renders.size).toBe(0);

    await nextFrame();
    expect(Object.fromEntries(renders)).toEqual({ 'message 1': 1, 'message 4': 1, 'message 8': 1 });
    for (const text of ['message 1', 'message 4', 'message 8']) {
      expect(screen.getByText(`${text}: read by 5 of 6`)).toBeInTheDocument();
    }
    expect(screen.getByText('message 2: read by 0 of 6')).toBeInTheDocument();
  });

  it('a burst larger than one publication is drawn over the next frames: each badge once, oldest change first', async () => {
    const { server, messages } = await mountBadges(250);
    // bob reads the second half first: those messages change first.
    const order = [...messages.slice(125), ...messages.slice(0, 125)].map(textOf);
    for (let start = 0; start < order.length; start += 30) {
      const batch = [...messages.slice(125), ...messages.slice(0, 125)].slice(start, start + 30);
      readBy(server, 'bob', ...batch.map((message) => message.ID));
    }
    await advance(0);
    expect(renders.size).toBe(0);

    const shownAfterEachFrame: number[] = [];
    while (renders.size < order.length && shownAfterEachFrame.length < 60) {
      // One frame at a time, and the task after it.
      act(() => {
        vi.advanceTimersToNextFrame();
      });
      await advance(1);
      shownAfterEachFrame.push(renders.size);
      // Those that changed first, and only they, show their new counts.
      expect(new Set(renders.keys())).toEqual(new Set(order.slice(0, renders.size)));
      expect(screen.getByText(`${order[renders.size - 1]}: read by 1 of 6`)).toBeInTheDocument();
    }
    expect(new Set(shownAfterEachFrame.filter((shown) => shown > 0)).size).toBeGreaterThan(1);
    expect(shownAfterEachFrame.at(-1)).toBe(250);
    expect([...renders.values()].every((count) => count === 1)).toBe(true);
  });

  it('pushes that change nothing re-render nothing', async () => {
    const { server, messages } = await mountBadges(2);
    readBy(server, 'bob', messages[0]!.ID);
    await nextFrame();
    renders.clear();
    // A second receipt from the same reader is idempotent (R3.5): no push, no render.
    readBy(server, 'bob', messages[0]!.ID);
    await nextFrame();
    await advance(100);
    expect(renders.size).toBe(0);
  });
});
