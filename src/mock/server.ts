import {
  type GroupType,
  invalidParameter,
  REQUEST_METHODS,
  type RequestName,
  type Requests,
  TYPES,
  type WireMessage,
} from '../core/index';
import { getConversationList, setMessageRead } from './conversations';
import { addGroupMembers, type CreateGroupOptions, createGroup, removeGroupMembers } from './groups';
import { getGroupMessageReadMemberList } from './memberList';
import { clientIDFor, postedMessageID } from './messageIDs';
import { getMessageList, sendMessage } from './messages';
import { readConnectOptions, readServerOptions, type ServerSettings } from './options';
import { createRandom, hashString, type Random } from './random';
import { getMessageReadReceiptList, sendMessageReadReceipt } from './receipts';
import { attachConnection, connectionStats, detachConnection, type ServerLink } from './serverLink';
import { createServerState, findGroup, type ServerConnection, type ServerState } from './serverState';
import { getReceiptTruth, getStorageStats, type ReceiptTruth } from './stats';
import { type ConnectOptions, MockTransport } from './transport';

export interface MockServerOptions {
  /** Seeds every random choice (latency, faults, simulated readers): the same seed gives the same run. Default 1. */
  seed?: number;
  /** Latency of each delivery, in ms: a number or a `[min, max]` range. Default 0. */
  latencyMs?: number | [number, number];
  /** Group types that have receipts (R8). Default `['Private', 'Public', 'ChatRoom']`. */
  readReceiptGroupTypes?: GroupType[];
  /** The largest group, counting the sender, whose messages have receipts (R8). Default 200. */
  maxReceiptGroupSize?: number;
  /** Who may list a message's readers (R7): only its sender (default), or every member. */
  memberListAccess?: 'sender' | 'members';
  /** The server clock, in ms. Default `Date.now`. */
  now?: () => number;
}

/** What a simulated user can post through {@link MockServer.postMessage}. */
export interface PostMessageOptions {
  from: string;
  to: string;
  conversationType: 'C2C' | 'GROUP';
  text: string;
  needReadReceipt?: boolean;
}

type Handlers = {
  [M in RequestName]: (
    userID: string,
    params: Requests[M]['params'],
    from: ServerConnection | undefined,
  ) => Requests[M]['result'];
};

/**
 * The in-package backend: groups, messages and who read what, with the rules of docs/rules.md enforced here, where a
 * real backend would enforce them. Reach it through `server.connect(userID)`.
 *
 * @example
 * ```ts
 * const server = createMockServer({ seed: 7, latencyMs: [20, 80] });
 * server.createGroup({ groupID: 'team', type: 'Private', memberList: ['alice', 'bob', 'carol'] });
 * const chat = ReadBy.create({ transport: server.connect('alice') });
 * ```
 */
export class MockServer {
  readonly options: ServerSettings;
  readonly #state: ServerState;
  /** Numbers connections and messages posted for simulated users alike, so that every ID the server makes is new. */
  #nextID = 0;

  constructor(options: MockServerOptions = {}) {
    const { settings, now } = readServerOptions(options);
    this.options = settings;
    const keys = this.createRandom('cursor key');
    const word = () => Math.floor(keys.next() * 2 ** 32);
    this.#state = createServerState(settings, now, [word(), word()]);
  }

  // --- administration (direct, synchronous: for tests, stories and demos) ---------------------------------

