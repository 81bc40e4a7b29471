import {
  type ChatLike,
  type ChatLikeEventMap,
  type ChatLikeEventName,
  type ChatLikeHandler,
  type ChatLikeResponse,
  createEmitter,
  destroyedError,
  EVENT,
  invalidParameter,
  MAX_RECEIPT_BATCH,
  MAX_RECEIPT_QUERY,
  type MessageLike,
  type NetState,
  ReadByError,
  type ReadMemberPage,
  requireMemberListOptions,
  requireMessage,
  requireMessageList,
  TYPES,
} from '../core/index';
import { checkMessageListOptions, checkTextMessageOptions } from './checkInput';
import type { TencentChat } from './fromTencentChat';
import { fromTencentError } from './fromTencentError';
import { GroupTypes } from './groupTypes';
import { callWhenReady, ReadyGate, USER_NOT_LOGGED_IN } from './readyGate';
import { asMessageLike, isThenable, SdkMessages } from './sdkMessages';
import {
  TENCENT_EVENT,
  type TencentChatSDKLike,
  type TencentEvent,
  type TencentMessageLike,
} from './tencentChatSDKLike';
import { toNetState } from './toNetState';

/** The SDK's pushes that readby hears under the same names. */
type ForwardedEvent =
  | typeof EVENT.MESSAGE_RECEIVED
  | typeof EVENT.MESSAGE_READ_BY_PEER
  | typeof EVENT.MESSAGE_READ_RECEIPT_RECEIVED;

type Events = { [K in ChatLikeEventName]: { name: K; data: ChatLikeEventMap[K] } };

/**
 * The adapter behind {@link fromTencentChat}: readby's `ChatLike` calls and events over the SDK's. What the SDK
 * does differently (login and `SDK_READY`, `on` returning nothing, refusals before ready, messages changed in
 * place, no word on groups without receipts) is absorbed here, so that readby's store never sees it.
 *
 * @example
 * ```ts
 * const chat = new TencentChatAdapter(tim, DEFAULT_READ_RECEIPT_GROUP_TYPES);
 * ```
 */
export class TencentChatAdapter implements TencentChat {
  readonly #sdk: TencentChatSDKLike;
  readonly #gate = new ReadyGate();
  readonly #emitter = createEmitter<Events>();
  readonly #messages: SdkMessages;
  readonly #groups: GroupTypes;
  /** The one handler per SDK event, kept so that `destroy()` can give the SDK back exactly what it was given. */
  readonly #sdkHandlers: ReadonlyArray<readonly [string, (event: TencentEvent) => void]>;
  #userID = '';
  #netState: NetState = TYPES.NET_STATE_DISCONNECTED;
  /** Bumped by every change of readiness: work begun for an earlier one is void. */
  #session = 0;
  #destroyed = false;

