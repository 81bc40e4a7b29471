import {
  type ConversationType,
  MAX_MESSAGE_PAGE,
  type MessageType,
  type RequestName,
  type Requests,
  type ServerPush,
} from 'readby';
import type { ConnectOptions, MockServer, MockTransport } from 'readby/mock';
import { FAKE_CODE, FAKE_EVENT, FAKE_TYPES, KICK_CODE, type KickedOutType } from './constants';
import { type FakeHandler, HandlerRegistry } from './handlerRegistry';
import { type FakeMessage, FakeMessageStore, newMessage } from './messageStore';
import { type FakeGroup, groupListOf, groupProfileOf, watchGroups } from './tencentServer';

/** The SDK methods the fake counts calls of, in `sdk.calls`. */
export const FAKE_METHODS = [
  'login',
  'logout',
  'destroy',
  'getLoginUser',
  'isReady',
  'on',
  'off',
  'createTextMessage',
  'sendMessage',
  'getMessageList',
  'sendMessageReadReceipt',
  'getMessageReadReceiptList',
  'getGroupMessageReadMemberList',
  'setMessageRead',
  'findMessage',
  'getGroupList',
  'getGroupProfile',
] as const;
export type FakeMethod = (typeof FAKE_METHODS)[number];

export interface FakeTencentChatOptions {
  /** The server behind the fake; a `createTencentServer()` one also tells group types. */
  server: MockServer;
  SDKAppID?: number;
  /** Latency and faults of the connection each login opens (`server.connect(userID, connect)`). */
  connect?: ConnectOptions;
  /** How long a request may go unanswered before it rejects; default 15 000 ms. */
  requestTimeoutMs?: number;
  /**
   * Starts the fake already signed in as this user and ready, as an app finds the SDK when it makes the adapter
   * after `SDK_READY`: no event is emitted, and requests wait for the connection to open.
   */
  readyAs?: string;
}

type Response<T> = Promise<{ code: 0; data: T }>;

/** The IDs of messages sent with `needReadReceipt: true`, per server: what the service remembers the sender asked. */
const requestedByServer = new WeakMap<MockServer, Set<string>>();

/** An error as the SDK rejects with: an `Error` with a numeric `code` and a `data` object. */
export function sdkError(
  code: number,
  message: string,
  data: object = {},
): Error & { code: number; data: object } {
  return Object.assign(new Error(message), { code, data });
}

/**
 * A fake of `@tencentcloud/chat`'s `ChatSDK` with the semantics that matter to read receipts, served by readby's
 * mock server through its transport. See `test/tencent/fakeTencentChat.ts` for what it does and how to drive it.
 */
export class FakeTencentChat {
  readonly SDKAppID: number;
  /** How often each method was called since the last `resetCalls()`. */
  readonly calls: Record<FakeMethod, number>;
  readonly #server: MockServer;
  readonly #connectOptions: ConnectOptions;
  readonly #timeoutMs: number;
  readonly #handlers = new HandlerRegistry();
  readonly #requested: Set<string>;
  readonly #messages: FakeMessageStore;
  /** Every message this instance created: the SDK sends only its own Message instances, even after a re-login. */
  readonly #created = new WeakSet<FakeMessage>();
  #readyWaiters: (() => void)[] = [];
  #transport: MockTransport | null = null;
  #userID = '';
  #ready = false;
  #notReadyCode: number = FAKE_CODE.USER_NOT_LOGGED_IN;
  /** Bumped by every login and logout: what an earlier session started is void. */
  #session = 0;
  #nextID = 0;
  #stopGroupWatch: (() => void) | null = null;
  /** The connection of a session started already signed in: requests wait for it to open. */
  #opened: Promise<unknown> = Promise.resolve();

  constructor(options: FakeTencentChatOptions) {
    this.SDKAppID = options.SDKAppID ?? 0;
    this.#server = options.server;
    this.#connectOptions = options.connect ?? {};
    this.#timeoutMs = options.requestTimeoutMs ?? 15_000;
    this.calls = Object.fromEntries(FAKE_METHODS.map((method) => [method, 0])) as Record<FakeMethod, number>;
    let requested = requestedByServer.get(options.server);
    if (!requested) {
      requested = new Set();
      requestedByServer.set(options.server, requested);
    }
    this.#requested = requested;
    this.#messages = new FakeMessageStore(() => this.#userID, requested);
    if (options.readyAs !== undefined) {
      this.#session += 1;
      this.#userID = options.readyAs;
      const opening = this.#open(this.#session);
      opening.catch(() => {});
      this.#opened = opening;
      this.#ready = true;
    }
  }

