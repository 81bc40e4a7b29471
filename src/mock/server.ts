import {
  ERROR_CODE,
  type GroupType,
  invalidParameter,
  MAX_MEMBER_PAGE,
  MAX_MESSAGE_PAGE,
  MAX_RECEIPT_BATCH,
  MAX_RECEIPT_QUERY,
  ReadByError,
  type ReadMemberPage,
  type ReceiptItem,
  type RequestName,
  type Requests,
  type ServerPush,
  TYPES,
  type WireDraft,
  type WireMessage,
  type WireReceipt,
} from '../core/index';
import { decodeCursor, encodeCursor } from './cursor';
import { createRandom, hashString, type Random } from './random';
import { ReadState } from './readState';
import { Roster } from './roster';
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

export interface CreateGroupOptions {
  groupID: string;
  type: GroupType;
  /** Members in join order. */
  memberList: string[];
}

/** What a simulated user can post through {@link MockServer.postMessage}. */
export interface PostMessageOptions {
  from: string;
  to: string;
  conversationType: 'C2C' | 'GROUP';
  text: string;
  needReadReceipt?: boolean;
}

/** The server's own view of a message's receipts: the truth a sender's view converges to. */
export interface ReceiptTruth {
  recipientCount: number;
  readCount: number;
  unreadCount: number;
  /** Readers in the order they read. */
  readUserIDList: string[];
}

interface Group {
  groupID: string;
  type: GroupType;
  roster: Roster;
}

interface GroupReceipts {
  kind: 'group';
  /** Roster length and server tick at the send: the recipient snapshot of R1, in two numbers. */
  rosterLength: number;
  tick: number;
  senderSlot: number;
  recipientCount: number;
  read: ReadState;
}

interface PeerReceipts {
  kind: 'peer';
  /** When the peer sent a receipt, in seconds; 0 before. */
  readAt: number;
}

interface StoredMessage {
  wire: WireMessage;
  /** The conversation as the server keys it: `GROUP<id>`, or `C2C` and the JSON of the two IDs sorted. */
  key: string;
  receipts: GroupReceipts | PeerReceipts | null;
  readReceiptCode: number | undefined;
}

interface Conversation {
  messages: StoredMessage[];
}

type Handlers = {
  [M in RequestName]: (
    userID: string,
    params: Requests[M]['params'],
    from: ServerConnection | undefined,
  ) => Requests[M]['result'];
};

/** A connection as the server sees it. */
export interface ServerConnection {
  readonly userID: string;
  deliver(push: ServerPush): void;
}

const GROUP_TYPES: readonly string[] = [
  TYPES.GRP_WORK,
  TYPES.GRP_PUBLIC,
  TYPES.GRP_MEETING,
  TYPES.GRP_AVCHATROOM,
  TYPES.GRP_COMMUNITY,
];

