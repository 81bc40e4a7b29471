import { type ReactNode, useEffect, useLayoutEffect, useRef, useState } from 'react';
import ReadBy, {
  type Chat,
  EVENT,
  type Message,
  type MessageLike,
  type NetState,
  type RequestName,
  type Requests,
  type Transport,
  TYPES,
} from 'readby';
import {
  type ConnectOptions,
  createMockServer,
  type MockServer,
  type MockTransport,
  type ReaderSimulation,
  type SimulateReadersOptions,
  simulateReaders,
} from 'readby/mock';
import { type ReadByLocale, ReadByProvider, useChat, useChatEvent } from 'readby/react';
import { memberID, memberIDs, nameOf, resolveUser, VIEWER } from './people';
import './demo.css';

export { memberID, memberIDs, nameOf, resolveUser, VIEWER };

/** The group every story chats in. */
export const GROUP_ID = 'team';
export const GROUP_CONVERSATION = `${TYPES.CONV_GROUP}${GROUP_ID}`;
/** The one-to-one peer of the stories: the second member to join. */
export const PEER = memberID(1);
export const PEER_CONVERSATION = `${TYPES.CONV_C2C}${PEER}`;

export interface DemoOptions {
  /** Members of the group, the viewer included; 0 for no group. Default 9: you and eight others. */
  members?: number;
  /** Seeds latency, faults and simulated readers: the same seed gives the same run. Default 7. */
  seed?: number;
  /** Latency of every delivery, in ms: a number or a `[min, max]` range. Default 0. */
  latencyMs?: number | [number, number];
  /** The largest group, counting the sender, whose messages have receipts. Default: the server's 200. */
  maxReceiptGroupSize?: number;
  /** Faults of the viewer's own connection. */
  link?: ConnectOptions;
  /** How long the viewer's requests may go unanswered, in ms. Default: the chat's 15 s. */
  requestTimeoutMs?: number;
  /** Requests the viewer's connection holds back until `demo.release()`: the states between asking and knowing. */
  hold?: RequestName[];
}

/** Runs on the server before the viewer connects, so that bulk setup pushes nothing to a client. */
export type Prepare = (server: MockServer, members: string[]) => void;

export interface SendOptions {
  /** The group to send to. Default the stories' group. */
  to?: string;
  /** Ask for read receipts. Default true. */
  needReadReceipt?: boolean;
  /** Members who read it at once: the first `n` members, or these user IDs in this order. */
  readers?: number | string[];
}

/** A seeded mock server, a group, and the viewer's chat, with helpers that act for the other members. */
export interface Demo {
  readonly server: MockServer;
  readonly chat: Chat;
  /** The viewer's connection: `disconnect()` and `reconnect()` simulate a network that comes and goes. */
  readonly link: MockTransport;
  /** The other members, in join order. */
  readonly members: string[];
  /** Sends a group message as the viewer; resolves once the chat has heard of the readers' receipts. */
  sendToGroup(text: string, options?: SendOptions): Promise<Message>;
  /** Sends a one-to-one message to the peer; `read` makes the peer read it at once. */
  sendToPeer(text: string, options?: { needReadReceipt?: boolean; read?: boolean }): Promise<Message>;
  /** These members send read receipts for a message, straight to the server. */
  readAs(userIDs: readonly string[], message: Pick<Message, 'ID'>): void;
  /** The newest page of a conversation's history, as the viewer's chat loads it. */
  history(conversationID: string): Promise<Message[]>;
  /** Members who read over time; stopped when the demo ends. */
  simulate(options?: Omit<SimulateReadersOptions, 'exclude'>): ReaderSimulation;
  /** A chat of another member, for a scenario that shows both sides; destroyed when the demo ends. */
  connectAs(userID: string): Chat;
  /** Runs a task later, unless the demo has ended by then. */
  later(ms: number, task: () => void): void;
  /** Lets the requests named in `hold` through. */
  release(): void;
  destroy(): void;
}

