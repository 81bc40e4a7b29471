import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import ReadBy, { type Chat, type Message } from 'readby';
import { createMockServer } from 'readby/mock';
import { ReadByBadge, ReadByProvider } from 'readby/react';
import 'readby/styles.css';
import { afterEach, describe, expect, it } from 'vitest';

const ROWS = 120;

let root: Root | null = null;
let chat: Chat | null = null;
afterEach(() => {
  act(() => root?.unmount());
  chat?.destroy();
  root = null;
  chat = null;
  document.body.replaceChildren();
});

/** alice's messages to a four-member group, loaded from history, each read by some of the others. */
async function conversation(): Promise<{ chat: Chat; messages: Message[] }> {
  const server = createMockServer({ seed: 5 });
  server.createGroup({ groupID: 'team', type: 'Private', memberList: ['alice', 'bob', 'carol', 'dave'] });
  const sent: string[] = [];
  for (let index = 0; index < ROWS; index++) {
    const message = server.postMessage({
      from: 'alice',
      to: 'team',
      conversationType: 'GROUP',
      text: `Update ${index + 1}`,
      needReadReceipt: true,
    });
    sent.push(message.ID);
  }
  const readers = ['bob', 'carol', 'dave'];
  sent.forEach((ID, index) => {
    for (const reader of readers.slice(0, index % 4))
      server.request(reader, 'sendMessageReadReceipt', { messageIDs: [ID] });
  });
  chat = ReadBy.create({ transport: server.connect('alice') });
  const messages: Message[] = [];
  let nextReqMessageID = '';
  for (;;) {
    const { data } = await chat.getMessageList({ conversationID: 'GROUPteam', nextReqMessageID });
    messages.unshift(...data.messageList);
    if (data.isCompleted) break;
    nextReqMessageID = data.nextReqMessageID;
  }
  return { chat, messages };
}

/** A scrolling list of the messages, half of the badges buttons (with padding and a border), half images. */
async function mountList(): Promise<HTMLElement> {
  const { chat, messages } = await conversation();
  const container = document.createElement('div');
  container.style.cssText = 'height: 240px; overflow: auto; font: 16px sans-serif';
  document.body.append(container);
  root = createRoot(container);
  await act(async () => {
    root!.render(
      <ReadByProvider chat={chat}>
        <ul style={{ margin: 0, padding: 0, listStyle: 'none' }}>
          {messages.map((message, index) => (
            <li key={message.ID} style={{ display: 'flex', justifyContent: 'space-between' }}>
              <span style={{ lineHeight: 1 }}>{message.payload.text}</span>
              {index % 2 === 0 ? (
                <ReadByBadge message={message} showTotal ring />
              ) : (
                <ReadByBadge message={message} showTotal ring onClick={() => {}} />
              )}
            </li>
          ))}
        </ul>
      </ReadByProvider>,
    );
  });
  await expect
    .poll(() => container.querySelectorAll('[data-readby="badge"][data-read-count]').length)
    .toBe(ROWS);
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  return container;
}

const rowHeights = (container: HTMLElement) =>
  Array.from(container.querySelectorAll('li'), (row) => row.getBoundingClientRect().height);

describe('§3 badges in a long list that is not virtualised', () => {
  it('a badge out of view takes the room it takes in view, so rows do not move as they scroll in', async () => {
    const container = await mountList();
    const heights = rowHeights(container);
    // The first rows are in view and drawn, the rest are not; an image badge and a button badge each have one
    // height wherever they are.
    const imageRows = new Set(heights.filter((_, index) => index % 2 === 0));
    const buttonRows = new Set(heights.filter((_, index) => index % 2 === 1));
    expect([...imageRows]).toHaveLength(1);
    expect([...buttonRows]).toHaveLength(1);
    const scrollHeight = container.scrollHeight;

    // Scrolled to the end and back, every row drawn once: nothing has moved.
    container.scrollTop = scrollHeight;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    container.scrollTop = 0;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    expect(rowHeights(container)).toEqual(heights);
    expect(container.scrollHeight).toBe(scrollHeight);
  });

  it('a badge out of view still has its name and counts for assistive technology', async () => {
    const container = await mountList();
    const last = container.querySelectorAll<HTMLElement>('[data-readby="badge"]')[ROWS - 1]!;
    expect(last.getBoundingClientRect().top).toBeGreaterThan(container.getBoundingClientRect().bottom);
    expect(getComputedStyle(last).contentVisibility).toBe('auto');
    expect(last.tagName).toBe('BUTTON');
    // Its message was read by all three others.
    expect(last.getAttribute('aria-label')).toBe('Read by all (Read by 3 of 3 members)');
    expect(last.textContent).toBe('Read by all');
  });
});
