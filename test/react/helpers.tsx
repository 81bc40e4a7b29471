import { act, cleanup } from '@testing-library/react';
import type { ReactNode } from 'react';
import ReadBy, { type Chat, type ConversationType, type Message, TYPES } from 'readby';
import { createMockServer, type MockServer, type MockServerOptions, type MockTransport } from 'readby/mock';
import { ReadByProvider, type ReadByProviderProps } from 'readby/react';
import { afterEach, vi } from 'vitest';
import { createTencent, createTencentServer } from '../tencent/fakeTencentChat';

const chats: Chat[] = [];

// Components unmount before their chat goes away, so that effect clean-ups run against a live chat.
afterEach(() => {
  cleanup();
  for (const chat of chats.splice(0)) chat.destroy();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

/** alice sends; bob, carol and dave receive. */
export const TEAM = ['alice', 'bob', 'carol', 'dave'];

/**
 * A seeded mock server. On the Tencent client it also answers the SDK's group-list calls, so that the adapter
 * knows which groups have receipts.
 */
export function createServer(options: MockServerOptions = {}): MockServer {
  return CLIENT === 'tencent'
    ? createTencentServer({ seed: 1, ...options })
    : createMockServer({ seed: 1, ...options });
}

/** A seeded server with the group `team` (members in join order), and any further groups given. */
export function teamServer(members: string[] = TEAM, groups: Record<string, string[]> = {}): MockServer {
  const server = createServer();
  server.createGroup({ groupID: 'team', type: TYPES.GRP_WORK, memberList: members });
  for (const [groupID, memberList] of Object.entries(groups)) {
    server.createGroup({ groupID, type: TYPES.GRP_WORK, memberList });
  }
  return server;
}

/** A chat for `userID`, destroyed after the test. */
export function connect(server: MockServer, userID: string): Chat {
  return connectWithTransport(server, userID).chat;
}

/**
 * The client the React suite runs on: readby's own engine, or (`READBY_CLIENT=tencent`) `fromTencentChat` over a
 * fake of the Tencent Cloud Chat SDK with the real one's habits (messages changed in place, `on` returning nothing,
 * one-to-one counts of 0, 0/0 from history). The same tests must pass on both.
 */
export const CLIENT: 'readby' | 'tencent' = process.env.READBY_CLIENT === 'tencent' ? 'tencent' : 'readby';

/** A chat for `userID` with its transport, for tests that take the connection down. */
export function connectWithTransport(
  server: MockServer,
  userID: string,
): { chat: Chat; transport: MockTransport } {
  if (CLIENT === 'tencent') {
    // As an app that makes the adapter once the SDK is ready; the tests drive it through the same calls.
    const { chat, sdk } = createTencent(server, { readyAs: userID });
    return { chat: chat as unknown as Chat, transport: sdk.transport! };
  }
  const transport = server.connect(userID);
  const chat = ReadBy.create({ transport });
  chats.push(chat);
  return { chat, transport };
}

type ProviderOptions = Omit<ReadByProviderProps, 'chat' | 'children'>;

/** A `wrapper` for `renderHook` and `render`: the hooks under test see `chat` through a provider. */
export function providerOf(chat: Chat, options: ProviderOptions = {}) {
  return ({ children }: { children: ReactNode }) => (
    <ReadByProvider chat={chat} {...options}>
      {children}
    </ReadByProvider>
  );
}

/**
 * Runs fake time forward by `ms`, letting the microtasks that carry the mock's deliveries run between timers, and
 * lets React commit what that changed.
 */
export async function advance(ms = 0): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

/**
 * Lets pending deliveries arrive, then runs animation frames until receipts pushed before are published: the
 * provider publishes pushed receipts at a frame, a round at most every 100 ms and up to 400 ms while they keep
 * coming, so the frames of 400 ms run, then the next one and the task after it.
 */
export async function nextFrame(): Promise<void> {
  await advance(0);
  act(() => {
    vi.advanceTimersByTime(400);
    vi.advanceTimersToNextFrame();
  });
  // A timer set within a frame comes due a millisecond later under fake timers.
  await advance(1);
}

/** An unsent group or one-to-one text from `chat`, with receipts unless told otherwise. */
export function draftText(
  chat: Chat,
  to: string,
  text: string,
  { conversationType = TYPES.CONV_GROUP, needReadReceipt = true }: SendOptions = {},
): Message {
  return chat.createTextMessage({ to, conversationType, payload: { text }, needReadReceipt });
}

/** Sends a group or one-to-one text through `chat` and returns the sent snapshot. */
export async function send(
  chat: Chat,
  to: string,
  text: string,
  options: SendOptions = {},
): Promise<Message> {
  return (await chat.sendMessage(draftText(chat, to, text, options))).data.message;
}

interface SendOptions {
  conversationType?: ConversationType;
  needReadReceipt?: boolean;
}

/** Posts `count` texts as `from`, without a client, named `${prefix} 1` … `${prefix} count`. */
export function post(
  server: MockServer,
  from: string,
  to: string,
  count: number,
  { conversationType = TYPES.CONV_GROUP, needReadReceipt = true, prefix = 'message' }: PostOptions = {},
): string[] {
  const ids: string[] = [];
  for (let i = 1; i <= count; i++) {
    ids.push(server.postMessage({ from, to, conversationType, text: `${prefix} ${i}`, needReadReceipt }).ID);
  }
  return ids;
}

interface PostOptions extends SendOptions {
  prefix?: string;
}

/** Loads a conversation's whole history through `chat`, oldest first: the messages as that user sees them. */
export async function loadHistory(chat: Chat, conversationID: string): Promise<Message[]> {
  const pages: Message[][] = [];
  let nextReqMessageID = '';
  for (;;) {
    const { data } = await chat.getMessageList({ conversationID, nextReqMessageID });
    pages.unshift(data.messageList);
    if (data.isCompleted) return pages.flat();
    nextReqMessageID = data.nextReqMessageID;
  }
}

/** `userID` sends read receipts for messages, as a reader without a client. */
export function readBy(server: MockServer, userID: string, ...messageIDs: string[]): void {
  server.request(userID, 'sendMessageReadReceipt', { messageIDs });
}

/** The text of a text message. */
export function textOf(message: Message): string {
  return message.payload.text ?? '';
}