/**
 * Builds a demo: a mock server seeded for repeatable runs, a group of readable names with the viewer in it, and
 * the viewer's chat.
 *
 * @example
 * ```ts
 * const demo = createDemo({ members: 9 });
 * const message = await demo.sendToGroup('Ship it?', { readers: 3 });
 * ```
 */
export function createDemo(options: DemoOptions = {}, prepare?: Prepare): Demo {
  const { members: size = 9, seed = 7, latencyMs = 0, maxReceiptGroupSize, link = {}, hold = [] } = options;
  const server = createMockServer({
    seed,
    latencyMs,
    ...(maxReceiptGroupSize === undefined ? {} : { maxReceiptGroupSize }),
  });
  const members = memberIDs(size - 1);
  if (size > 0)
    server.createGroup({ groupID: GROUP_ID, type: TYPES.GRP_WORK, memberList: [VIEWER, ...members] });
  prepare?.(server, members);

  const mockLink = server.connect(VIEWER, link);
  const held = holdBack(mockLink, hold);
  const chat = ReadBy.create({
    transport: held.transport,
    ...(options.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: options.requestTimeoutMs }),
  });
  const simulations = new Set<ReaderSimulation>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const others = new Set<Chat>();

  /** Resolves once `check` holds after a receipt event, or after a while when a push never comes. */
  const settle = (check: () => boolean) =>
    new Promise<void>((resolve) => {
      if (check()) return resolve();
      const done = () => {
        offReceipts();
        offPeer();
        clearTimeout(timer);
        resolve();
      };
      const onChange = () => {
        if (check()) done();
      };
      const offReceipts = chat.on(EVENT.MESSAGE_READ_RECEIPT_RECEIVED, onChange);
      const offPeer = chat.on(EVENT.MESSAGE_READ_BY_PEER, onChange);
      const timer = setTimeout(done, 3_000);
    });

  const readAs = (userIDs: readonly string[], message: Pick<Message, 'ID'>) => {
    for (const userID of userIDs) {
      server.request(userID, 'sendMessageReadReceipt', { messageIDs: [message.ID] });
    }
  };

  const demo: Demo = {
    server,
    chat,
    link: mockLink,
    members,
    async sendToGroup(text, { to = GROUP_ID, needReadReceipt = true, readers = [] } = {}) {
      const message = chat.createTextMessage({
        to,
        conversationType: TYPES.CONV_GROUP,
        payload: { text },
        needReadReceipt,
      });
      const sent = (await chat.sendMessage(message)).data.message;
      const readerIDs = typeof readers === 'number' ? members.slice(0, readers) : readers;
      if (readerIDs.length === 0 || !sent.needReadReceipt) return sent;
      readAs(readerIDs, sent);
      await settle(() => {
        const info = chat.findMessage(sent.ID)?.readReceiptInfo;
        return info !== undefined && 'readCount' in info && (info.readCount ?? 0) >= readerIDs.length;
      });
      return chat.findMessage(sent.ID) ?? sent;
    },
    async sendToPeer(text, { needReadReceipt = true, read = false } = {}) {
      const message = chat.createTextMessage({
        to: PEER,
        conversationType: TYPES.CONV_C2C,
        payload: { text },
        needReadReceipt,
      });
      const sent = (await chat.sendMessage(message)).data.message;
      if (!read) return sent;
      readAs([PEER], sent);
      await settle(() => {
        const info = chat.findMessage(sent.ID)?.readReceiptInfo;
        return info !== undefined && 'isPeerRead' in info && info.isPeerRead === true;
      });
      return chat.findMessage(sent.ID) ?? sent;
    },
    readAs,
    async history(conversationID) {
      return (await chat.getMessageList({ conversationID })).data.messageList;
    },
    simulate(simulation = {}) {
      const running = simulateReaders(server, { ...simulation, exclude: [VIEWER] });
      simulations.add(running);
      return running;
    },
    connectAs(userID) {
      const other = ReadBy.create({ transport: server.connect(userID) });
      others.add(other);
      return other;
    },
    later(ms, task) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        task();
      }, ms);
      timers.add(timer);
    },
    release: held.release,
    destroy() {
      for (const simulation of simulations) simulation.stop();
      for (const timer of timers) clearTimeout(timer);
      for (const other of others) other.destroy();
      chat.destroy();
    },
  };
  return demo;
}