  constructor(sdk: TencentChatSDKLike, receiptGroupTypes: readonly string[]) {
    this.#sdk = sdk;
    this.#messages = new SdkMessages(sdk);
    this.#groups = new GroupTypes(receiptGroupTypes, (groupID) => this.#lookUpGroup(groupID));
    this.#sdkHandlers = [
      [TENCENT_EVENT.SDK_READY, () => this.#onReady()],
      [TENCENT_EVENT.SDK_NOT_READY, () => this.#onNotReady()],
      [TENCENT_EVENT.KICKED_OUT, () => this.#onNotReady()],
      [TENCENT_EVENT.NET_STATE_CHANGE, (event) => this.#onNetState(event)],
      [TENCENT_EVENT.MESSAGE_RECEIVED, (event) => this.#forward(EVENT.MESSAGE_RECEIVED, event)],
      [TENCENT_EVENT.MESSAGE_READ_BY_PEER, (event) => this.#forward(EVENT.MESSAGE_READ_BY_PEER, event)],
      [
        TENCENT_EVENT.MESSAGE_READ_RECEIPT_RECEIVED,
        (event) => this.#forward(EVENT.MESSAGE_READ_RECEIPT_RECEIVED, event),
      ],
      [TENCENT_EVENT.GROUP_LIST_UPDATED, (event) => this.#groups.remember(event?.data)],
    ];
    for (const [name, handler] of this.#sdkHandlers) sdk.on(name, handler);
    // An app may make the adapter after the SDK became ready: it then missed SDK_READY.
    if (sdk.isReady()) this.#onReady();
  }

  getLoginUser(): string {
    return this.#userID;
  }

  get netState(): NetState {
    return this.#netState;
  }

  on<K extends ChatLikeEventName>(name: K, handler: ChatLikeHandler<K>): () => void {
    if (typeof handler !== 'function') throw invalidParameter('handler', 'a function');
    return this.#emitter.on(name, handler as (event: Events[K]) => void);
  }

  off<K extends ChatLikeEventName>(name: K, handler: ChatLikeHandler<K>): void {
    this.#emitter.off(name, handler as (event: Events[K]) => void);
  }

  createTextMessage(options: Parameters<ChatLike['createTextMessage']>[0]): MessageLike {
    this.#assertAlive();
    const checked = checkTextMessageOptions(options);
    let message: unknown;
    try {
      message = this.#sdk.createTextMessage(checked);
    } catch (error) {
      throw fromTencentError(error, 'createTextMessage');
    }
    if (isThenable(message)) {
      // Before SDK_READY the SDK returns a rejected Promise instead of a message; a message must exist at once.
      message.then(undefined, () => {});
      throw new ReadByError(
        USER_NOT_LOGGED_IN,
        'createTextMessage: the SDK is not ready; create messages after SDK_READY',
      );
    }
    const created = requireMessage(message, 'the message the SDK created');
    this.#messages.adopt(created);
    return created;
  }

  async sendMessage(message: MessageLike): Promise<ChatLikeResponse<{ message: MessageLike }>> {
    this.#assertAlive();
    const given = requireMessage(message, 'message');
    let target: TencentMessageLike = given;
    let attempted = false;
    try {
      const response = await this.#call('sendMessage', () => {
        const own = this.#messages.find(given);
        if (!own) throw invalidParameter('message', 'a message created by this SDK instance');
        target = own;
        attempted = true;
        return this.#sdk.sendMessage(own);
      });
      return {
        ...response,
        data: { ...response.data, message: asMessageLike(response.data?.message ?? target) },
      };
    } finally {
      // The SDK has no event for the end of a send, and whoever shows the draft may not hold this promise.
      if (attempted) this.#emit(EVENT.MESSAGE_STATUS_CHANGED, [asMessageLike(target)]);
    }
  }

  async getMessageList(
    options: Parameters<ChatLike['getMessageList']>[0],
  ): Promise<
    ChatLikeResponse<{ messageList: MessageLike[]; nextReqMessageID: string; isCompleted: boolean }>
  > {
    this.#assertAlive();
    const checked = checkMessageListOptions(options);
    const response = await this.#call('getMessageList', () => this.#sdk.getMessageList(checked));
    this.#messages.adopt(response.data?.messageList);
    return { ...response, data: { ...response.data, messageList: asMessageLike(response.data.messageList) } };
  }

  async sendMessageReadReceipt(messageList: MessageLike[]): Promise<unknown> {
    this.#assertAlive();
    const list = requireMessageList(messageList, 'messageList', MAX_RECEIPT_BATCH);
    return this.#call('sendMessageReadReceipt', () =>
      this.#sdk.sendMessageReadReceipt(list.map((message) => this.#messages.own(message))),
    );
  }

  async getMessageReadReceiptList(
    messageList: MessageLike[],
  ): Promise<ChatLikeResponse<{ messageList: MessageLike[] }>> {
    this.#assertAlive();
    const list = requireMessageList(messageList, 'messageList', MAX_RECEIPT_QUERY);
    const response = await this.#call('getMessageReadReceiptList', () =>
      this.#sdk.getMessageReadReceiptList(list.map((message) => this.#messages.own(message))),
    );
    this.#messages.adopt(response.data?.messageList);
    return { ...response, data: { ...response.data, messageList: asMessageLike(response.data.messageList) } };
  }

  async getGroupMessageReadMemberList(
    options: Parameters<ChatLike['getGroupMessageReadMemberList']>[0],
  ): Promise<ChatLikeResponse<ReadMemberPage>> {
    this.#assertAlive();
    const checked = requireMemberListOptions(options);
    const response = await this.#call('getGroupMessageReadMemberList', () =>
      this.#sdk.getGroupMessageReadMemberList({ ...checked, message: this.#messages.own(checked.message) }),
    );
    // The SDK fills both lists; readby's page type asks for both, so a missing one is an empty one.
    const page = response.data ?? {};
    return {
      ...response,
      data: {
        messageID: page.messageID ?? checked.message.ID,
        cursor: typeof page.cursor === 'string' ? page.cursor : '',
        isCompleted: page.isCompleted === true,
        readUserIDList: page.readUserIDList ?? [],
        unreadUserIDList: page.unreadUserIDList ?? [],
      },
    };
  }

  hasReadReceipts(message: MessageLike): boolean {
    return this.#groups.hasReadReceiptsFor(message);
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#session += 1;
    this.#userID = '';
    for (const [name, handler] of this.#sdkHandlers) this.#sdk.off(name, handler);
    this.#emitter.clear();
    this.#gate.fail(destroyedError());
  }

  // --- readiness ------------------------------------------------------------------------------------------

  #onReady(): void {
    if (this.#destroyed) return;
    this.#session += 1;
    const session = this.#session;
    // Read once per login, here: the SDK is asked nothing when readby reads state.
    const userID = String(this.#sdk.getLoginUser() ?? '');
    this.#userID = userID;
    this.#groups.resetLookups();
    // Group types first, so that by the time readby hears 'connected' and pulls, it can tell which badges to show.
    void this.#groups
      .load(this.#sdk, () => session === this.#session)
      .then(() => {
        if (session !== this.#session) return;
        this.#gate.open(userID);
        this.#setNetState(TYPES.NET_STATE_CONNECTED, true);
      });
  }

  #onNotReady(): void {
    if (this.#destroyed) return;
    this.#session += 1;
    this.#userID = '';
    this.#gate.close();
    this.#setNetState(TYPES.NET_STATE_DISCONNECTED);
  }

  #lookUpGroup(groupID: string): void {
    callWhenReady(this.#gate, 'getGroupProfile', async () =>
      this.#groups.typeOf(groupID) === undefined ? this.#sdk.getGroupProfile({ groupID }) : null,
    ).then(
      (response) => this.#groups.remember(response?.data?.group),
      () => {}, // Still unknown: it keeps its badge.
    );
  }

  #onNetState(event: TencentEvent): void {
    if (this.#destroyed) return;
    const state = (event?.data as { state?: unknown } | undefined)?.state;
    this.#setNetState(toNetState(state, this.#gate.period !== null));
  }

  /** Announces a state once per change; a new login is always announced, since the user may have changed. */
  #setNetState(state: NetState, always = false): void {
    if (!always && state === this.#netState) return;
    this.#netState = state;
    this.#emit(EVENT.NET_STATE_CHANGE, { state });
  }

  // --- events and calls -----------------------------------------------------------------------------------

  #forward(name: ForwardedEvent, event: TencentEvent): void {
    const data = event?.data;
    if (this.#destroyed || !Array.isArray(data)) return;
    // Messages go on as the SDK's live objects; receipt items are not messages.
    if (name !== EVENT.MESSAGE_READ_RECEIPT_RECEIVED) this.#messages.adopt(data);
    this.#emit(name, data);
  }

  #emit<K extends ChatLikeEventName>(name: K, data: ChatLikeEventMap[K]): void {
    this.#emitter.emit(name, { name, data } as Events[K]);
  }

  async #call<T>(method: string, run: () => Promise<T>): Promise<T> {
    try {
      return await callWhenReady(this.#gate, method, run);
    } catch (error) {
      throw fromTencentError(error, method);
    }
  }

  #assertAlive(): void {
    if (this.#destroyed) throw destroyedError();
  }
}
