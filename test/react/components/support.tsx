import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render } from '@testing-library/react';
import axe from 'axe-core';
import type { ReactElement, ReactNode } from 'react';
import ReadBy, { type Chat, type ChatOptions, type Message } from 'readby';
import { createMockServer, type MockServer, type MockServerOptions } from 'readby/mock';
import { ReadByProvider, type ReadByProviderProps, type ReaderListProps } from 'readby/react';
import { expect } from 'vitest';

const chats: Chat[] = [];

/** A chat that is destroyed after the test, once the components using it are unmounted. */
export function createChat(options: ChatOptions): Chat {
  const chat = ReadBy.create(options);
  chats.push(chat);
  return chat;
}

/** Unmounts what the test rendered, then destroys its chats. For `afterEach`. */
export function tearDown(): void {
  cleanup();
  for (const chat of chats.splice(0)) chat.destroy();
}

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

/** A group "team" of alice and `members`, and a message alice sent to it with receipts. */
export async function groupScene(options: GroupSceneOptions = {}): Promise<GroupScene> {
  const members = options.members ?? ['bob', 'carol', 'dave', 'erin'];
  const server = createMockServer(options.server);
  server.createGroup({ groupID: 'team', type: 'Private', memberList: ['alice', ...members] });
  const chat = createChat({ transport: server.connect('alice') });
  const draft = chat.createTextMessage({
    to: 'team',
    conversationType: 'GROUP',
    payload: { text: options.text ?? 'Lunch at noon?' },
    needReadReceipt: true,
  });
  const { data } = await chat.sendMessage(draft);
  return { server, chat, message: data.message, members };
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

/** An app QueryClient that retries without waiting, so that failures surface within a test's time. */
export function quickRetryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retryDelay: 0 } } });
}

/** Measurements for the virtual list, which jsdom cannot lay out: a viewport of `width` × `height` px. */
export function measured(height = 480, width = 320): NonNullable<ReaderListProps['virtualOptions']> {
  return {
    initialRect: { width, height },
    observeElementRect: (_instance, callback) => {
      callback({ width, height });
      return () => {};
    },
  };
}

/** Runs axe on `element` (colour contrast aside: jsdom cannot compute it) and expects no violations. */
export async function expectNoAxeViolations(element: Element): Promise<void> {
  const results = await axe.run(element, { rules: { 'color-contrast': { enabled: false } } });
  const found = results.violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`,
  );
  expect(results.violations, found.join('\n')).toEqual([]);
}