/**
 * A transport that holds back answers to some requests until released. A Transport is a small interface, so
 * wrapping one is also how an app would add logging or its own retry policy.
 */
function holdBack(transport: Transport, methods: readonly RequestName[]) {
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const held: Transport = {
    userID: transport.userID,
    clientID: transport.clientID,
    open: (listener) => transport.open(listener),
    request<K extends RequestName>(method: K, params: Requests[K]['params']) {
      return methods.includes(method)
        ? gate.then(() => transport.request(method, params))
        : transport.request(method, params);
    },
    close: () => transport.close(),
  };
  return { transport: held, release: () => release() };
}

export type DemoState<T> =
  | { phase: 'connecting' }
  | { phase: 'ready'; demo: Demo; value: T }
  | { phase: 'failed'; error: unknown };

/**
 * A demo for as long as the component is mounted: built on mount, rebuilt when the options change, destroyed on
 * unmount (simulations, timers and chats included). `setup` runs once per build and may be async.
 */
export function useDemo<T>(
  options: DemoOptions,
  setup: (demo: Demo) => T | Promise<T>,
  prepare?: Prepare,
): DemoState<T> {
  // Options are compared by value, so that an inline object does not rebuild the chat on every render.
  const key = JSON.stringify(options);
  const latest = useRef({ setup, prepare });
  useLayoutEffect(() => {
    latest.current = { setup, prepare };
  });
  const [state, setState] = useState<DemoState<T>>({ phase: 'connecting' });

  useEffect(() => {
    const demo = createDemo(JSON.parse(key) as DemoOptions, latest.current.prepare);
    let live = true;
    setState({ phase: 'connecting' });
    Promise.resolve()
      .then(() => latest.current.setup(demo))
      .then(
        (value) => live && setState({ phase: 'ready', demo, value }),
        (error: unknown) => live && setState({ phase: 'failed', error }),
      );
    return () => {
      live = false;
      demo.destroy();
    };
  }, [key]);

  return state;
}

export interface LiveDemoProps<T> {
  /** The server, group and connection to build. */
  options?: DemoOptions;
  /** Runs on the server before the viewer connects: bulk setup. */
  prepare?: Prepare;
  /** Puts the demo in the state the story shows; its result goes to `children`. */
  setup: (demo: Demo) => T | Promise<T>;
  children: (value: T, demo: Demo) => ReactNode;
  locale?: ReadByLocale;
  sendReadReceipts?: boolean;
}

/**
 * Builds a demo and renders its children inside `ReadByProvider`, with the stories' directory of names. What an
 * app does once at its root, each story does here.
 */
export function LiveDemo<T>({
  options = {},
  prepare,
  setup,
  children,
  locale,
  sendReadReceipts,
}: LiveDemoProps<T>) {
  const state = useDemo(options, setup, prepare);
  if (state.phase === 'connecting') return <p className="demo-note">Connecting to the mock server…</p>;
  if (state.phase === 'failed') {
    return (
      <p className="demo-note" role="alert">
        The demo could not start: {state.error instanceof Error ? state.error.message : String(state.error)}
      </p>
    );
  }
  return (
    <ReadByProvider
      chat={state.demo.chat}
      resolveUser={resolveUser}
      {...(locale === undefined ? {} : { locale })}
      {...(sendReadReceipts === undefined ? {} : { sendReadReceipts })}
    >
      {children(state.value, state.demo)}
    </ReadByProvider>
  );
}

