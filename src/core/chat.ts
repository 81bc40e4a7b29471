import {
  EVENT,
  MAX_MEMBER_PAGE,
  MAX_MESSAGE_PAGE,
  MAX_RECEIPT_BATCH,
  MAX_RECEIPT_QUERY,
  type NetState,
  TYPES,
} from './constants';
import { createEmitter } from './emitter';
import { ERROR_CODE, invalidParameter, isTransientError, ReadByError, toReadByError } from './errors';
import { mergeReceiptInfo, messageFromWire, receiptInfoFromWire, withChanges } from './message';
import type { RequestName, Requests, ServerPush, WireMessage, WireReceipt } from './protocol';
import type { Transport } from './transport';
import type {
  ChatEvent,
  ChatEventHandler,
  ChatResponse,
  Conversation,
  CreateCustomMessageOptions,
  CreateTextMessageOptions,
  EventMap,
  GetGroupMessageReadMemberListOptions,
  GetMessageListOptions,
  Message,
  MessageListPage,
  ReadMemberPage,
  ReceiptItem,
  SendMessageResult,
} from './types';
import {
  isObject,
  optionalBoolean,
  requireConversationID,
  requireConversationType,
  requireMessage,
  requireMessageList,
  requireObject,
  requireString,
  requireWholeNumber,
} from './validate';

export interface ChatOptions {
  /** The connection to the server; it also says who the user is. */
  transport: Transport;
  /** How long a request may go unanswered before it rejects with `REQUEST_TIMEOUT`. Default 15 000 ms. */
  requestTimeoutMs?: number;
}

type Events = { [K in keyof EventMap]: ChatEvent<K> };

/**
 * A chat client with the read-receipt API of Tencent Cloud Chat's Web SDK. Make one with `ReadBy.create`.
 *
 * @example
 * ```ts
 * const chat = ReadBy.create({ transport: server.connect('alice') });
 * const message = chat.createTextMessage({
 *   to: 'team', conversationType: ReadBy.TYPES.CONV_GROUP, payload: { text: 'Ship it?' }, needReadReceipt: true,
 * });
 * await chat.sendMessage(message);
 * chat.on(ReadBy.EVENT.MESSAGE_READ_RECEIPT_RECEIVED, ({ data }) => console.log(data));
 * ```
 */
export class Chat {
  /** The signed-in user, from the transport. */
  readonly userID: string;
  #transport: Transport;
  #timeoutMs: number;
  #ready: Promise<void>;
  #destroyed = false;
  #netState: NetState = TYPES.NET_STATE_CONNECTING;
  #wasConnected = false;
  #nextLocalID = 0;
  #idPrefix: string;
  #messages = new Map<string, Message>();
  /** Message IDs by conversation, so that a peer's read mark touches one conversation, not every message. */
  #conversations = new Map<string, Set<string>>();
  #emitter = createEmitter<Events>();
  #pending: { received: Message[]; receipts: Map<string, ReceiptItem>; byPeer: Map<string, Message> } | null =
    null;
  #inFlight = new Set<(error: ReadByError) => void>();
  /** The highest push number seen on this connection. */
  #pushSeq = 0;
  #resyncing = false;
  #resyncAgain = false;
  /** Pushes were lost and not yet made up for by a pull. */
  #stale = false;