  // --- test controls (not SDK methods: not counted) -------------------------------------------------------

  /** The connection of the current login, for `disconnect()` and `reconnect()`; `null` while logged out. */
  get transport(): MockTransport | null {
    return this.#transport;
  }

  /** How many handlers are registered, for one event or for all. */
  handlerCount(eventName?: string): number {
    return this.#handlers.count(eventName);
  }

  /** How many message objects the fake holds. */
  get messageCount(): number {
    return this.#messages.size;
  }

  resetCalls(): void {
    for (const method of FAKE_METHODS) this.calls[method] = 0;
  }

  /** Resolves once `SDK_READY` has been emitted (at once if the fake is ready). */
  untilReady(): Promise<void> {
    if (this.#ready) return Promise.resolve();
    return new Promise((resolve) => this.#readyWaiters.push(resolve));
  }

  /** What the SDK does when the service logs the user out: `KICKED_OUT`, then `SDK_NOT_READY`. */
  simulateKickedOut(type: KickedOutType = FAKE_TYPES.KICKED_OUT_MULT_ACCOUNT): void {
    if (!this.#signOut()) return;
    this.#notReadyCode = KICK_CODE[type];
    this.#emit(FAKE_EVENT.KICKED_OUT, { type });
    this.#emit(FAKE_EVENT.SDK_NOT_READY);
  }

  // --- session --------------------------------------------------------------------------------------------

  login(options: { userID: string; userSig?: string }): Response<{ repeatLogin: boolean }> {
    this.#count('login');
    let session: number | null = null;
    const response = this.#login(options).then((started) => {
      session = started;
      return { code: 0 as const, data: { repeatLogin: started === null } };
    });
    // The SDK announces readiness once it has synced: after login has resolved for whoever awaits it.
    response.then(
      () => {
        if (session === null) return;
        queueMicrotask(() => {
          if (session !== this.#session) return;
          this.#ready = true;
          this.#emit(FAKE_EVENT.SDK_READY);
          for (const resolve of this.#readyWaiters.splice(0)) resolve();
        });
      },
      () => {},
    );
    return response;
  }

  /** Resolves with the new session, or `null` for a repeated login. */
  async #login(options: { userID: string; userSig?: string }): Promise<number | null> {
    const userID = options?.userID;
    if (typeof userID !== 'string' || userID === '') throw sdkError(2002, 'login: userID is required');
    if (userID === this.#userID) return null;
    if (this.#signOut()) this.#emit(FAKE_EVENT.SDK_NOT_READY);
    this.#session += 1;
    const session = this.#session;
    this.#userID = userID;
    this.#notReadyCode = FAKE_CODE.LOGGING_IN;
    try {
      await this.#open(session);
    } catch (error) {
      if (session === this.#session) throw error;
    }
    if (session !== this.#session)
      throw sdkError(FAKE_CODE.USER_NOT_LOGGED_IN, 'login: logged out meanwhile');
    return session;
  }

  async logout(): Response<Record<string, never>> {
    this.#count('logout');
    if (!this.#signOut()) throw sdkError(FAKE_CODE.USER_NOT_LOGGED_IN, 'logout: not logged in');
    this.#notReadyCode = FAKE_CODE.USER_NOT_LOGGED_IN;
    this.#emit(FAKE_EVENT.SDK_NOT_READY);
    return { code: 0, data: {} };
  }

  /** Logs out and drops every handler, as the SDK's `destroy()` does. */
  async destroy(): Promise<void> {
    this.#count('destroy');
    if (this.#signOut()) this.#emit(FAKE_EVENT.SDK_NOT_READY);
    this.#notReadyCode = FAKE_CODE.USER_NOT_LOGGED_IN;
    this.#handlers.clear();
  }

  getLoginUser(): string {
    this.#count('getLoginUser');
    return this.#userID;
  }

  isReady(): boolean {
    this.#count('isReady');
    return this.#ready;
  }

  /** Registers a handler; like the SDK's, it returns nothing. */
  on(eventName: string, handler: FakeHandler, context?: unknown): void {
    this.#count('on');
    if (typeof handler === 'function') this.#handlers.add(eventName, handler, context);
  }

  off(eventName: string, handler: FakeHandler, _context?: unknown): void {
    this.#count('off');
    this.#handlers.remove(eventName, handler);
  }

  // --- messages -------------------------------------------------------------------------------------------

  createTextMessage(options: {
    to: string;
    conversationType: string;
    payload: { text: string };
    needReadReceipt?: boolean;
  }): FakeMessage {
    this.#count('createTextMessage');
    // Before SDK_READY the SDK returns a rejected Promise where a message was expected.
    if (!this.#ready) return this.#notReady('createTextMessage') as unknown as FakeMessage;
    const { to, conversationType, payload } = options ?? {};
    if (
      typeof to !== 'string' ||
      to === '' ||
      (conversationType !== FAKE_TYPES.CONV_C2C && conversationType !== FAKE_TYPES.CONV_GROUP) ||
      typeof payload?.text !== 'string'
    ) {
      throw new Error('Params validate failed.');
    }
    this.#nextID += 1;
    const message = this.#messages.add(
      newMessage({
        ID: `${this.#transport!.clientID}-${this.#nextID}`,
        conversationType,
        to,
        from: this.#userID,
        flow: 'out',
        text: payload.text,
        needReadReceipt: options.needReadReceipt === true,
        status: 'unSend',
        fromServer: false,
      }),
    );
    this.#created.add(message);
    return message;
  }

  /** Resolves `{ code: 0, data: { message } }`, never with `readReceiptCode`; the message changes in place. */
  sendMessage(message: FakeMessage): Response<{ message: FakeMessage }> {
    this.#count('sendMessage');
    if (!this.#ready) return this.#notReady('sendMessage');
    if (!this.#created.has(message)) {
      return Promise.reject(
        sdkError(FAKE_CODE.MESSAGE_INSTANCE_REQUIRED, 'sendMessage: a Message instance is required'),
      );
    }
    const own = this.#messages.get(message.ID) === message ? message : this.#messages.add(message);
    if (own.needReadReceipt) this.#requested.add(own.ID);
    own.status = 'unSend';
    const draft = {
      ID: own.ID,
      type: own.type as MessageType,
      payload: { text: own.payload.text ?? '' },
      conversationType: own.conversationType as ConversationType,
      to: own.to,
      needReadReceipt: own.needReadReceipt,
    };
    return this.#request('sendMessage', { message: draft }).then(
      (result) => {
        this.#messages.applySent(own, result.message);
        return { code: 0 as const, data: { message: own } };
      },
      (error: { code: number; message: string }) => {
        own.status = 'fail';
        throw sdkError(error.code, error.message, { message: own });
      },
    );
  }

  async getMessageList(options: {
    conversationID: string;
    nextReqMessageID?: string;
  }): Response<{ messageList: FakeMessage[]; nextReqMessageID: string; isCompleted: boolean }> {
    this.#count('getMessageList');
    if (!this.#ready) return this.#notReady('getMessageList');
    const page = await this.#request('getMessageList', {
      conversationID: options?.conversationID,
      nextReqMessageID: options?.nextReqMessageID ?? '',
      count: MAX_MESSAGE_PAGE,
    });
    const messageList = page.messageList.map((wire) => this.#messages.fromWire(wire));
    await this.#loadPeerReceipts(messageList);
    return {
      code: 0,
      data: { messageList, nextReqMessageID: page.nextReqMessageID, isCompleted: page.isCompleted },
    };
  }

  /** Throws synchronously for an empty list, as the SDK's parameter check does; rejects 2114 when none is due. */
  sendMessageReadReceipt(messageList: FakeMessage[]): Response<Record<string, never>> {
    this.#count('sendMessageReadReceipt');
    if (!this.#ready) return this.#notReady('sendMessageReadReceipt');
    if (!Array.isArray(messageList) || messageList.length === 0) throw new Error('Params validate failed.');
    const me = this.#userID;
    const messageIDs = messageList
      .filter((message) => message.from !== me && message.needReadReceipt === true)
      .map((message) => message.ID);
    if (messageIDs.length === 0) {
      return Promise.reject(
        sdkError(FAKE_CODE.READ_RECEIPT_MSG_LIST_EMPTY, 'no message needs a read receipt'),
      );
    }
    return this.#request('sendMessageReadReceipt', { messageIDs }).then(() => ({
      code: 0 as const,
      data: {},
    }));
  }

  /** One-to-one messages make no request: the SDK already holds their state from history and pushes. */
  getMessageReadReceiptList(messageList: FakeMessage[]): Response<{ messageList: FakeMessage[] }> {
    this.#count('getMessageReadReceiptList');
    if (!this.#ready) return this.#notReady('getMessageReadReceiptList');
    if (!Array.isArray(messageList) || messageList.length === 0) throw new Error('Params validate failed.');
    // Answered with the live objects, looked up at the end: a plain copy comes back as the SDK's own if known.
    const answer = () => ({
      code: 0 as const,
      data: { messageList: messageList.map((message) => this.#messages.get(message.ID) ?? message) },
    });
    const me = this.#userID;
    const messageIDs = [
      ...new Set(
        messageList
          .map((message) => this.#messages.get(message.ID) ?? message)
          .filter(
            (message) =>
              message.conversationType === FAKE_TYPES.CONV_GROUP &&
              message.from === me &&
              message.needReadReceipt &&
              message.status === 'success',
          )
          .map((message) => message.ID),
      ),
    ];
    if (messageIDs.length === 0) return Promise.resolve(answer());
    return this.#request('getMessageReadReceiptList', { messageIDs }).then(({ receipts }) => {
      for (const receipt of receipts) this.#messages.applyPull(receipt);
      return answer();
    });
  }

  /** As lenient as the SDK: a filter other than 1 means 0; a count that is not 1–99 means 100. */
  getGroupMessageReadMemberList(options: {
    message: FakeMessage;
    filter: number;
    cursor: string;
    count: number;
  }): Response<Requests['getGroupMessageReadMemberList']['result']> {
    this.#count('getGroupMessageReadMemberList');
    if (!this.#ready) return this.#notReady('getGroupMessageReadMemberList');
    const { message, filter, cursor, count } = options ?? ({} as typeof options);
    return this.#request('getGroupMessageReadMemberList', {
      messageID: message?.ID,
      filter: filter === 1 ? 1 : 0,
      cursor: typeof cursor === 'string' ? cursor : '',
      count: typeof count !== 'number' || count <= 0 || count >= 100 ? 100 : count,
    }).then((page) => ({ code: 0 as const, data: page }));
  }

  setMessageRead(options: { conversationID: string }): Response<Record<string, never>> {
    this.#count('setMessageRead');
    if (!this.#ready) return this.#notReady('setMessageRead');
    return this.#request('setMessageRead', { conversationID: options?.conversationID }).then(() => ({
      code: 0 as const,
      data: {},
    }));
  }

  /** The live object, or `null`; before SDK_READY a rejected Promise, as the SDK returns. */
  findMessage(messageID: string): FakeMessage | null {
    this.#count('findMessage');
    if (!this.#ready) return this.#notReady('findMessage') as unknown as null;
    return this.#messages.get(messageID) ?? null;
  }

  // --- groups ---------------------------------------------------------------------------------------------

  getGroupList(): Response<{ groupList: FakeGroup[] }> {
    this.#count('getGroupList');
    if (!this.#ready) return this.#notReady('getGroupList');
    return Promise.resolve({ code: 0, data: { groupList: groupListOf(this.#server, this.#userID) } });
  }

  getGroupProfile(options: { groupID: string }): Response<{ group: FakeGroup }> {
    this.#count('getGroupProfile');
    if (!this.#ready) return this.#notReady('getGroupProfile');
    const group = groupProfileOf(this.#server, options?.groupID);
    if (group) return Promise.resolve({ code: 0, data: { group } });
    const message = `getGroupProfile: no group ${String(options?.groupID)}`;
    return Promise.reject(sdkError(FAKE_CODE.GROUP_NOT_FOUND, message));
  }

  // --- internals ------------------------------------------------------------------------------------------

  #count(method: FakeMethod): void {
    this.calls[method] += 1;
  }

  #notReady<T>(method: string): Promise<T> {
    return Promise.reject(sdkError(this.#notReadyCode, `${method}: the SDK is not ready`));
  }

  /** Ends the session, if any; returns whether there was one. */
  #signOut(): boolean {
    if (this.#userID === '' && this.#transport === null) return false;
    this.#session += 1;
    this.#ready = false;
    this.#userID = '';
    this.#stopGroupWatch?.();
    this.#stopGroupWatch = null;
    this.#transport?.close();
    this.#transport = null;
    this.#messages.clear();
    return true;
  }

  /** Opens the connection of a session and starts following its groups. */
  #open(session: number): Promise<void> {
    const transport = this.#server.connect(this.#userID, this.#connectOptions);
    this.#transport = transport;
    this.#watchGroups(session);
    return transport.open({
      onPush: (push) => {
        if (session === this.#session) this.#onPush(push);
      },
      onStateChange: (state) => {
        if (session === this.#session) this.#emit(FAKE_EVENT.NET_STATE_CHANGE, { state });
      },
    });
  }

  /** A request over the session's connection. An answer that arrives after a logout is void: 2024. */
  #request<K extends RequestName>(method: K, params: Requests[K]['params']): Promise<Requests[K]['result']> {
    const session = this.#session;
    const transport = this.#transport!;
    const opened = this.#opened;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(sdkError(FAKE_CODE.REQUEST_TIMEOUT, `${method}: no answer within ${this.#timeoutMs} ms`)),
        this.#timeoutMs,
      );
      const stale = () => sdkError(FAKE_CODE.USER_NOT_LOGGED_IN, `${method}: logged out while under way`);
      opened
        .then(() => transport.request(method, params))
        .then(
          (value) => {
            clearTimeout(timer);
            if (session === this.#session) resolve(value);
            else reject(stale());
          },
          (error: unknown) => {
            clearTimeout(timer);
            reject(session === this.#session ? error : stale());
          },
        );
    });
  }

  /** History carries one-to-one receipt state for the sender, as the SDK's does. */
  async #loadPeerReceipts(messageList: FakeMessage[]): Promise<void> {
    const me = this.#userID;
    const messageIDs = messageList
      .filter((m) => m.conversationType === FAKE_TYPES.CONV_C2C && m.from === me && m.needReadReceipt)
      .map((m) => m.ID);
    if (messageIDs.length === 0) return;
    try {
      const { receipts } = await this.#request('getMessageReadReceiptList', { messageIDs });
      for (const receipt of receipts) this.#messages.applyPull(receipt);
    } catch {
      // The page is still good; the receipt state comes with the next push.
    }
  }

  #watchGroups(session: number): void {
    this.#stopGroupWatch = watchGroups(this.#server, (userIDs) => {
      if (!userIDs.includes(this.#userID)) return;
      // Like any news from the service, it arrives after the change, not inside it.
      queueMicrotask(() => {
        if (session !== this.#session || !this.#ready) return;
        this.#emit(FAKE_EVENT.GROUP_LIST_UPDATED, groupListOf(this.#server, this.#userID));
      });
    });
  }

  #onPush(push: ServerPush): void {
    switch (push.type) {
      case 'message': {
        // A delivery seen twice is announced once.
        if (this.#messages.get(push.message.ID)?.status === 'success') return;
        this.#emit(FAKE_EVENT.MESSAGE_RECEIVED, [this.#messages.fromWire(push.message)]);
        return;
      }
      case 'receipts': {
        const items = push.items.filter((item) => this.#messages.applyPush(item));
        if (items.length > 0) this.#emit(FAKE_EVENT.MESSAGE_READ_RECEIPT_RECEIVED, items);
        return;
      }
      case 'peerRead': {
        const changed = this.#messages.markPeerRead(`${FAKE_TYPES.CONV_C2C}${push.userID}`, push.sequence);
        if (changed.length > 0) this.#emit(FAKE_EVENT.MESSAGE_READ_BY_PEER, changed);
        return;
      }
      default:
        return;
    }
  }

  #emit(name: string, data?: unknown): void {
    this.#handlers.emit(name, data);
  }
}
