import ReadBy, {
  type Chat,
  type ChatOptions,
  type EventMap,
  type GroupType,
  type Message,
  ReadByError,
  type RequestName,
  type Requests,
  type Transport,
  TYPES,
} from 'readby';
import {
  type ConnectOptions,
  createMockServer,
  type MockServer,
  type MockServerOptions,
  type MockTransport,
} from 'readby/mock';
import { afterEach, expect } from 'vitest';

const chats: Chat[] = [];

// Every chat a test makes is destroyed after it, so that no connection outlives its test.
afterEach(() => {
  for (const chat of chats.splice(0)) chat.destroy();
});

export function createServer(options: MockServerOptions = {}): MockServer {
  return createMockServer({ seed: 1, ...options });
}

/** A server with one group, `team`, whose members joined in the order given. */
export function teamServer(
  members: string[] = ['alice', 'bob', 'carol', 'dave'],
  type: GroupType = TYPES.GRP_WORK,
  options: MockServerOptions = {},
): MockServer {
  const server = createServer(options);
  server.createGroup({ groupID: 'team', type, memberList: members });
  return server;
}

export function connect(
  server: MockServer,
  userID: string,
  connectOptions: ConnectOptions = {},
  chatOptions: Omit<ChatOptions, 'transport'> = {},
): Chat {
  const chat = ReadBy.create({ transport: server.connect(userID, connectOptions), ...chatOptions });
  chats.push(chat);
  return chat;
}

/** Registers a chat made elsewhere (for example with its own transport) for clean-up. */
export function track(chat: Chat): Chat {
  chats.push(chat);
  return chat;
}

/**
 * Lets every queued delivery run. With no latency the mock delivers with microtasks, and a macrotask runs only
 * after all of them, including those they queue in turn.
 */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

interface TextOptions {
  conversationType?: 'C2C' | 'GROUP';
  needReadReceipt?: boolean;
}

/** An unsent text from `chat`: to a group unless `conversationType` says C2C, with receipts unless told not to. */
export function draftText(chat: Chat, to: string, text: string, options: TextOptions = {}): Message {
  return chat.createTextMessage({
    to,
    conversationType: options.conversationType ?? TYPES.CONV_GROUP,
    payload: { text },
    needReadReceipt: options.needReadReceipt ?? true,
  });
}

/** Sends a text made as `draftText` makes it and returns the sent snapshot. */
export async function sendText(
  chat: Chat,
  to: string,
  text: string,
  options: TextOptions = {},
): Promise<Message> {
  const { data } = await chat.sendMessage(draftText(chat, to, text, options));
  return data.message;
}

export function sendToPeer(chat: Chat, to: string, text: string, needReadReceipt = true): Promise<Message> {
  return sendText(chat, to, text, { conversationType: TYPES.CONV_C2C, needReadReceipt });
}

/** The `data` of every event of one name, in delivery order. */
export function record<K extends keyof EventMap>(chat: Chat, name: K): EventMap[K][] {
  const seen: EventMap[K][] = [];
  chat.on(name, ({ data }) => {
    seen.push(data);
  });
  return seen;
}

/** Loads a conversation's newest page into a chat and returns it. */
export async function load(chat: Chat, conversationID: string, count?: number): Promise<Message[]> {
  const { data } = await chat.getMessageList(
    count === undefined ? { conversationID } : { conversationID, count },
  );
  return data.messageList;
}

/** The ReadByError a promise rejects with; fails the test when it resolves or rejects with anything else. */
export async function rejection(promise: Promise<unknown>): Promise<ReadByError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ReadByError);
    return error as ReadByError;
  }
  throw new Error('expected the promise to reject');
}

/** The ReadByError a synchronous call throws. */
export function thrown(call: () => unknown): ReadByError {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(ReadByError);
    return error as ReadByError;
  }
  throw new Error('expected the call to throw');
}

/** Passes a value the types forbid, as JavaScript callers can. */
export function untyped<T>(value: unknown): T {
  return value as T;
}

/** Unread counts of a user's conversations, by conversation ID. */
export async function unreadCounts(chat: Chat): Promise<Record<string, number>> {
  const { data } = await chat.getConversationList();
  return Object.fromEntries(data.conversationList.map((c) => [c.conversationID, c.unreadCount]));
}

/**
 * Pages through R7 from the first page to the last, returning every page. Fails when a page says it is the last
 * but hands out a cursor, or the other way round, and when the pages never end.
 */
export async function allPages(
  chat: Chat,
  message: Message,
  filter: 0 | 1,
  count: number,
): Promise<{ users: string[]; pages: number }> {
  const users: string[] = [];
  let cursor = '';
  let pages = 0;
  do {
    const { data } = await chat.getGroupMessageReadMemberList({ message, filter, cursor, count });
    users.push(...(filter === 0 ? data.readUserIDList : data.unreadUserIDList));
    expect(data.isCompleted).toBe(data.cursor === '');
    cursor = data.cursor;
    pages += 1;
    if (pages > 10_000) throw new Error('the member list never reached its last page');
  } while (cursor !== '');
  return { users, pages };
}

export function range(count: number, prefix = 'user'): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(3, '0')}`);
}

/** A transport that passes the first request of `method` to the server but loses its answer. */
export function losingFirstAnswer(inner: MockTransport, method: RequestName): Transport {
  let lost = false;
  return {
    userID: inner.userID,
    clientID: inner.clientID,
    open: (listener) => inner.open(listener),
    request<K extends RequestName>(name: K, params: Requests[K]['params']): Promise<Requests[K]['result']> {
      const answer = inner.request(name, params);
      if (name !== method || lost) return answer;
      lost = true;
      answer.catch(() => {});
      return new Promise(() => {});
    },
    close: () => inner.close(),
  };
}