  constructor(options: ChatOptions) {
    const checked = requireObject(options, 'options');
    const transport = checked.transport as Transport | undefined;
    if (
      !isObject(transport) ||
      typeof transport.request !== 'function' ||
      typeof transport.open !== 'function'
    ) {
      throw invalidParameter('options.transport', 'a Transport');
    }
    this.userID = requireString(transport.userID, 'options.transport.userID');
    this.#timeoutMs =
      checked.requestTimeoutMs === undefined
        ? 15_000
        : requireWholeNumber(checked.requestTimeoutMs, 'options.requestTimeoutMs', 1);
    this.#transport = transport;
    this.#idPrefix = transport.clientID ?? globalThis.crypto.randomUUID().slice(0, 8);
    this.#ready = transport.open({
      onPush: (push) => this.#onPush(push),
      onStateChange: (state) => this.#onStateChange(state),
    });
    // A failed connection surfaces through the calls that wait for it, not as an unhandled rejection.
    this.#ready.catch(() => {});
  }

  /**
   * The signed-in user, as the vendor SDK names it; the same as {@link Chat.userID}.
   *
   * @example
   * ```ts
   * const mine = message.from === chat.getLoginUser();
   * ```
   */
  getLoginUser(): string {
    return this.userID;
  }

  /** The connection state: `'connecting'`, `'connected'` or `'disconnected'`. */
  get netState(): NetState {
    return this.#netState;
  }

  /**
   * Creates a text message to send with {@link Chat.sendMessage}. Throws INVALID_PARAMETER for bad options.
   *
   * @example
   * ```ts
   * const message = chat.createTextMessage({
   *   to: 'user1', conversationType: TYPES.CONV_C2C, payload: { text: 'Hello world!' }, needReadReceipt: true,
   * });
   * ```
   */
  createTextMessage(options: CreateTextMessageOptions): Message {
    const checked = requireObject(options, 'options');
    const payload = requireObject(checked.payload, 'options.payload');
    const text = requireString(payload.text, 'options.payload.text');
    return this.#createMessage(checked, TYPES.MSG_TEXT, { text });
  }

  /**
   * Creates a custom message (`TIMCustomElem`): an app's own data, with receipts like any other message.
   *
   * @example
   * ```ts
   * chat.createCustomMessage({ to: 'team', conversationType: TYPES.CONV_GROUP, payload: { data: '{"poll":1}' } });
   * ```
   */
  createCustomMessage(options: CreateCustomMessageOptions): Message {
    const checked = requireObject(options, 'options');
    const payload = requireObject(checked.payload, 'options.payload');
    // `data` is required (it may be empty); the other two are copied only when given.
    const custom: Record<string, string> = {};
    for (const key of ['data', 'description', 'extension']) {
      const value = payload[key];
      if (value === undefined && key !== 'data') continue;
      if (typeof value !== 'string') throw invalidParameter(`options.payload.${key}`, 'a string');
      custom[key] = value;
    }
    return this.#createMessage(checked, TYPES.MSG_CUSTOM, custom);
  }

  #createMessage(
    options: Record<string, unknown>,
    type: Message['type'],
    payload: Message['payload'],
  ): Message {
    this.#assertAlive();
    const to = requireString(options.to, 'options.to');
    const conversationType = requireConversationType(options.conversationType, 'options.conversationType');
    if (conversationType === TYPES.CONV_C2C && to === this.userID) {
      throw invalidParameter('options.to', 'a user other than yourself');
    }
    const needReadReceipt = optionalBoolean(options.needReadReceipt, 'options.needReadReceipt');
    this.#nextLocalID += 1;
    // The message as the server will see it, less what only the server assigns; the snapshot is made the same
    // way as those the server sends.
    const draft: WireMessage = {
      ID: `${this.#idPrefix}-${this.#nextLocalID}`,
      type,
      payload,
      conversationType,
      to,
      from: this.userID,
      time: Math.floor(Date.now() / 1000),
      sequence: 0,
      needReadReceipt,
    };
    const message = messageFromWire(draft, this.userID, null, 'unSend');
    this.#remember(message);
    return message;
  }

  /**
   * Sends a message made by `createTextMessage` or `createCustomMessage`; recipients get `MESSAGE_RECEIVED`.
   * Where receipts were asked but the group cannot have them, the message is still sent, with
   * `needReadReceipt: false` and `readReceiptCode: 10059` (R8). On failure the message's status becomes
   * `'fail'` and the error's `data.message` holds it; sending it again is safe.
   *
   * @example
   * ```ts
   * const { data } = await chat.sendMessage(message);
   * if (data.readReceiptCode === ERROR_CODE.READ_RECEIPT_NOT_SUPPORTED) console.log('no receipts here');
   * ```
   */
  async sendMessage(message: Message): Promise<ChatResponse<SendMessageResult>> {
    this.#assertAlive();
    const draft = requireMessage(message, 'message');
    const known = this.#messages.get(draft.ID);
    if (known?.flow !== 'out') throw invalidParameter('message', 'a message created by this chat');
    if (known.status === 'success') throw invalidParameter('message', 'a message not sent yet');
    try {
      const result = await this.#request('sendMessage', {
        message: {
          ID: known.ID,
          type: known.type,
          payload: known.payload,
          conversationType: known.conversationType,
          to: known.to,
          needReadReceipt: known.needReadReceipt,
        },
      });
      const sent = this.#rememberWire(result.message);
      const data: SendMessageResult = { message: sent };
      if (result.readReceiptCode !== undefined) data.readReceiptCode = result.readReceiptCode;
      return { code: 0, data };
    } catch (reason) {
      const error = toReadByError(reason);
      if (error.code === ERROR_CODE.CHAT_DESTROYED) throw error;
      const failed = withChanges(this.#messages.get(known.ID) ?? known, { status: 'fail' });
      this.#remember(failed);
      throw new ReadByError(error.code, error.message, { message: failed });
    }
  }

  /**
   * Loads a page of history: the newest page first, each page oldest to newest, 15 a page by default.
   *
   * @example
   * ```ts
   * const first = await chat.getMessageList({ conversationID: 'GROUPtest' });
   * const older = await chat.getMessageList({ conversationID: 'GROUPtest', nextReqMessageID: first.data.nextReqMessageID });
   * ```
   */
  async getMessageList(options: GetMessageListOptions): Promise<ChatResponse<MessageListPage>> {
    this.#assertAlive();
    const checked = requireObject(options, 'options');
    const conversationID = requireConversationID(checked.conversationID, 'options.conversationID');
    const nextReqMessageID =
      checked.nextReqMessageID === undefined || checked.nextReqMessageID === ''
        ? ''
        : requireString(checked.nextReqMessageID, 'options.nextReqMessageID');
    const count =
      checked.count === undefined
        ? MAX_MESSAGE_PAGE
        : requireWholeNumber(checked.count, 'options.count', 1, MAX_MESSAGE_PAGE);
    const result = await this.#request('getMessageList', { conversationID, nextReqMessageID, count });
    return {
      code: 0,
      data: {
        messageList: result.messageList.map((wire) => this.#rememberWire(wire)),
        nextReqMessageID: result.nextReqMessageID,
        isCompleted: result.isCompleted,
      },
    };
  }

  /**
   * Acknowledges messages the user has read (R3): up to 30 messages of one conversation. Own messages and
   * messages without `needReadReceipt` are left out; when none remain it rejects with 2114. Atomic and idempotent.
   * It does not change unread counts (R4): `setMessageRead` does.
   *
   * @example
   * ```ts
   * const { data } = await chat.getMessageList({ conversationID: 'GROUPtest' });
   * await chat.sendMessageReadReceipt(data.messageList);
   * ```
   */
  async sendMessageReadReceipt(messageList: Message[]): Promise<ChatResponse<Record<string, never>>> {
    this.#assertAlive();
    const list = requireMessageList(messageList, 'messageList', MAX_RECEIPT_BATCH);
    const messageIDs = this.#latestIDs(
      list,
      (message) => message.from !== this.userID && message.needReadReceipt === true,
    );
    if (messageIDs.length === 0) {
      throw new ReadByError(
        ERROR_CODE.READ_RECEIPT_MSG_LIST_EMPTY,
        'messageList: no message in it needs a read receipt from you',
      );
    }
    await this.#request('sendMessageReadReceipt', { messageIDs });
    return { code: 0, data: {} };
  }

  /**
   * Pulls fresh receipt counts for messages the user sent (R6): up to 100 messages of one conversation, returned
   * in the same order; messages that are not the user's, or have no receipts, come back as they were.
   *
   * @example
   * ```ts
   * const { data } = await chat.getMessageReadReceiptList(messageList);
   * data.messageList.forEach((m) => console.log(m.ID, m.readReceiptInfo));
   * ```
   */
  async getMessageReadReceiptList(messageList: Message[]): Promise<ChatResponse<{ messageList: Message[] }>> {
    this.#assertAlive();
    const list = requireMessageList(messageList, 'messageList', MAX_RECEIPT_QUERY);
    const targets = this.#latestIDs(list, (message) => this.#hasOwnReceipts(message));
    if (targets.length > 0) {
      const { receipts } = await this.#request('getMessageReadReceiptList', { messageIDs: targets });
      for (const receipt of receipts) this.#applyReceipt(receipt);
    }
    return {
      code: 0,
      data: {
        messageList: list.map((message) =>
          targets.includes(message.ID) ? (this.#messages.get(message.ID) ?? message) : message,
        ),
      },
    };
  }

  /**
   * Pages through the members who have (`filter: 0`) or have not (`filter: 1`) read a group message (R7).
   * Readers come in the order they read, the others in the order they joined; cursors stay valid while
   * members keep reading.
   *
   * @example
   * ```ts
   * let cursor = '';
   * do {
   *   const { data } = await chat.getGroupMessageReadMemberList({ message, filter: 0, cursor, count: 100 });
   *   console.log(data.readUserIDList);
   *   cursor = data.cursor;
   * } while (cursor !== '');
   * ```
   */
  async getGroupMessageReadMemberList(
    options: GetGroupMessageReadMemberListOptions,
  ): Promise<ChatResponse<ReadMemberPage>> {
    this.#assertAlive();
    const checked = requireObject(options, 'options');
    const message = requireMessage(checked.message, 'options.message');
    if (checked.filter !== 0 && checked.filter !== 1) {
      throw invalidParameter('options.filter', '0 (read) or 1 (not read)');
    }
    const count = Math.min(requireWholeNumber(checked.count, 'options.count', 1), MAX_MEMBER_PAGE);
    if (typeof checked.cursor !== 'string') {
      throw invalidParameter('options.cursor', "'' or the cursor of the previous page");
    }
    const data = await this.#request('getGroupMessageReadMemberList', {
      messageID: message.ID,
      filter: checked.filter,
      cursor: checked.cursor,
      count,
    });
    return { code: 0, data };
  }

  /**
   * Marks a conversation read: clears the user's unread count. In a one-to-one conversation the peer's earlier
   * messages get `isPeerRead` and the peer gets `MESSAGE_READ_BY_PEER` (R9).
   *
   * @example
   * ```ts
   * await chat.setMessageRead({ conversationID: 'C2Cbob' });
   * ```
   */
  async setMessageRead(options: { conversationID: string }): Promise<ChatResponse<Record<string, never>>> {
    this.#assertAlive();
    const checked = requireObject(options, 'options');
    const conversationID = requireConversationID(checked.conversationID, 'options.conversationID');
    await this.#request('setMessageRead', { conversationID });
    return { code: 0, data: {} };
  }

  /**
   * Lists the user's conversations with their unread counts and last messages.
   *
   * @example
   * ```ts
   * const { data } = await chat.getConversationList();
   * data.conversationList.forEach((c) => console.log(c.conversationID, c.unreadCount));
   * ```
   */
  async getConversationList(): Promise<ChatResponse<{ conversationList: Conversation[] }>> {
    const { conversationList } = await this.#request('getConversationList', {});
    return {
      code: 0,
      data: {
        conversationList: conversationList.map((conversation) => ({
          conversationID: conversation.conversationID,
          type: conversation.type,
          unreadCount: conversation.unreadCount,
          lastMessage: conversation.lastMessage ? this.#rememberWire(conversation.lastMessage) : null,
        })),
      },
    };
  }

  /**
   * The latest snapshot of a message this client has sent, received or loaded, or `null`.
   *
   * @example
   * ```ts
   * chat.findMessage(item.messageID)?.readReceiptInfo;
   * ```
   */
  findMessage(ID: string): Message | null {
    return this.#messages.get(ID) ?? null;
  }

  /**
   * Listens for an event; the handler gets `{ name, data }`. Returns a function that stops listening.
   *
   * @example
   * ```ts
   * const stop = chat.on(EVENT.MESSAGE_RECEIVED, ({ data }) => data.forEach(show));
   * ```
   */
  on<K extends keyof EventMap>(name: K, handler: ChatEventHandler<K>): () => void {
    if (typeof handler !== 'function') throw invalidParameter('handler', 'a function');
    return this.#emitter.on(name, handler as (event: Events[K]) => void);
  }

  /** Stops a handler given to {@link Chat.on}; safe to call while an event is being delivered. */
  off<K extends keyof EventMap>(name: K, handler: ChatEventHandler<K>): void {
    this.#emitter.off(name, handler as (event: Events[K]) => void);
  }

  /**
   * Closes the transport and drops all listeners; every later call rejects with `CHAT_DESTROYED`.
   *
   * @example
   * ```ts
   * useEffect(() => () => chat.destroy(), [chat]);
   * ```
   */
  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    const error = destroyedError();
    for (const reject of this.#inFlight) reject(error);
    this.#inFlight.clear();
    this.#emitter.clear();
    this.#pending = null;
    this.#transport.close();
  }

  // --- requests -------------------------------------------------------------------------------------------

  #assertAlive(): void {
    if (this.#destroyed) throw destroyedError();
  }

  /** One request: waits for the connection, times out, and maps every failure to a ReadByError. */
  async #request<K extends RequestName>(
    method: K,
    params: Requests[K]['params'],
  ): Promise<Requests[K]['result']> {
    this.#assertAlive();
    return new Promise<Requests[K]['result']>((resolve, reject) => {
      const settle = (error: ReadByError | null, value?: Requests[K]['result']) => {
        if (!this.#inFlight.delete(fail)) return;
        clearTimeout(timer);
        if (error) reject(error);
        else resolve(value as Requests[K]['result']);
      };
      const fail = (error: ReadByError) => settle(error);
      this.#inFlight.add(fail);
      const timer = setTimeout(
        () =>
          fail(
            new ReadByError(ERROR_CODE.REQUEST_TIMEOUT, `${method}: no answer within ${this.#timeoutMs} ms`),
          ),
        this.#timeoutMs,
      );
      this.#ready
        .then(() => this.#transport.request(method, params))
        .then(
          (value) => settle(null, value),
          (reason) => fail(toReadByError(reason)),
        );
    });
  }

  // --- the message store ----------------------------------------------------------------------------------

  /** The IDs, each once, of the messages whose latest snapshots pass `keep`. */
  #latestIDs(list: Message[], keep: (message: Message) => boolean): string[] {
    const ids = list.map((message) => this.#messages.get(message.ID) ?? message).filter(keep);
    return [...new Set(ids.map((message) => message.ID))];
  }

  #hasOwnReceipts(message: Message): boolean {
    return message.from === this.userID && message.needReadReceipt === true && message.status === 'success';
  }

  #remember(message: Message): void {
    this.#messages.set(message.ID, message);
    let ids = this.#conversations.get(message.conversationID);
    if (!ids) {
      ids = new Set();
      this.#conversations.set(message.conversationID, ids);
    }
    ids.add(message.ID);
  }

  #rememberWire(wire: WireMessage): Message {
    const message = messageFromWire(wire, this.userID, this.#messages.get(wire.ID) ?? null);
    this.#remember(message);
    return message;
  }

  /** Applies a receipt state; returns the new snapshot, or null when it changed nothing. */
  #applyReceipt(receipt: WireReceipt): Message | null {
    const message = this.#messages.get(receipt.messageID);
    if (!message || message.from !== this.userID) return null;
    const info = mergeReceiptInfo(message.readReceiptInfo, receiptInfoFromWire(receipt));
    const markedRead = 'markedRead' in receipt && receipt.markedRead && !message.isPeerRead;
    if (info === message.readReceiptInfo && !markedRead) return null;
    const next = withChanges(
      message,
      markedRead ? { readReceiptInfo: info, isPeerRead: true } : { readReceiptInfo: info },
    );
    this.#remember(next);
    return next;
  }

  // --- pushes ---------------------------------------------------------------------------------------------

  #onPush(push: ServerPush): void {
    if (this.#destroyed) return;
    if (typeof push.seq === 'number') {
      // A skipped number is a lost push: its news can only be recovered by pulling.
      if (push.seq > this.#pushSeq + 1) this.#stale = true;
      this.#pushSeq = Math.max(this.#pushSeq, push.seq);
    }
    if (this.#stale) this.#requestResync();
    if (push.type === 'sync') return;
    const pending = this.#queue();
    switch (push.type) {
      case 'message': {
        // A push seen twice (a retried or duplicated delivery) is announced once.
        if (this.#messages.get(push.message.ID)?.status === 'success') return;
        pending.received.push(this.#rememberWire(push.message));
        return;
      }
      case 'receipts': {
        for (const item of push.items) {
          // A pushed one-to-one item always means read; only a pull says the peer marked the chat read.
          const next = this.#applyReceipt({ ...item, isPeerRead: true, markedRead: false });
          if (next) pending.receipts.set(item.messageID, receiptItemOf(next));
        }
        return;
      }
      case 'peerRead': {
        for (const message of this.#markPeerRead(`${TYPES.CONV_C2C}${push.userID}`, push.sequence)) {
          pending.byPeer.set(message.ID, message);
        }
        return;
      }
    }
  }

  #markPeerRead(conversationID: string, sequence: number): Message[] {
    const changed: Message[] = [];
    for (const id of this.#conversations.get(conversationID) ?? []) {
      const message = this.#messages.get(id);
      if (message?.flow !== 'out' || message.status !== 'success') continue;
      if (message.isPeerRead || message.sequence > sequence) continue;
      const next = withChanges(message, { isPeerRead: true });
      this.#remember(next);
      changed.push(next);
    }
    return changed.sort((a, b) => a.sequence - b.sequence);
  }

  /** Pushes that arrive in the same task are announced together, one event per kind. */
  #queue() {
    if (!this.#pending) {
      this.#pending = { received: [], receipts: new Map(), byPeer: new Map() };
      queueMicrotask(() => this.#flush());
    }
    return this.#pending;
  }

  #flush(): void {
    const pending = this.#pending;
    this.#pending = null;
    if (!pending || this.#destroyed) return;
    if (pending.received.length > 0) this.#emit(EVENT.MESSAGE_RECEIVED, pending.received);
    if (pending.receipts.size > 0)
      this.#emit(EVENT.MESSAGE_READ_RECEIPT_RECEIVED, [...pending.receipts.values()]);
    if (pending.byPeer.size > 0) this.#emit(EVENT.MESSAGE_READ_BY_PEER, [...pending.byPeer.values()]);
  }

  #emit<K extends keyof EventMap>(name: K, data: EventMap[K]): void {
    this.#emitter.emit(name, { name, data } as Events[K]);
  }

  #onStateChange(state: NetState): void {
    if (this.#destroyed || state === this.#netState) return;
    this.#netState = state;
    this.#emit(EVENT.NET_STATE_CHANGE, { state });
    if (state !== TYPES.NET_STATE_CONNECTED) return;
    // Every connection numbers its pushes afresh.
    this.#pushSeq = 0;
    if (this.#wasConnected) {
      this.#stale = true;
      this.#requestResync();
    }
    this.#wasConnected = true;
  }

  /** One resync at a time; a request during one runs another after it, since it may have missed the news. */
  #requestResync(): void {
    if (this.#resyncing) {
      this.#resyncAgain = true;
      return;
    }
    this.#resyncing = true;
    queueMicrotask(() => {
      void this.#resync().finally(() => {
        this.#resyncing = false;
        if (this.#resyncAgain && !this.#destroyed) {
          this.#resyncAgain = false;
          this.#requestResync();
        }
      });
    });
  }

  /**
   * Pushes sent while the connection was down are lost, so after a reconnect the client pulls the receipt state
   * of every message it is watching and announces what changed, as if the pushes had arrived.
   */
  async #resync(): Promise<void> {
    this.#stale = false;
    // A pull takes the messages of one conversation, so the pulls follow the store's grouping.
    for (const ids of this.#conversations.values()) {
      const own = [...ids].filter((id) => this.#hasOwnReceipts(this.#messages.get(id)!));
      for (let start = 0; start < own.length; start += MAX_RECEIPT_QUERY) {
        let receipts: WireReceipt[];
        try {
          ({ receipts } = await this.#request('getMessageReadReceiptList', {
            messageIDs: own.slice(start, start + MAX_RECEIPT_QUERY),
          }));
        } catch (error) {
          if (!isTransientError(error)) continue;
          // Still behind: the next push or heartbeat tries again.
          this.#stale = true;
          return;
        }
        const pending = this.#queue();
        for (const receipt of receipts) {
          const before = this.#messages.get(receipt.messageID);
          const next = this.#applyReceipt(receipt);
          if (!next || !before) continue;
          // Announce only what a push would have: new readers. Counts merely learnt (0 of 3, not read) are no news.
          if (readersOf(next) > readersOf(before)) pending.receipts.set(next.ID, receiptItemOf(next));
          if (next.isPeerRead && !before.isPeerRead) pending.byPeer.set(next.ID, next);
        }
      }
    }
  }
}

