import * as calls from './chatCalls';
import { type ChatCore, createChatCore } from './chatCore';
import type { ChatOptions } from './chatOptions';
import { type NetState, TYPES } from './constants';
import { createEmitter } from './emitter';
import { invalidParameter } from './errors';
import { createDraft, readCustomOptions, readTextOptions } from './messageDraft';
import { PushSync } from './pushSync';
import type { Requester } from './requester';
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
  SendMessageResult,
} from './types';

export type { ChatOptions } from './chatOptions';

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
  readonly #emitter = createEmitter<Events>();
  readonly #core: ChatCore;
  readonly #sync: PushSync;
  readonly #requester: Requester;

  constructor(options: ChatOptions) {
    this.#core = createChatCore(options, (name, data) =>
      this.#emitter.emit(name, { name, data } as Events[typeof name]),
    );
    this.userID = this.#core.userID;
    this.#requester = this.#core.requester;
    this.#sync = new PushSync(this.#core);
    this.#requester.open({
      onPush: (push) => this.#sync.onPush(push),
      onStateChange: (state) => this.#sync.onStateChange(state),
    });
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
    return this.#sync.netState;
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
    this.#requester.assertAlive();
    const { checked, payload } = readTextOptions(options);
    return this.#keep(createDraft(checked, TYPES.MSG_TEXT, payload, this.userID, this.#core.nextID));
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
    this.#requester.assertAlive();
    const { checked, payload } = readCustomOptions(options);
    return this.#keep(createDraft(checked, TYPES.MSG_CUSTOM, payload, this.userID, this.#core.nextID));
  }

  /** Keeps a new draft, so that `sendMessage` knows it as this chat's own. */
  #keep(draft: Message): Message {
    this.#core.cache.set(draft);
    return draft;
  }

  /**
   * Sends a message made by `createTextMessage` or `createCustomMessage`; recipients get `MESSAGE_RECEIVED`.
   * Where receipts were asked but the group cannot have them, the message is still sent, with
   * `needReadReceipt: false` and `readReceiptCode: 10059` (R8). On failure the message's status becomes
   * `'fail'` and the error's `data.message` holds it; sending it again is safe, also once history shows that a send
   * whose answer was lost did land: the retry resolves with the stored message. Either way
   * `MESSAGE_STATUS_CHANGED` announces the new snapshot before the promise settles.
   *
   * @example
   * ```ts
   * const { data } = await chat.sendMessage(message);
   * if (data.readReceiptCode === ERROR_CODE.READ_RECEIPT_NOT_SUPPORTED) console.log('no receipts here');
   * ```
   */
  async sendMessage(message: Message): Promise<ChatResponse<SendMessageResult>> {
    this.#requester.assertAlive();
    return calls.sendMessage(this.#core, message);
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
    this.#requester.assertAlive();
    return calls.getMessageList(this.#core, options);
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
    this.#requester.assertAlive();
    return calls.sendMessageReadReceipt(this.#core, messageList);
  }

  /**
   * Pulls fresh receipt counts for messages the user sent (R6): up to 100 messages of one conversation, returned
   * in the same order; messages that are not the user's, or have no receipts, come back as they were. A message
   * this client never loaded (sent from another device, a JSON copy, a server render) is taken in: from then on
   * `findMessage` returns it and pushes update it.
   *
   * @example
   * ```ts
   * const { data } = await chat.getMessageReadReceiptList(messageList);
   * data.messageList.forEach((m) => console.log(m.ID, m.readReceiptInfo));
   * ```
   */
  async getMessageReadReceiptList(messageList: Message[]): Promise<ChatResponse<{ messageList: Message[] }>> {
    this.#requester.assertAlive();
    return calls.getMessageReadReceiptList(this.#core, messageList);
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
    this.#requester.assertAlive();
    return calls.getGroupMessageReadMemberList(this.#core, options);
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
    this.#requester.assertAlive();
    return calls.setMessageRead(this.#core, options);
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
    this.#requester.assertAlive();
    return calls.getConversationList(this.#core);
  }

  /**
   * The latest snapshot of a message this client has sent, received, loaded or been given, or `null`; `null`
   * too once the message has left the cache (see `messageCacheSize`).
   *
   * @example
   * ```ts
   * chat.findMessage(item.messageID)?.readReceiptInfo;
   * ```
   */
  findMessage(ID: string): Message | null {
    return this.#core.cache.get(ID) ?? null;
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
    if (this.#requester.destroyed) return;
    this.#emitter.clear();
    this.#sync.clear();
    this.#requester.destroy();
  }
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
