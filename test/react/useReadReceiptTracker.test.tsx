import { act, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { ERROR_CODE, type Message, ReadByError, TYPES } from 'readby';
import type { MockServer } from 'readby/mock';
import { type ReadReceiptTrackerOptions, useReadReceiptTracker } from 'readby/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { installIntersectionObserver, scroll, watchedElements } from './fakeIntersectionObserver';
import {
  advance,
  connect,
  connectWithTransport,
  loadHistory,
  post,
  providerOf,
  send,
  teamServer,
  textOf,
} from './helpers';

/** The tracker's defaults: half visible, for half a second; receipts then wait 300 ms for company. */
const DWELL_MS = 500;
const BATCH_DELAY_MS = 300;

let pageActive = true;

/** Whether a person can be looking; the tracker hears of changes through focus and blur, as in a browser. */
function setPageActive(active: boolean): void {
  pageActive = active;
  act(() => {
    window.dispatchEvent(new Event(active ? 'focus' : 'blur'));
  });
}

function Conversation({ messages, options }: { messages: Message[]; options?: ReadReceiptTrackerOptions }) {
  const track = useReadReceiptTracker({ isPageActive: () => pageActive, ...options });
  return (
    <ul>
      {messages.map((message) => (
        <li key={message.ID} ref={track(message)}>
          {textOf(message)}
        </li>
      ))}
    </ul>
  );
}

/** A tracker with its default idea of when a person can be looking. */
function DefaultConversation({ message }: { message: Message }) {
  const track = useReadReceiptTracker();
  return <p ref={track(message)}>{textOf(message)}</p>;
}

/** Re-renders the conversation whenever the test calls `bump`. */
let bump: () => void = () => {};

function Ticking({ messages }: { messages: Message[] }) {
  const [count, setCount] = useState(0);
  bump = () => setCount((n) => n + 1);
  return (
    <>
      <output>{count}</output>
      <Conversation messages={messages} />
    </>
  );
}

/** bob's messages to team, as alice's chat loaded them. */
async function incoming(count: number, options: { needReadReceipt?: boolean } = {}) {
  const server = teamServer();
  post(server, 'bob', 'team', count, options);
  const chat = connect(server, 'alice');
  const messages = await loadHistory(chat, 'GROUPteam');
  const sent = vi.spyOn(chat, 'sendMessageReadReceipt');
  return { server, chat, messages, sent };
}

function hidePage(): void {
  act(() => {
    window.dispatchEvent(new Event('pagehide'));
  });
}

function show(...texts: string[]): void {
  scroll(...texts.map((text): [Element, number] => [screen.getByText(text), 1]));
}

function idsOf(calls: Array<[Message[]]>): string[][] {
  return calls.map(([list]) => list.map((message) => message.ID));
}

function readers(server: MockServer, message: Message): string[] {
  return server.getReceiptTruth(message.ID)?.readUserIDList ?? [];
}

beforeEach(() => {
  vi.useFakeTimers();
  installIntersectionObserver();
  pageActive = true;
});

describe('§3 useReadReceiptTracker: when a receipt is sent', () => {
  it('sends one once the message has been at least half visible for the dwell, not before', async () => {
    const { server, chat, messages, sent } = await incoming(1);
    render(<Conversation messages={messages} />, { wrapper: providerOf(chat) });
    scroll([screen.getByText('message 1'), 0.5]);

    // A page hide sends whatever is queued at once, so it shows whether the receipt was queued yet.
    await advance(DWELL_MS - 1);
    hidePage();
    expect(sent).not.toHaveBeenCalled();
    await advance(1);
    hidePage();
    expect(idsOf(sent.mock.calls)).toEqual([[messages[0]!.ID]]);
    await advance();
    expect(readers(server, messages[0]!)).toEqual(['alice']);
  });

  it('waits the batch delay after the dwell before sending, for company', async () => {
    const { chat, messages, sent } = await incoming(1);
    render(<Conversation messages={messages} />, { wrapper: providerOf(chat) });
    show('message 1');
    await advance(DWELL_MS + BATCH_DELAY_MS - 1);
    expect(sent).not.toHaveBeenCalled();
    await advance(1);
    expect(idsOf(sent.mock.calls)).toEqual([[messages[0]!.ID]]);
  });

  it('sends none for a message less than half visible', async () => {
    const { chat, messages, sent } = await incoming(1);
    render(<Conversation messages={messages} />, { wrapper: providerOf(chat) });
    scroll([screen.getByText('message 1'), 0.49]);
    await advance(10_000);
    expect(sent).not.toHaveBeenCalled();
  });

  it('sends none for a message scrolled away before the dwell ends, and starts the dwell over on return', async () => {
    const { chat, messages, sent } = await incoming(1);
    render(<Conversation messages={messages} />, { wrapper: providerOf(chat) });
    const element = screen.getByText('message 1');
    scroll([element, 1]);
    await advance(DWELL_MS - 100);
    scroll([element, 0]);
    await advance(10_000);
    expect(sent).not.toHaveBeenCalled();

    scroll([element, 0.8]);
    await advance(DWELL_MS - 1 + BATCH_DELAY_MS);
    expect(sent).not.toHaveBeenCalled();
    await advance(1);
    expect(sent).toHaveBeenCalledTimes(1);
  });

  it('honours threshold and dwellMs options', async () => {
    const { chat, messages, sent } = await incoming(1);
    render(<Conversation messages={messages} options={{ threshold: 0.9, dwellMs: 2_000 }} />, {
      wrapper: providerOf(chat),
    });
    const element = screen.getByText('message 1');
    scroll([element, 0.8]);
    await advance(10_000);
    expect(sent).not.toHaveBeenCalled();
    scroll([element, 0.95]);
    await advance(2_000 - 1 + BATCH_DELAY_MS);
    expect(sent).not.toHaveBeenCalled();
    await advance(1);
    expect(sent).toHaveBeenCalledTimes(1);
  });
});

describe('§3 useReadReceiptTracker: only while a person can be looking', () => {
  it('sends none while the page is hidden or unfocused, and sends after it is active again for the dwell', async () => {
    const { chat, messages, sent } = await incoming(1);
    render(<Conversation messages={messages} />, { wrapper: providerOf(chat) });
    setPageActive(false);
    show('message 1');
    await advance(10_000);
    expect(sent).not.toHaveBeenCalled();

    setPageActive(true);
    await advance(DWELL_MS - 1 + BATCH_DELAY_MS);
    expect(sent).not.toHaveBeenCalled();
    await advance(1);
    expect(idsOf(sent.mock.calls)).toEqual([[messages[0]!.ID]]);
  });

  it('starts the dwell over when the page loses focus in the middle of it', async () => {
    const { chat, messages, sent } = await incoming(1);
    render(<Conversation messages={messages} />, { wrapper: providerOf(chat) });
    show('message 1');
    await advance(DWELL_MS - 100);
    setPageActive(false);
    await advance(10_000);
    setPageActive(true);
    await advance(DWELL_MS - 1 + BATCH_DELAY_MS);
    expect(sent).not.toHaveBeenCalled();
    await advance(1);
    expect(sent).toHaveBeenCalledTimes(1);
  });

  it('by default, the page counts as active when it is visible and has focus', async () => {
    const { chat, messages, sent } = await incoming(1);
    const hasFocus = vi.spyOn(document, 'hasFocus').mockReturnValue(false);
    render(<DefaultConversation message={messages[0]!} />, { wrapper: providerOf(chat) });
    show('message 1');
    await advance(10_000);
    expect(sent).not.toHaveBeenCalled();

    // Focused, but the page is hidden (another tab in front, say): still nobody is looking.
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    hasFocus.mockReturnValue(true);
    act(() => {
      window.dispatchEvent(new Event('focus'));
    });
    await advance(10_000);
    expect(sent).not.toHaveBeenCalled();

    visibility.mockReturnValue('visible');
    act(() => {
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await advance(DWELL_MS + BATCH_DELAY_MS - 1);
    expect(sent).not.toHaveBeenCalled();
    await advance(1);
    expect(sent).toHaveBeenCalledTimes(1);
  });
});

describe('§3 useReadReceiptTracker: batching', () => {
  it('sends 31 messages that became visible together in calls of 30 and 1', async () => {
    const { chat, messages, sent } = await incoming(31);
    render(<Conversation messages={messages} />, { wrapper: providerOf(chat) });
    show(...messages.map(textOf));
    // A full batch goes out at once; the rest waits for company.
    await advance(DWELL_MS);
    expect(sent.mock.calls.map(([list]) => list.length)).toEqual([30]);
    await advance(BATCH_DELAY_MS);
    expect(sent.mock.calls.map(([list]) => list.length)).toEqual([30, 1]);
    const ids = idsOf(sent.mock.calls).flat();
    expect(new Set(ids).size).toBe(31);
    expect(new Set(ids)).toEqual(new Set(messages.map((message) => message.ID)));
  });

  it('sends one call per conversation', async () => {
    const server = teamServer();
    post(server, 'bob', 'team', 3, { prefix: 'team' });
    post(server, 'bob', 'alice', 2, { prefix: 'direct', conversationType: TYPES.CONV_C2C });
    const chat = connect(server, 'alice');
    const messages = [...(await loadHistory(chat, 'GROUPteam')), ...(await loadHistory(chat, 'C2Cbob'))];
    const sent = vi.spyOn(chat, 'sendMessageReadReceipt');
    render(<Conversation messages={messages} />, { wrapper: providerOf(chat) });
    show(...messages.map(textOf));
    await advance(DWELL_MS + BATCH_DELAY_MS);
    expect(
      sent.mock.calls.map(([list]) => ({
        conversations: [...new Set(list.map((message) => message.conversationID))],
        count: list.length,
      })),
    ).toEqual([
      { conversations: ['GROUPteam'], count: 3 },
      { conversations: ['C2Cbob'], count: 2 },
    ]);
  });

  it('gathers messages that finish their dwell within the batch delay into one call', async () => {
    const { chat, messages, sent } = await incoming(3);
    render(<Conversation messages={messages} />, { wrapper: providerOf(chat) });
    show('message 1');
    await advance(100);
    show('message 2');
    await advance(100);
    show('message 3');
    await advance(DWELL_MS + BATCH_DELAY_MS);
    expect(idsOf(sent.mock.calls)).toEqual([messages.map((message) => message.ID)]);
  });
});

describe('§3 useReadReceiptTracker: once per message', () => {
  it('sends one receipt per message across unmount and remount', async () => {
    const { chat, messages, sent } = await incoming(2);
    const first = render(<Conversation messages={messages} />, { wrapper: providerOf(chat) });
    show('message 1');
    await advance(DWELL_MS + BATCH_DELAY_MS);
    expect(idsOf(sent.mock.calls)).toEqual([[messages[0]!.ID]]);
    first.unmount();

    render(<Conversation messages={messages} />, { wrapper: providerOf(chat) });
    // The message already acknowledged is not even watched again.
    expect(watchedElements().map((element) => element.textContent)).toEqual(['message 2']);
    show('message 1', 'message 2');
    await advance(DWELL_MS + BATCH_DELAY_MS);
    expect(idsOf(sent.mock.calls)).toEqual([[messages[0]!.ID], [messages[1]!.ID]]);
  });

  it('sends one receipt per message when two trackers show it', async () => {
    const { chat, messages, sent } = await incoming(1);
    render(
      <>
        <Conversation messages={messages} />
        <Conversation messages={messages} />
      </>,
      { wrapper: providerOf(chat) },
    );
    scroll(...screen.getAllByText('message 1').map((element): [Element, number] => [element, 1]));
    await advance(DWELL_MS + BATCH_DELAY_MS);
    expect(idsOf(sent.mock.calls)).toEqual([[messages[0]!.ID]]);
  });

  it('sends one receipt per message in StrictMode', async () => {
    const { server, chat, messages, sent } = await incoming(2);
    // StrictMode at the root: React replays effects and refs only there, not under a nested StrictMode.
    render(<Conversation messages={messages} />, { wrapper: providerOf(chat), reactStrictMode: true });
    show('message 1', 'message 2');
    await advance(DWELL_MS + BATCH_DELAY_MS);
    expect(idsOf(sent.mock.calls)).toEqual([messages.map((message) => message.ID)]);
    await advance();
    expect(readers(server, messages[0]!)).toEqual(['alice']);
  });

  it('keeps the dwell running when the list re-renders, in StrictMode too', async () => {
    const { chat, messages, sent } = await incoming(1);
    render(<Ticking messages={messages} />, { wrapper: providerOf(chat), reactStrictMode: true });
    show('message 1');
    // New messages and receipts re-render a chat all the time; each must not restart the clock.
    for (let elapsed = 0; elapsed < DWELL_MS; elapsed += 100) {
      await advance(100);
      act(() => bump());
    }
    await advance(BATCH_DELAY_MS);
    expect(sent).toHaveBeenCalledTimes(1);
  });
});

describe('§3 useReadReceiptTracker: failures', () => {
  it('retries a failed send after 1 s, then 2 s, with the same messages', async () => {
    const { server, chat, messages, sent } = await incoming(2);
    const offline = new ReadByError(ERROR_CODE.NETWORK_ERROR, 'network error: offline');
    sent.mockRejectedValueOnce(offline).mockRejectedValueOnce(offline);
    render(<Conversation messages={messages} />, { wrapper: providerOf(chat) });
    show('message 1', 'message 2');
    await advance(DWELL_MS + BATCH_DELAY_MS);
    expect(sent).toHaveBeenCalledTimes(1);

    await advance(999);
    expect(sent).toHaveBeenCalledTimes(1);
    await advance(1);
    expect(sent).toHaveBeenCalledTimes(2);
    await advance(1_999);
    expect(sent).toHaveBeenCalledTimes(2);
    await advance(1);
    expect(sent).toHaveBeenCalledTimes(3);
    const batch = messages.map((message) => message.ID);
    expect(idsOf(sent.mock.calls)).toEqual([batch, batch, batch]);
    await advance();
    expect(readers(server, messages[1]!)).toEqual(['alice']);
  });

  it('retries after the connection comes back', async () => {
    const server = teamServer();
    post(server, 'bob', 'team', 1);
    const { chat, transport } = connectWithTransport(server, 'alice');
    const messages = await loadHistory(chat, 'GROUPteam');
    const sent = vi.spyOn(chat, 'sendMessageReadReceipt');
    render(<Conversation messages={messages} />, { wrapper: providerOf(chat) });
    show('message 1');
    await advance(DWELL_MS);
    transport.disconnect();
    await advance(BATCH_DELAY_MS);
    expect(sent).toHaveBeenCalledTimes(1);
    expect(readers(server, messages[0]!)).toEqual([]);

    await advance(1_000);
    expect(sent).toHaveBeenCalledTimes(2);
    await act(() => transport.reconnect());
    await advance(2_000);
    expect(sent).toHaveBeenCalledTimes(3);
    expect(readers(server, messages[0]!)).toEqual(['alice']);
  });

  it('gives up after 6 attempts and tells onError', async () => {
    const { chat, messages, sent } = await incoming(1);
    const offline = new ReadByError(ERROR_CODE.NETWORK_ERROR, 'network error: offline');
    sent.mockRejectedValue(offline);
    const onError = vi.fn();
    render(<Conversation messages={messages} options={{ onError }} />, { wrapper: providerOf(chat) });
    show('message 1');
    await advance(DWELL_MS + BATCH_DELAY_MS);
    // Waits of 1, 2, 4, 8 and 16 s between the six attempts.
    await advance(31_000 - 1);
    expect(sent).toHaveBeenCalledTimes(5);
    expect(onError).not.toHaveBeenCalled();
    await advance(1);
    expect(sent).toHaveBeenCalledTimes(6);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith(offline, [messages[0]]);
    await advance(120_000);
    expect(sent).toHaveBeenCalledTimes(6);
  });

  it('sends a receipt it gave up on again once the connection comes back', async () => {
    const server = teamServer();
    post(server, 'bob', 'team', 1);
    const { chat, transport } = connectWithTransport(server, 'alice');
    const messages = await loadHistory(chat, 'GROUPteam');
    const sent = vi.spyOn(chat, 'sendMessageReadReceipt');
    const onError = vi.fn();
    render(<Conversation messages={messages} options={{ onError }} />, { wrapper: providerOf(chat) });
    show('message 1');
    await advance(DWELL_MS);
    transport.disconnect();
    await advance(BATCH_DELAY_MS + 31_000);
    expect(sent).toHaveBeenCalledTimes(6);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(readers(server, messages[0]!)).toEqual([]);

    await act(() => transport.reconnect());
    await advance();
    expect(sent).toHaveBeenCalledTimes(7);
    expect(readers(server, messages[0]!)).toEqual(['alice']);
  });

  it('takes 2114 (nothing left to acknowledge) as done: no retry and no error', async () => {
    const { chat, messages, sent } = await incoming(1);
    const nothingToDo = new ReadByError(
      ERROR_CODE.READ_RECEIPT_MSG_LIST_EMPTY,
      'messageList: nothing to acknowledge',
    );
    sent.mockRejectedValueOnce(nothingToDo);
    const onError = vi.fn();
    render(<Conversation messages={messages} options={{ onError }} />, { wrapper: providerOf(chat) });
    show('message 1');
    await advance(DWELL_MS + BATCH_DELAY_MS);
    await advance(60_000);
    expect(sent).toHaveBeenCalledTimes(1);
    expect(onError).not.toHaveBeenCalled();
  });

  it('does not retry a refusal by the server, and tells onError', async () => {
    const { chat, messages, sent } = await incoming(1);
    const refused = new ReadByError(ERROR_CODE.PERMISSION_DENIED, 'alice is not a member of group team');
    sent.mockRejectedValueOnce(refused);
    const onError = vi.fn();
    render(<Conversation messages={messages} options={{ onError }} />, { wrapper: providerOf(chat) });
    show('message 1');
    await advance(DWELL_MS + BATCH_DELAY_MS);
    await advance(60_000);
    expect(sent).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith(refused, [messages[0]]);
  });
});

describe('§3 useReadReceiptTracker: flushing', () => {
  it('sends what is queued at once when the tracker unmounts', async () => {
    const { chat, messages, sent } = await incoming(1);
    const { unmount } = render(<Conversation messages={messages} />, { wrapper: providerOf(chat) });
    show('message 1');
    await advance(DWELL_MS);
    expect(sent).not.toHaveBeenCalled();
    unmount();
    expect(idsOf(sent.mock.calls)).toEqual([[messages[0]!.ID]]);
    await advance(BATCH_DELAY_MS);
    expect(sent).toHaveBeenCalledTimes(1);
  });

  it('sends what is queued at once on pagehide', async () => {
    const { chat, messages, sent } = await incoming(1);
    render(<Conversation messages={messages} />, { wrapper: providerOf(chat) });
    show('message 1');
    await advance(DWELL_MS);
    hidePage();
    expect(idsOf(sent.mock.calls)).toEqual([[messages[0]!.ID]]);
    await advance(BATCH_DELAY_MS);
    expect(sent).toHaveBeenCalledTimes(1);
  });

  it('sends what is queued at once when the page becomes hidden', async () => {
    const { chat, messages, sent } = await incoming(1);
    render(<Conversation messages={messages} />, { wrapper: providerOf(chat) });
    show('message 1');
    await advance(DWELL_MS);
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    act(() => {
      document.dispatchEvent(new Event('visibilitychange'));
    });
    expect(idsOf(sent.mock.calls)).toEqual([[messages[0]!.ID]]);
    visibility.mockRestore();
  });

  it('does not send a message whose dwell the unmount cut short', async () => {
    const { chat, messages, sent } = await incoming(1);
    const { unmount } = render(<Conversation messages={messages} />, { wrapper: providerOf(chat) });
    show('message 1');
    await advance(DWELL_MS - 1);
    unmount();
    await advance(10_000);
    expect(sent).not.toHaveBeenCalled();
  });
});

describe('§3 useReadReceiptTracker: what it leaves alone', () => {
  it('sends nothing for own messages, nor watches them', async () => {
    const server = teamServer();
    const chat = connect(server, 'alice');
    const own = await send(chat, 'team', 'mine');
    const sent = vi.spyOn(chat, 'sendMessageReadReceipt');
    render(<Conversation messages={[own]} />, { wrapper: providerOf(chat) });
    show('mine');
    await advance(10_000);
    expect(watchedElements()).toEqual([]);
    expect(sent).not.toHaveBeenCalled();
  });

  it('sends nothing for messages that do not ask for a receipt, nor watches them', async () => {
    const { chat, messages, sent } = await incoming(2, { needReadReceipt: false });
    render(<Conversation messages={messages} />, { wrapper: providerOf(chat) });
    show('message 1', 'message 2');
    await advance(10_000);
    expect(watchedElements()).toEqual([]);
    expect(sent).not.toHaveBeenCalled();
  });

  it('drops the receipts still waiting in the batch when sendReadReceipts turns false: nothing goes out after', async () => {
    const { server, chat, messages, sent } = await incoming(2);
    const { rerender } = render(<Conversation messages={messages} />, { wrapper: providerOf(chat) });
    show('message 1', 'message 2');
    await advance(DWELL_MS);
    // Both receipts are queued and wait the batch delay for company when the user turns receipts off.
    const Off = providerOf(chat, { sendReadReceipts: false });
    rerender(
      <Off>
        <Conversation messages={messages} />
      </Off>,
    );
    await advance(10_000);
    hidePage();
    await advance(10_000);
    expect(sent).not.toHaveBeenCalled();
    expect(readers(server, messages[0]!)).toEqual([]);
    expect(readers(server, messages[1]!)).toEqual([]);
  });

  it('sends nothing when the provider says sendReadReceipts={false}', async () => {
    const { chat, messages, sent } = await incoming(2);
    const { unmount } = render(<Conversation messages={messages} />, {
      wrapper: providerOf(chat, { sendReadReceipts: false }),
    });
    show('message 1', 'message 2');
    await advance(10_000);
    hidePage();
    unmount();
    await advance(10_000);
    expect(watchedElements()).toEqual([]);
    expect(sent).not.toHaveBeenCalled();
  });
});
