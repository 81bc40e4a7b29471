import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render } from '@testing-library/react';
import axe from 'axe-core';
import type { ReactElement, ReactNode } from 'react';
import ReadBy, { type Chat, type ChatOptions, type ConversationType, type Message } from 'readby';
import { createMockServer, type MockServer, type MockServerOptions } from 'readby/mock';
import { ReadByProvider, type ReadByProviderProps, ReaderList } from 'readby/react';
import { fixedViewport, type ReaderListVirtualOptions } from 'readby/testing';
import { afterEach, expect } from 'vitest';

const chats: Chat[] = [];

/** A chat that is destroyed after the test, once the components using it are unmounted. */
export function createChat(options: ChatOptions): Chat {
  const chat = ReadBy.create(options);
  chats.push(chat);
  return chat;
}

// After every test of a file that imports this one: unmount what it rendered, then destroy its chats.
afterEach(() => {
  cleanup();
  for (const chat of chats.splice(0)) chat.destroy();
});

export interface GroupScene {
  server: MockServer;
  /** Alice's chat: she sent the message. */
  chat: Chat;
  /** Alice's group message with receipts, as sent. */
  message: Message;
  /** The other members, in join order. */
  members: string[];
}

export interface GroupSceneOptions {
  members?: string[];
  server?: MockServerOptions;
  text?: string;
}

/** A server with the private group "team" of alice and `members`, and alice's chat on it. */
export function aliceInTeam(
  members: string[],
  serverOptions?: MockServerOptions,
): { server: MockServer; chat: Chat } {
  const server = createMockServer(serverOptions);
  server.createGroup({ groupID: 'team', type: 'Private', memberList: ['alice', ...members] });
  return { server, chat: createChat({ transport: server.connect('alice') }) };
}

/** A group "team" of alice and `members`, and a message alice sent to it with receipts. */
export async function groupScene(options: GroupSceneOptions = {}): Promise<GroupScene> {
  const members = options.members ?? ['bob', 'carol', 'dave', 'erin'];
  const { server, chat } = aliceInTeam(members, options.server);
  const message = await sendText(chat, 'team', options.text ?? 'Lunch at noon?');
  return { server, chat, message, members };
}

/** An unsent text with receipts from `chat`: to the group `to`, or with `'C2C'` to the user `to`. */
export function draftText(
  chat: Chat,
  to: string,
  text: string,
  conversationType: ConversationType = 'GROUP',
): Message {
  return chat.createTextMessage({ to, conversationType, payload: { text }, needReadReceipt: true });
}

/** Sends a text with receipts from `chat` (see `draftText`) and returns the message as sent. */
export async function sendText(
  chat: Chat,
  to: string,
  text: string,
  conversationType: ConversationType = 'GROUP',
): Promise<Message> {
  return (await chat.sendMessage(draftText(chat, to, text, conversationType))).data.message;
}

/** Alice on a second device: her chat, and the first "team" message as its history loads it, without counts. */
export async function aliceOnSecondDevice(server: MockServer): Promise<{ chat: Chat; message: Message }> {
  const chat = createChat({ transport: server.connect('alice') });
  const { data } = await chat.getMessageList({ conversationID: 'GROUPteam' });
  return { chat, message: data.messageList[0]! };
}

/** Each user sends a read receipt for the message, in the order given, straight to the server. */
export function readAs(server: MockServer, message: Message, ...userIDs: string[]): void {
  for (const userID of userIDs)
    server.request(userID, 'sendMessageReadReceipt', { messageIDs: [message.ID] });
}

/** `count` user IDs `m0001`, `m0002`, … in join order. */
export function manyMembers(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `m${String(index + 1).padStart(4, '0')}`);
}

type ProviderOptions = Omit<ReadByProviderProps, 'chat' | 'children'> & {
  /** An app QueryClient to put around the provider. */
  queryClient?: QueryClient;
};

/** Renders `ui` inside a ReadByProvider for `chat`. */
export function renderWithChat(chat: Chat, ui: ReactElement, options: ProviderOptions = {}) {
  const { queryClient, ...props } = options;
  const wrapper = ({ children }: { children: ReactNode }) => {
    const provider = (
      <ReadByProvider chat={chat} {...props}>
        {children}
      </ReadByProvider>
    );
    return queryClient ? (
      <QueryClientProvider client={queryClient}>{provider}</QueryClientProvider>
    ) : (
      provider
    );
  };
  return render(ui, { wrapper });
}

/** Renders the read and the unread ReaderList of `message` side by side, each measured for the virtual list. */
export function renderBothLists(chat: Chat, message: Message) {
  return renderWithChat(
    chat,
    <>
      <ReaderList message={message} filter="read" virtualOptions={measured()} />
      <ReaderList message={message} filter="unread" virtualOptions={measured()} />
    </>,
  );
}

/** An app QueryClient that retries without waiting, so that failures surface within a test's time. */
export function quickRetryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retryDelay: 0 } } });
}

/** A viewport of `height` × `width` px for a reader list, as an app's tests measure one with readby/testing. */
export function measured(height = 480, width = 320): ReaderListVirtualOptions {
  return fixedViewport(height, width);
}

/** Runs axe on `element` (colour contrast aside: jsdom cannot compute it) and expects no violations. */
export async function expectNoAxeViolations(element: Element): Promise<void> {
  const results = await axe.run(element, { rules: { 'color-contrast': { enabled: false } } });
  const found = results.violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`,
  );
  expect(results.violations, found.join('\n')).toEqual([]);
}