/**
 * Story renders for a component that shows one message. `onMessage(setup, options, prepare)` builds a live demo,
 * lets `setup` send the message, and hands it to `show` with the story's other args.
 *
 * @example
 * ```tsx
 * const onMessage = storyRendersOnMessage<ReadByBadgeProps>((message, args) => (
 *   <ReadByBadge {...args} message={message} />
 * ));
 * export const Unread: Story = { render: onMessage((demo) => demo.sendToGroup('Ship it?')) };
 * ```
 */
export function storyRendersOnMessage<Args extends { message?: MessageLike | null }>(
  show: (message: Message, args: Omit<Args, 'message'>) => ReactNode,
  defaultOptions?: DemoOptions,
) {
  return (setup: (demo: Demo) => Promise<Message> | Message, options = defaultOptions, prepare?: Prepare) =>
    ({ message: _message, ...args }: Args) => (
      <LiveDemo options={options} prepare={prepare} setup={setup}>
        {(message) => show(message, args)}
      </LiveDemo>
    );
}

/** The text of a message, for display. */
export function textOf(message: MessageLike): string {
  const payload: { text?: string; description?: string; data?: string } = message.payload;
  return payload.text ?? payload.description ?? payload.data ?? '';
}

const clock = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });

/** A message as a chat shows it, with room for a badge. */
export function MessageCard({ message, children }: { message: MessageLike; children?: ReactNode }) {
  return (
    <div className="demo-card" data-flow={message.flow}>
      <p className="demo-card-text">{textOf(message)}</p>
      <div className="demo-card-meta">
        <span>
          {message.flow === 'out' ? 'You' : nameOf(message.from)} · {clock.format((message.time ?? 0) * 1000)}
        </span>
        {children}
      </div>
    </div>
  );
}

/**
 * Stands in for a component's `message` arg: every story sends its own message on a live mock server and passes
 * that one to the component, so the controls never edit a message by hand.
 */
export const messageArg: Message = Object.freeze({
  ID: 'sent-by-the-story',
  type: TYPES.MSG_TEXT,
  payload: Object.freeze({ text: 'Sent by the story' }),
  conversationType: TYPES.CONV_GROUP,
  conversationID: GROUP_CONVERSATION,
  to: GROUP_ID,
  from: VIEWER,
  flow: 'out',
  time: 0,
  sequence: 0,
  status: 'unSend',
  needReadReceipt: true,
  readReceiptInfo: Object.freeze({ readCount: undefined, unreadCount: undefined }),
  isPeerRead: false,
});

/** The `message` control of a component whose stories send their own group message. */
export const sentMessageArgType = {
  control: false,
  description: 'A group message you sent with receipts. In these stories, one the story has just sent.',
} as const;

/**
 * The JSX a story amounts to, for the docs' "Show code": the live message becomes `message`, handlers become
 * names, and props left at their defaults are left out.
 */
export function jsxSource(
  name: string,
  args: Readonly<Record<string, unknown>>,
  expressions: Readonly<Record<string, string>> = {},
): string {
  const props = Object.entries(expressions).map(([prop, expression]) => `${prop}={${expression}}`);
  for (const [prop, value] of Object.entries(args)) {
    if (prop in expressions || value === undefined || value === false) continue;
    if (value === true) props.push(prop);
    else if (typeof value === 'string') props.push(`${prop}="${value}"`);
    else if (typeof value === 'number') props.push(`${prop}={${value}}`);
  }
  return `<${name} ${props.join(' ')} />`;
}

/** The connection state, as an app would show it in its header. */
export function NetworkStatus() {
  const chat = useChat<Chat>();
  const [state, setState] = useState<NetState>(chat.netState);
  useChatEvent(EVENT.NET_STATE_CHANGE, ({ data }) => setState(data.state as NetState));
  // The state may have changed between render and subscription.
  useEffect(() => setState(chat.netState), [chat]);
  return <span aria-live="polite">Network: {state}</span>;
}

/** The docs' "Show code" for a story: the code `source` writes from the story's args, in place of its render. */
export function sourceFromArgs(source: (args: Record<string, unknown>) => string) {
  return {
    transform: (_code: string, { args }: { args: Record<string, unknown> }) => source(args),
  };
}