/** How many recipients a snapshot says have sent a receipt; 0 while unknown. */
function readersOf(message: Message): number {
  const info = message.readReceiptInfo;
  return 'readCount' in info ? (info.readCount ?? 0) : Number(info.isPeerRead === true);
}

/** The item announced for a message: its latest state. One-to-one, the reader is always the peer. */
function receiptItemOf(message: Message): ReceiptItem {
  const info = message.readReceiptInfo;
  if ('readCount' in info) {
    return {
      groupID: message.to,
      messageID: message.ID,
      readCount: info.readCount ?? 0,
      unreadCount: info.unreadCount ?? 0,
    };
  }
  return {
    userID: message.to,
    messageID: message.ID,
    isPeerRead: true,
    timestamp: info.timestamp ?? 0,
  };
}

function destroyedError(): ReadByError {
  return new ReadByError(ERROR_CODE.CHAT_DESTROYED, 'the chat was destroyed');
}

/**
 * Creates a chat client. Also available as `ReadBy.create`.
 *
 * @example
 * ```ts
 * import { createChat } from 'readby';
 * import { createMockServer } from 'readby/mock';
 * const chat = createChat({ transport: createMockServer().connect('alice') });
 * ```
 */
export function createChat(options: ChatOptions): Chat {
  return new Chat(options);
}