  /**
   * Creates a group; its members join in the order given.
   *
   * @example
   * ```ts
   * server.createGroup({ groupID: 'test', type: 'Public', memberList: ['alice', 'bob'] });
   * ```
   */
  createGroup(options: CreateGroupOptions): void {
    createGroup(this.#state, options);
  }

  /** Adds members at the end of the join order; existing members are left as they are. */
  addGroupMembers(groupID: string, userIDs: string[]): void {
    addGroupMembers(this.#state, groupID, userIDs);
  }

  /** Removes members. They stay recipients of what was sent while they were members (R1). */
  removeGroupMembers(groupID: string, userIDs: string[]): void {
    removeGroupMembers(this.#state, groupID, userIDs);
  }

  /** The group's members in join order. */
  getGroupMemberList(groupID: string): string[] {
    return findGroup(this.#state, groupID).roster.members();
  }

  /** Every user the server has heard of. */
  getUserList(): string[] {
    return [...this.#state.users];
  }

  /**
   * A connection for `userID`, to give to `ReadBy.create`. Options add faults to this connection only.
   *
   * @example
   * ```ts
   * const transport = server.connect('bob', { dropRate: 0.1, reorder: true });
   * const chat = ReadBy.create({ transport });
   * transport.disconnect(); transport.reconnect();
   * ```
   */
  connect(userID: string, options: ConnectOptions = {}): MockTransport {
    if (typeof userID !== 'string' || userID === '') throw invalidParameter('userID', 'a non-empty string');
    const checked = readConnectOptions(options);
    const state = this.#state;
    state.users.add(userID);
    this.#nextID += 1;
    const clientID = clientIDFor(userID, this.#nextID);
    // The user is fixed here, in closures the transport cannot reach: see ServerLink.
    const link: ServerLink = {
      attach: (connection) => attachConnection(state, userID, connection),
      detach: (connection) => detachConnection(state, userID, connection),
      request: (method, params, connection) => this.request(userID, method, params, connection),
    };
    return new MockTransport(link, {
      ...checked,
      // After the spread: `{ latencyMs: undefined }` means "the server's", as leaving it out does.
      latencyMs: checked.latencyMs ?? this.options.latencyMs,
      userID,
      clientID,
      random: this.createRandom(clientID),
    });
  }

  /** A random source of its own for `label`, derived from the server's seed. */
  createRandom(label: string): Random {
    return createRandom(hashString(`${this.options.seed}:${label}`));
  }

  /**
   * Posts a message as a simulated user, without a client, through the same checks as a client's send. Returns the
   * message as stored; changing what is returned changes nothing on the server.
   *
   * @example
   * ```ts
   * server.postMessage({ from: 'bob', to: 'team', conversationType: 'GROUP', text: 'On it', needReadReceipt: true });
   * ```
   */
  postMessage(options: PostMessageOptions): WireMessage {
    if (typeof options !== 'object' || options === null) throw invalidParameter('options', 'an object');
    if (typeof options.from !== 'string' || options.from === '')
      throw invalidParameter('options.from', 'a non-empty string');
    // The same checks as a client's send (content, target, membership), since it goes the same way.
    const { message } = this.request(options.from, 'sendMessage', {
      message: {
        ID: postedMessageID(options.from, this.#nextID + 1),
        type: TYPES.MSG_TEXT,
        payload: { text: options.text },
        conversationType: options.conversationType,
        to: options.to,
        needReadReceipt: options.needReadReceipt ?? false,
      },
    });
    // Counted only once stored, so that a refused post leaves no trace, not even in the next post's ID.
    this.#nextID += 1;
    return message;
  }

  /**
   * Calls `listener` with every message the server stores, frozen: a listener reads the server's own record and
   * cannot change it. A listener that throws is reported and fails neither the send nor the other listeners.
   * Returns a function that stops it.
   *
   * @example
   * ```ts
   * const stop = server.onMessage((message) => console.log(message.from, message.payload.text));
   * stop();
   * ```
   */
  onMessage(listener: (message: WireMessage) => void): () => void {
    if (typeof listener !== 'function') throw invalidParameter('listener', 'a function');
    this.#state.messageListeners.add(listener);
    return () => this.#state.messageListeners.delete(listener);
  }

  /** The server's truth about a message's receipts (group messages with receipts), or null. */
  getReceiptTruth(messageID: string): ReceiptTruth | null {
    return getReceiptTruth(this.#state, messageID);
  }

  /** Storage held by receipts: the numbers behind the memory bar of docs/rules.md §4. */
  getStorageStats(): { messages: number; receipts: number; receiptBytes: number } {
    return getStorageStats(this.#state);
  }

  /**
   * Work done so far by member-list pages: pages served, and the bit words, read-order entries and roster slots
   * they looked at. R7 asks that a page cost what it holds, whatever the group's size; this makes that checkable
   * without timing anything.
   */
  getWorkStats(): { memberListPages: number; memberListProbes: number } {
    return { ...this.#state.work };
  }

  /**
   * Connections the server holds: those open now, and the users they belong to. A closed or disconnected
   * transport leaves nothing behind, so both fall back to 0 once every client has gone.
   *
   * @example
   * ```ts
   * server.connect('alice').close();
   * server.getConnectionStats(); // { connections: 0, users: 0 }
   * ```
   */
  getConnectionStats(): { connections: number; users: number } {
    return connectionStats(this.#state);
  }

  // --- requests -------------------------------------------------------------------------------------------

  /**
   * Handles one request from `userID`, synchronously: returns the answer or throws a ReadByError. Transports
   * call this; tests and simulations may call it to act as a user without a client.
   */
  request<K extends RequestName>(
    userID: string,
    method: K,
    params: Requests[K]['params'],
    from?: ServerConnection,
  ): Requests[K]['result'] {
    if (typeof userID !== 'string' || userID === '') throw invalidParameter('userID', 'a non-empty string');
    if (typeof params !== 'object' || params === null) throw invalidParameter('params', 'an object');
    const handler = Object.hasOwn(this.#handlers, method)
      ? (this.#handlers[method] as Handlers[K] | undefined)
      : undefined;
    if (!handler) throw invalidParameter('method', `one of ${REQUEST_METHODS.join(', ')}`);
    return handler(userID, params, from);
  }

  /** Built once, not per request: receipts arrive by the million and each request is otherwise cheap. */
  readonly #handlers: { [M in RequestName]: Handlers[M] } = {
    sendMessage: (userID, p, from) => sendMessage(this.#state, userID, p.message, from),
    getMessageList: (userID, p) => getMessageList(this.#state, userID, p),
    sendMessageReadReceipt: (userID, p) => sendMessageReadReceipt(this.#state, userID, p.messageIDs),
    getMessageReadReceiptList: (userID, p) => getMessageReadReceiptList(this.#state, userID, p.messageIDs),
    getGroupMessageReadMemberList: (userID, p) => getGroupMessageReadMemberList(this.#state, userID, p),
    setMessageRead: (userID, p) => setMessageRead(this.#state, userID, p.conversationID),
    getConversationList: (userID) => getConversationList(this.#state, userID),
  };
}

/**
 * Creates a mock server.
 *
 * @example
 * ```ts
 * import { createMockServer } from 'readby/mock';
 * const server = createMockServer({ seed: 42, maxReceiptGroupSize: 100_000 });
 * ```
 */
export function createMockServer(options?: MockServerOptions): MockServer {
  return new MockServer(options);
}