/**
 * The in-package backend: groups, messages and who read what, with the rules of the spec enforced here, where a
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
  readonly options: Readonly<Required<Omit<MockServerOptions, 'now'>>>;
  readonly #now: () => number;
  readonly #users = new Set<string>();
  readonly #groups = new Map<string, Group>();
  readonly #messages = new Map<string, StoredMessage>();
  readonly #conversations = new Map<string, Conversation>();
  /** The sequence up to which each user has read each conversation, keyed `<user>\n<conversation key>`. */
  readonly #lastRead = new Map<string, number>();
  /** One-to-one conversation keys by user, for the conversation list. */
  readonly #peerConversations = new Map<string, Set<string>>();
  readonly #connections = new Map<string, Set<ServerConnection>>();
  readonly #messageListeners = new Set<(message: WireMessage) => void>();
  /** Orders membership changes and sends, so that a message knows who was a member when it was sent. */
  #tick = 0;
  /** Numbers connections and messages posted for simulated users alike, so that every ID the server makes is new. */
  #nextID = 0;
  readonly #work = { memberListPages: 0, memberListProbes: 0 };

  constructor(options: MockServerOptions = {}) {
    this.options = Object.freeze({
      seed: options.seed ?? 1,
      latencyMs: options.latencyMs ?? 0,
      readReceiptGroupTypes: options.readReceiptGroupTypes ?? [
        TYPES.GRP_WORK,
        TYPES.GRP_PUBLIC,
        TYPES.GRP_MEETING,
      ],
      maxReceiptGroupSize: options.maxReceiptGroupSize ?? 200,
      memberListAccess: options.memberListAccess ?? 'sender',
    });
    this.#now = options.now ?? (() => Date.now());
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
    if (typeof options !== 'object' || options === null) throw invalidParameter('options', 'an object');
    const { groupID, type, memberList } = options;
    if (typeof groupID !== 'string' || groupID === '')
      throw invalidParameter('groupID', 'a non-empty string');
    if (this.#groups.has(groupID))
      throw invalidParameter('groupID', `an unused group ID, but '${groupID}' exists`);
    if (!GROUP_TYPES.includes(type)) throw invalidParameter('type', `one of ${GROUP_TYPES.join(', ')}`);
    checkUserIDs(memberList, 'memberList');
    const group: Group = { groupID, type, roster: new Roster() };
    this.#groups.set(groupID, group);
    this.#tick += 1;
    for (const userID of memberList) {
      group.roster.add(userID);
      this.#users.add(userID);
    }
  }

  /** Adds members at the end of the join order; existing members are left as they are. */
  addGroupMembers(groupID: string, userIDs: string[]): void {
    const group = this.#group(groupID);
    checkUserIDs(userIDs, 'userIDs');
    this.#tick += 1;
    for (const userID of userIDs) {
      group.roster.add(userID);
      this.#users.add(userID);
    }
  }

  /** Removes members. They stay recipients of what was sent while they were members (R1). */
  removeGroupMembers(groupID: string, userIDs: string[]): void {
    const group = this.#group(groupID);
    checkUserIDs(userIDs, 'userIDs');
    this.#tick += 1;
    for (const userID of userIDs) group.roster.remove(userID, this.#tick);
  }

  /** The group's members in join order. */
  getGroupMemberList(groupID: string): string[] {
    return this.#group(groupID).roster.members();
  }

  /** Every user the server has heard of. */
  getUserList(): string[] {
    return [...this.#users];
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
    this.#users.add(userID);
    this.#nextID += 1;
    const clientID = `${userID}~${this.#nextID}`;
    return new MockTransport(this, {
      userID,
      clientID,
      random: this.createRandom(clientID),
      latencyMs: options.latencyMs ?? this.options.latencyMs,
      ...options,
    });
  }

  /** A random source of its own for `label`, derived from the server's seed. */
  createRandom(label: string): Random {
    return createRandom(hashString(`${this.options.seed}:${label}`));
  }

  /**
   * Posts a message as a simulated user, without a client. Returns the stored message.
   *
   * @example
   * ```ts
   * server.postMessage({ from: 'bob', to: 'team', conversationType: 'GROUP', text: 'On it', needReadReceipt: true });
   * ```
   */
  postMessage(options: PostMessageOptions): WireMessage {
    this.#nextID += 1;
    const { message } = this.request(options.from, 'sendMessage', {
      message: {
        ID: `${options.from}~post-${this.#nextID}`,
        type: TYPES.MSG_TEXT,
        payload: { text: options.text },
        conversationType: options.conversationType,
        to: options.to,
        needReadReceipt: options.needReadReceipt ?? false,
      },
    });
    return message;
  }

  /** Calls `listener` with every message the server stores. Returns a function that stops it. */
  onMessage(listener: (message: WireMessage) => void): () => void {
    this.#messageListeners.add(listener);
    return () => this.#messageListeners.delete(listener);
  }

  /** The server's truth about a message's receipts (group messages with receipts), or null. */
  getReceiptTruth(messageID: string): ReceiptTruth | null {
    const stored = this.#messages.get(messageID);
    if (stored?.receipts?.kind !== 'group') return null;
    const { read, recipientCount } = stored.receipts;
    const roster = this.#groups.get(stored.wire.to)!.roster;
    const readUserIDList: string[] = [];
    for (let i = 0; i < read.count; i++) readUserIDList.push(roster.users[read.at(i)]!);
    return {
      recipientCount,
      readCount: read.count,
      unreadCount: recipientCount - read.count,
      readUserIDList,
    };
  }

  /** Storage held by receipts: the numbers behind the memory bar of the spec. */
  getStorageStats(): { messages: number; receipts: number; receiptBytes: number } {
    let receipts = 0;
    let receiptBytes = 0;
    for (const stored of this.#messages.values()) {
      if (stored.receipts?.kind === 'group') {
        receipts += stored.receipts.read.count;
        receiptBytes += stored.receipts.read.byteLength;
      } else if (stored.receipts?.kind === 'peer' && stored.receipts.readAt > 0) {
        receipts += 1;
      }
    }
    return { messages: this.#messages.size, receipts, receiptBytes };
  }

  /**
   * Work done so far by member-list pages: pages served, and the bit words, read-order entries and roster slots
   * they looked at. R7 asks that a page cost what it holds, whatever the group's size; this makes that checkable
   * without timing anything.
   */
  getWorkStats(): { memberListPages: number; memberListProbes: number } {
    return { ...this.#work };
  }

  // --- connections ----------------------------------------------------------------------------------------

  /** @internal Called by a transport when it connects. */
  attach(connection: ServerConnection): void {
    let set = this.#connections.get(connection.userID);
    if (!set) {
      set = new Set();
      this.#connections.set(connection.userID, set);
    }
    set.add(connection);
  }

  /** @internal Called by a transport when it disconnects or closes. */
  detach(connection: ServerConnection): void {
    this.#connections.get(connection.userID)?.delete(connection);
  }

  #push(userID: string, push: ServerPush, except?: ServerConnection): void {
    for (const connection of this.#connections.get(userID) ?? []) {
      if (connection !== except) connection.deliver(push);
    }
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
    if (typeof params !== 'object' || params === null) throw invalidParameter('params', 'an object');
    const handler = Object.hasOwn(this.#handlers, method)
      ? (this.#handlers[method] as Handlers[K] | undefined)
      : undefined;
    if (!handler) throw invalidParameter('method', `one of ${Object.keys(this.#handlers).join(', ')}`);
    return handler(userID, params, from);
  }

  /** Built once, not per request: receipts arrive by the million and each request is otherwise cheap. */
  readonly #handlers: { [M in RequestName]: Handlers[M] } = {
    sendMessage: (userID, p, from) => this.#sendMessage(userID, p.message, from),
    getMessageList: (userID, p) => this.#getMessageList(userID, p),
    sendMessageReadReceipt: (userID, p) => this.#sendMessageReadReceipt(userID, p.messageIDs),
    getMessageReadReceiptList: (userID, p) => this.#getMessageReadReceiptList(userID, p.messageIDs),
    getGroupMessageReadMemberList: (userID, p) => this.#getGroupMessageReadMemberList(userID, p),
    setMessageRead: (userID, p) => this.#setMessageRead(userID, p.conversationID),
    getConversationList: (userID) => this.#getConversationList(userID),
  };

  #sendMessage(userID: string, draft: WireDraft, from?: ServerConnection): Requests['sendMessage']['result'] {
    if (typeof draft !== 'object' || draft === null) throw invalidParameter('message', 'a message');
    if (typeof draft.ID !== 'string' || draft.ID === '')
      throw invalidParameter('message.ID', 'a non-empty string');
    const existing = this.#messages.get(draft.ID);
    if (existing) {
      // A retried send: the same answer again, nothing stored twice.
      if (existing.wire.from !== userID)
        throw invalidParameter('message.ID', 'an ID not used by another message');
      return this.#sendResult(existing);
    }
    if (draft.type !== TYPES.MSG_TEXT && draft.type !== TYPES.MSG_CUSTOM) {
      throw invalidParameter('message.type', `'${TYPES.MSG_TEXT}' or '${TYPES.MSG_CUSTOM}'`);
    }
    if (typeof draft.to !== 'string' || draft.to === '')
      throw invalidParameter('message.to', 'a non-empty string');
    if (typeof draft.payload !== 'object' || draft.payload === null)
      throw invalidParameter('message.payload', 'an object');
    let key: string;
    let receipts: StoredMessage['receipts'] = null;
    let readReceiptCode: number | undefined;
    let needReadReceipt = draft.needReadReceipt === true;
    this.#tick += 1;
    if (draft.conversationType === TYPES.CONV_GROUP) {
      const group = this.#group(draft.to);
      const senderSlot = group.roster.activeSlot(userID);
      if (senderSlot === undefined) throw denied(`${userID} is not a member of group ${draft.to}`);
      key = `GROUP${draft.to}`;
      if (needReadReceipt) {
        const size = group.roster.size;
        if (
          this.options.readReceiptGroupTypes.includes(group.type) &&
          size <= this.options.maxReceiptGroupSize
        ) {
          receipts = {
            kind: 'group',
            rosterLength: group.roster.users.length,
            tick: this.#tick,
            senderSlot,
            recipientCount: size - 1,
            read: new ReadState(group.roster.users.length),
          };
        } else {
          needReadReceipt = false;
          readReceiptCode = ERROR_CODE.READ_RECEIPT_NOT_SUPPORTED;
        }
      }
    } else if (draft.conversationType === TYPES.CONV_C2C) {
      if (draft.to === userID) throw invalidParameter('message.to', 'a user other than yourself');
      key = peerKey(userID, draft.to);
      this.#users.add(draft.to);
      this.#trackPeerConversation(userID, draft.to, key);
      if (needReadReceipt) receipts = { kind: 'peer', readAt: 0 };
    } else {
      throw invalidParameter('message.conversationType', `'${TYPES.CONV_C2C}' or '${TYPES.CONV_GROUP}'`);
    }
    const conversation = this.#conversation(key);
    const wire: WireMessage = {
      ID: draft.ID,
      type: draft.type,
      payload: draft.payload,
      conversationType: draft.conversationType,
      to: draft.to,
      from: userID,
      time: Math.floor(this.#now() / 1000),
      sequence: conversation.messages.length + 1,
      needReadReceipt,
    };
    const stored: StoredMessage = { wire, key, receipts, readReceiptCode };
    conversation.messages.push(stored);
    this.#messages.set(wire.ID, stored);

    const push: ServerPush = { type: 'message', message: wire };
    if (draft.conversationType === TYPES.CONV_GROUP) {
      const roster = this.#groups.get(draft.to)!.roster;
      // Walk the connected users, not the members: a 100,000-member group costs what its online members cost.
      for (const [member] of this.#connections) if (roster.has(member)) this.#push(member, push, from);
    } else {
      this.#push(draft.to, push);
      this.#push(userID, push, from);
    }
    for (const listener of this.#messageListeners) listener(wire);
    return this.#sendResult(stored);
  }

  #sendResult(stored: StoredMessage): Requests['sendMessage']['result'] {
    const message: WireMessage = { ...stored.wire };
    const receipt = this.#receiptOf(stored);
    if (receipt) message.readReceipt = receipt;
    return stored.readReceiptCode === undefined
      ? { message }
      : { message, readReceiptCode: stored.readReceiptCode };
  }

  #getMessageList(
    userID: string,
    params: Requests['getMessageList']['params'],
  ): Requests['getMessageList']['result'] {
    const key = this.#resolveConversation(userID, params.conversationID, 'options.conversationID');
    const count = params.count ?? MAX_MESSAGE_PAGE;
    if (!Number.isInteger(count) || count < 1 || count > MAX_MESSAGE_PAGE) {
      throw invalidParameter('options.count', `a whole number from 1 to ${MAX_MESSAGE_PAGE}`);
    }
    const messages = this.#conversations.get(key)?.messages ?? [];
    let end = messages.length;
    if (params.nextReqMessageID) {
      const stored = this.#messages.get(params.nextReqMessageID);
      if (!stored || stored.key !== key) {
        throw invalidParameter(
          'options.nextReqMessageID',
          'the nextReqMessageID of an earlier page of this conversation',
        );
      }
      end = stored.wire.sequence - 1;
    }
    const start = Math.max(0, end - count);
    const page = messages.slice(start, end).map((stored) => this.#wireFor(userID, stored));
    return { messageList: page, nextReqMessageID: page[0]?.ID ?? '', isCompleted: start === 0 };
  }

  /** A message as `userID` sees it: one-to-one senders also learn whether the peer marked it read. */
  #wireFor(userID: string, stored: StoredMessage): WireMessage {
    if (stored.wire.conversationType !== TYPES.CONV_C2C || stored.wire.from !== userID) return stored.wire;
    return { ...stored.wire, isPeerRead: this.#isMarkedRead(stored) };
  }

  #isMarkedRead(stored: StoredMessage): boolean {
    return (this.#lastRead.get(`${stored.wire.to}\n${stored.key}`) ?? 0) >= stored.wire.sequence;
  }

  #sendMessageReadReceipt(userID: string, messageIDs: string[]): Record<string, never> {
    const list = this.#lookUp(messageIDs, MAX_RECEIPT_BATCH);
    for (const stored of list) this.#assertMayRead(userID, stored);
    const eligible = list.filter((stored) => stored.wire.from !== userID && stored.receipts !== null);
    if (eligible.length === 0) {
      throw new ReadByError(
        ERROR_CODE.READ_RECEIPT_MSG_LIST_EMPTY,
        'messageList: no message in it needs a read receipt from you',
      );
    }
    // Everything above may throw; nothing below can, so the call stores all of its receipts or none (R3.4).
    const pushes = new Map<string, ReceiptItem[]>();
    const now = Math.floor(this.#now() / 1000);
    for (const stored of eligible) {
      const item = this.#applyReceipt(userID, stored, now);
      if (!item) continue;
      const items = pushes.get(stored.wire.from) ?? [];
      items.push(item);
      pushes.set(stored.wire.from, items);
    }
    for (const [sender, items] of pushes) this.#push(sender, { type: 'receipts', items });
    return {};
  }

  /** Stores one receipt; returns what the sender is told, or null when it changed nothing (R3.5). */
  #applyReceipt(userID: string, stored: StoredMessage, now: number): ReceiptItem | null {
    const receipts = stored.receipts!;
    if (receipts.kind === 'peer') {
      if (receipts.readAt > 0) return null;
      receipts.readAt = now;
      return { userID, messageID: stored.wire.ID, isPeerRead: true, timestamp: now };
    }
    const roster = this.#groups.get(stored.wire.to)!.roster;
    const slot = this.#recipientSlot(roster, receipts, userID);
    // A member who joined after the send is not a recipient: their receipt counts for nothing (R1, R2).
    if (slot === -1 || !receipts.read.add(slot)) return null;
    return {
      groupID: stored.wire.to,
      messageID: stored.wire.ID,
      readCount: receipts.read.count,
      unreadCount: receipts.recipientCount - receipts.read.count,
    };
  }

  /** The user's slot among the message's recipients, following them back through leaves and rejoins; or -1. */
  #recipientSlot(roster: Roster, receipts: GroupReceipts, userID: string): number {
    let slot = roster.lastSlot(userID) ?? -1;
    while (slot !== -1 && !isRecipient(roster, receipts, slot)) slot = roster.previousSlot[slot]!;
    return slot;
  }

  #getMessageReadReceiptList(userID: string, messageIDs: string[]): { receipts: WireReceipt[] } {
    const list = this.#lookUp(messageIDs, MAX_RECEIPT_QUERY);
    for (const stored of list) {
      this.#assertMayRead(userID, stored);
      if (stored.wire.from !== userID) throw denied(`message ${stored.wire.ID} was not sent by ${userID}`);
    }
    const receipts: WireReceipt[] = [];
    for (const stored of list) {
      const receipt = this.#receiptOf(stored);
      if (receipt) receipts.push(receipt);
    }
    return { receipts };
  }

  #receiptOf(stored: StoredMessage): WireReceipt | null {
    const receipts = stored.receipts;
    if (!receipts) return null;
    if (receipts.kind === 'group') {
      return {
        messageID: stored.wire.ID,
        readCount: receipts.read.count,
        unreadCount: receipts.recipientCount - receipts.read.count,
      };
    }
    return {
      messageID: stored.wire.ID,
      isPeerRead: receipts.readAt > 0,
      timestamp: receipts.readAt,
      markedRead: this.#isMarkedRead(stored),
    };
  }

  #getGroupMessageReadMemberList(
    userID: string,
    params: Requests['getGroupMessageReadMemberList']['params'],
  ): ReadMemberPage {
    const { messageID, filter, cursor } = params;
    if (filter !== 0 && filter !== 1) throw invalidParameter('options.filter', '0 (read) or 1 (not read)');
    if (!Number.isInteger(params.count) || params.count < 1)
      throw invalidParameter('options.count', 'a whole number ≥ 1');
    if (typeof cursor !== 'string')
      throw invalidParameter('options.cursor', "'' or the cursor of the previous page");
    const count = Math.min(params.count, MAX_MEMBER_PAGE);
    const stored = typeof messageID === 'string' ? this.#messages.get(messageID) : undefined;
    if (stored?.receipts?.kind !== 'group') {
      throw new ReadByError(
        ERROR_CODE.READ_RECEIPT_NOT_FOUND,
        `no read receipt information for message ${String(messageID)}: it is not a group message sent with receipts`,
      );
    }
    const receipts = stored.receipts;
    const roster = this.#group(stored.wire.to).roster;
    if (!roster.has(userID)) throw denied(`${userID} is not a member of group ${stored.wire.to}`);
    if (stored.wire.from !== userID && this.options.memberListAccess !== 'members') {
      throw denied('only the sender of a message may list who has read it');
    }
    const limit = filter === 0 ? receipts.read.count : receipts.rosterLength;
    const position = cursor === '' ? 0 : decodeCursor(cursor, messageID, filter, limit);
    if (position === null) throw invalidParameter('options.cursor', "'' or the cursor of the previous page");

    const probesBefore = receipts.read.probes;
    const userIDs: string[] = [];
    let next: number;
    let isCompleted: boolean;
    if (filter === 0) {
      // Readers only ever append to the read order, so an offset into it is a stable cursor.
      next = Math.min(position + count, receipts.read.count);
      for (let i = position; i < next; i++) userIDs.push(roster.users[receipts.read.at(i)]!);
      isCompleted = next >= receipts.read.count;
    } else {
      // Non-readers by slot, which is join order: a reader leaving the set never shifts the ones after it.
      let slot = this.#nextNonReader(roster, receipts, position);
      while (slot !== -1 && userIDs.length < count) {
        userIDs.push(roster.users[slot]!);
        slot = this.#nextNonReader(roster, receipts, slot + 1);
      }
      isCompleted = slot === -1;
      next = isCompleted ? receipts.rosterLength : slot;
    }
    this.#work.memberListPages += 1;
    this.#work.memberListProbes += receipts.read.probes - probesBefore;
    return {
      messageID: stored.wire.ID,
      cursor: isCompleted ? '' : encodeCursor(messageID, filter, next),
      isCompleted,
      readUserIDList: filter === 0 ? userIDs : [],
      unreadUserIDList: filter === 1 ? userIDs : [],
    };
  }

  #nextNonReader(roster: Roster, receipts: GroupReceipts, from: number): number {
    let slot = receipts.read.nextUnread(from, receipts.rosterLength);
    while (slot !== -1 && !isRecipient(roster, receipts, slot)) {
      receipts.read.probes += 1; // A roster slot looked at and passed over.
      slot = receipts.read.nextUnread(slot + 1, receipts.rosterLength);
    }
    return slot;
  }

  #setMessageRead(userID: string, conversationID: string): Record<string, never> {
    const key = this.#resolveConversation(userID, conversationID, 'options.conversationID');
    const messages = this.#conversations.get(key)?.messages ?? [];
    const readKey = `${userID}\n${key}`;
    const last = messages.length;
    if ((this.#lastRead.get(readKey) ?? 0) >= last) return {};
    this.#lastRead.set(readKey, last);
    if (conversationID.startsWith(TYPES.CONV_C2C)) {
      const peer = conversationID.slice(TYPES.CONV_C2C.length);
      this.#push(peer, { type: 'peerRead', userID, sequence: last });
    }
    return {};
  }

  #getConversationList(userID: string): Requests['getConversationList']['result'] {
    const list: Requests['getConversationList']['result']['conversationList'] = [];
    const describe = (conversationID: string, type: 'C2C' | 'GROUP', key: string) => {
      const messages = this.#conversations.get(key)?.messages ?? [];
      const lastRead = this.#lastRead.get(`${userID}\n${key}`) ?? 0;
      let unreadCount = 0;
      for (let i = lastRead; i < messages.length; i++)
        if (messages[i]!.wire.from !== userID) unreadCount += 1;
      const last = messages[messages.length - 1];
      list.push({
        conversationID,
        type,
        unreadCount,
        lastMessage: last ? this.#wireFor(userID, last) : null,
      });
    };
    for (const group of this.#groups.values()) {
      if (group.roster.has(userID)) describe(`GROUP${group.groupID}`, 'GROUP', `GROUP${group.groupID}`);
    }
    for (const key of this.#peerConversations.get(userID) ?? []) {
      const [a, b] = JSON.parse(key.slice(3)) as [string, string];
      describe(`C2C${a === userID ? b : a}`, 'C2C', key);
    }
    return { conversationList: list };
  }

  // --- lookups and checks ---------------------------------------------------------------------------------

  #group(groupID: string): Group {
    const group = this.#groups.get(groupID);
    if (!group) throw new ReadByError(ERROR_CODE.GROUP_NOT_FOUND, `group ${String(groupID)} does not exist`);
    return group;
  }

  #conversation(key: string): Conversation {
    let conversation = this.#conversations.get(key);
    if (!conversation) {
      conversation = { messages: [] };
      this.#conversations.set(key, conversation);
    }
    return conversation;
  }

  #trackPeerConversation(a: string, b: string, key: string): void {
    for (const user of [a, b]) {
      const set = this.#peerConversations.get(user) ?? new Set();
      set.add(key);
      this.#peerConversations.set(user, set);
    }
  }

  /** The server key of a conversation ID as `userID` names it, after checking they may see it (R10). */
  #resolveConversation(userID: string, conversationID: string, parameter: string): string {
    if (typeof conversationID !== 'string') throw invalidParameter(parameter, 'a conversation ID');
    if (conversationID.startsWith(TYPES.CONV_GROUP) && conversationID.length > TYPES.CONV_GROUP.length) {
      const groupID = conversationID.slice(TYPES.CONV_GROUP.length);
      if (!this.#group(groupID).roster.has(userID))
        throw denied(`${userID} is not a member of group ${groupID}`);
      return conversationID;
    }
    if (conversationID.startsWith(TYPES.CONV_C2C) && conversationID.length > TYPES.CONV_C2C.length) {
      const peer = conversationID.slice(TYPES.CONV_C2C.length);
      if (peer === userID) throw invalidParameter(parameter, 'a conversation with another user');
      return peerKey(userID, peer);
    }
    throw invalidParameter(parameter, "a conversation ID such as 'C2Cuser1' or 'GROUPgroup1'");
  }

  /** The stored messages for a list of IDs: at most `limit`, all known (10062), all of one conversation. */
  #lookUp(messageIDs: string[], limit: number): StoredMessage[] {
    if (!Array.isArray(messageIDs) || messageIDs.length === 0) {
      throw invalidParameter('messageList', 'a non-empty array of messages');
    }
    if (messageIDs.length > limit) {
      throw invalidParameter(
        'messageList',
        `at most ${limit} messages in one call, got ${messageIDs.length}`,
      );
    }
    const list = messageIDs.map((id) => {
      const stored = typeof id === 'string' ? this.#messages.get(id) : undefined;
      if (!stored) {
        throw new ReadByError(
          ERROR_CODE.READ_RECEIPT_NOT_FOUND,
          `message ${String(id)} does not exist on the server`,
        );
      }
      return stored;
    });
    if (list.some((stored) => stored.key !== list[0]!.key)) {
      throw invalidParameter('messageList', 'messages of one conversation');
    }
    return list;
  }

  /** The caller must be a member of the message's group, or a party to its one-to-one conversation (R3.3, R10). */
  #assertMayRead(userID: string, stored: StoredMessage): void {
    if (stored.wire.conversationType === TYPES.CONV_GROUP) {
      if (!this.#group(stored.wire.to).roster.has(userID)) {
        throw denied(`${userID} is not a member of group ${stored.wire.to}`);
      }
    } else if (stored.wire.to !== userID && stored.wire.from !== userID) {
      throw denied(`${userID} is not a party to the conversation of message ${stored.wire.ID}`);
    }
  }
}

function isRecipient(roster: Roster, receipts: GroupReceipts, slot: number): boolean {
  if (slot >= receipts.rosterLength || slot === receipts.senderSlot) return false;
  const left = roster.leftAt[slot]!;
  return left === 0 || left > receipts.tick;
}

/** JSON, not a separator: user IDs such as `auth0|alice` may contain any character. */
function peerKey(a: string, b: string): string {
  return `C2C${JSON.stringify(a < b ? [a, b] : [b, a])}`;
}

function denied(why: string): ReadByError {
  return new ReadByError(ERROR_CODE.PERMISSION_DENIED, `permission denied: ${why}`);
}

function checkUserIDs(userIDs: unknown, name: string): asserts userIDs is string[] {
  if (!Array.isArray(userIDs) || userIDs.some((id) => typeof id !== 'string' || id === '')) {
    throw invalidParameter(name, 'an array of non-empty user IDs');
  }
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
