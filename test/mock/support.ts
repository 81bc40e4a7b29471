import ReadBy, { type Chat, type Message, ReadByError, type WireMessage } from 'readby';
import type { ConnectOptions, MockServer } from 'readby/mock';
import { afterEach, beforeEach, vi } from 'vitest';

/**
 * Runs every test of the enclosing file or `describe` on fake timers. Returns `track`, which hands back the chat
 * it is given and destroys it after the test.
 */
export function fakeTimersWithChatCleanup(): (chat: Chat) => Chat {
  let chats: Chat[] = [];
  beforeEach(() => {
    vi.useFakeTimers();
    chats = [];
  });
  afterEach(() => {
    for (const chat of chats) chat.destroy();
    vi.useRealTimers();
  });
  return (chat) => {
    chats.push(chat);
    return chat;
  };
}

/** Lets every queued microtask and zero-latency delivery run (real timers). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Waits `ms` of (usually fake) time. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A client for `userID` on `server`, with faults on its connection if asked. */
export function connectChat(
  server: MockServer,
  userID: string,
  options: ConnectOptions = {},
  requestTimeoutMs?: number,
): Chat {
  const transport = server.connect(userID, options);
  return ReadBy.create(requestTimeoutMs === undefined ? { transport } : { transport, requestTimeoutMs });
}

/** A group message with receipts, created by `chat` for `groupID`. */
export function groupMessage(chat: Chat, groupID: string, text: string): Message {
  return chat.createTextMessage({
    to: groupID,
    conversationType: ReadBy.TYPES.CONV_GROUP,
    payload: { text },
    needReadReceipt: true,
  });
}

/** A one-to-one message with receipts, created by `chat` for `userID`. */
export function peerMessage(chat: Chat, userID: string, text: string): Message {
  return chat.createTextMessage({
    to: userID,
    conversationType: ReadBy.TYPES.CONV_C2C,
    payload: { text },
    needReadReceipt: true,
  });
}

/** A group message with receipts that `from` posts straight on the server, without a client. */
export function postToGroup(server: MockServer, from: string, groupID: string, text: string): WireMessage {
  return server.postMessage({ from, to: groupID, conversationType: 'GROUP', text, needReadReceipt: true });
}

/** Runs `action` and returns the ReadByError it throws; fails when it throws something else or nothing. */
export function thrownBy(action: () => unknown): ReadByError {
  try {
    action();
  } catch (error) {
    if (error instanceof ReadByError) return error;
    throw error;
  }
  throw new Error('expected a ReadByError, but nothing was thrown');
}

/** Advances fake time in steps until `done()` holds, or fails after `limitMs`. */
export async function advanceUntil(done: () => boolean, limitMs: number, stepMs = 10): Promise<void> {
  for (let waited = 0; !done(); waited += stepMs) {
    if (waited > limitMs) throw new Error(`not done after ${limitMs} ms of simulated time`);
    await vi.advanceTimersByTimeAsync(stepMs);
  }
}

/** `members` user IDs `u0`, `u1`, … in join order. */
export function userIDs(count: number, prefix = 'u'): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix}${index}`);
}
