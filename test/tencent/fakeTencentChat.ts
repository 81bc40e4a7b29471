/**
 * A fake of the Tencent Cloud Chat Web SDK (`@tencentcloud/chat` 3.6), served by readby's mock server, for
 * running readby's adapter — and through it readby's store, hooks and components — without the service.
 *
 * What it does, as the SDK does:
 * - `create()` makes an instance that is not logged in; `login({ userID })` connects
 *   (`server.connect(userID)`), resolves, and then emits `SDK_READY` in a later microtask. `getLoginUser()` is
 *   `''` before a login. Logging in as another user logs out first (`SDK_NOT_READY`).
 * - `on()` returns nothing; `off()` removes a handler; handlers get `{ name, data }`.
 * - Until `SDK_READY`, every call rejects with the reason: 2024 (nobody logged in), 3000 (logging in) or, after
 *   `simulateKickedOut(type)`, the kick's code (3002–3006). Even `createTextMessage` and `findMessage` then return
 *   a rejected Promise instead of a message. A request under way when the user logs out rejects with 2024.
 * - Messages are the fake's own mutable objects, one per ID, changed in place by sends (`status`, `sequence`),
 *   pushes and pulls (`readReceiptInfo`, `isPeerRead`). `findMessage(ID)` returns the live object.
 * - `readReceiptInfo` always has the four fields: one-to-one messages carry `readCount: 0, unreadCount: 0` beside
 *   `isPeerRead` and `timestamp`; group messages from the server (history, pushes) carry `0/0` until a pull or
 *   push sets them, and a group message just created has `undefined` counts.
 * - `needReadReceipt` stays as the sender asked, even in groups without receipts (Community, AVChatRoom), and
 *   `sendMessage` resolves `{ code: 0, data: { message } }` without `readReceiptCode`.
 * - `sendMessageReadReceipt([])` and `getMessageReadReceiptList([])` throw synchronously (once ready).
 * - `getMessageReadReceiptList` on one-to-one messages makes no request: their state comes with history and
 *   pushes. On group messages it pulls counts for the user's own sent messages and sets them in place.
 * - `getGroupMessageReadMemberList` is as lenient as the SDK (filter 2 means 0, count 0 means 100).
 * - `getGroupList`, `getGroupProfile` and `GROUP_LIST_UPDATED` report group types when the server was made by
 *   `createTencentServer()`; on a plain `createMockServer()` server the fake knows no group types.
 * - Pushes: `MESSAGE_RECEIVED` (a duplicate delivery is announced once), `MESSAGE_READ_RECEIPT_RECEIVED` (group
 *   items always, one-to-one items once per message this client knows), `MESSAGE_READ_BY_PEER`, and
 *   `NET_STATE_CHANGE` as the connection goes (`transport.disconnect()` / `reconnect()`). Pushes missed while
 *   disconnected stay missed: the fake does not resync.
 * - Every SDK method counts its calls in `sdk.calls`, so that tests can assert how often readby calls it.
 *
 * @example
 * ```ts
 * const server = createTencentServer();
 * server.createGroup({ groupID: 'team', type: 'Private', memberList: ['alice', 'bob'] });
 * const { chat, sdk, transport } = await connectTencent(server, 'alice'); // logged in, ready, adapter connected
 * expect(sdk.calls.findMessage).toBe(0);
 * ```
 */
import type { ConnectOptions, MockServer, MockTransport } from 'readby/mock';
import { type FromTencentChatOptions, fromTencentChat, type TencentChat } from 'readby/tencent';
import { afterEach } from 'vitest';
import { FAKE_EVENT, FAKE_TYPES } from './fake/constants';
import { FakeTencentChat, type FakeTencentChatOptions } from './fake/fakeSdk';

export { FAKE_CODE, FAKE_EVENT, FAKE_TYPES, type KickedOutType } from './fake/constants';
export {
  FAKE_METHODS,
  type FakeMethod,
  FakeTencentChat,
  type FakeTencentChatOptions,
  sdkError,
} from './fake/fakeSdk';
export type { FakeEvent, FakeHandler } from './fake/handlerRegistry';
export type { FakeMessage, FakeReadReceiptInfo } from './fake/messageStore';
export { createTencentServer, type FakeGroup, TencentMockServer } from './fake/tencentServer';

/**
 * The fake's `TencentCloudChat`: `create`, `EVENT` and `TYPES`, as the SDK's default export offers them.
 *
 * @example
 * ```ts
 * const tim = FakeTencentCloudChat.create({ SDKAppID: 1400000000, server });
 * tim.on(FakeTencentCloudChat.EVENT.SDK_READY, onReady);
 * await tim.login({ userID: 'alice', userSig: 'sig' });
 * ```
 */
export const FakeTencentCloudChat = Object.freeze({
  create: (options: FakeTencentChatOptions): FakeTencentChat => new FakeTencentChat(options),
  EVENT: FAKE_EVENT,
  TYPES: FAKE_TYPES,
});

/** Options of {@link connectTencent} and {@link createTencent}. */
export interface TencentClientOptions {
  /** Latency and faults of the connection each login opens. */
  connect?: ConnectOptions;
  /** Options of `fromTencentChat`. */
  adapter?: FromTencentChatOptions;
  requestTimeoutMs?: number;
  /** Starts the fake already signed in and ready as this user (see `FakeTencentChatOptions.readyAs`). */
  readyAs?: string;
}

/** A fake SDK and the adapter over it. */
export interface TencentClient {
  /** `fromTencentChat(sdk)`: what readby's provider is given. */
  chat: TencentChat;
  sdk: FakeTencentChat;
}

/** A logged-in client, with the connection of its login. */
export interface ConnectedTencentClient extends TencentClient {
  transport: MockTransport;
}

const clients: TencentClient[] = [];

// Every client a test makes is torn down after it, so that no connection outlives its test.
afterEach(async () => {
  for (const { chat, sdk } of clients.splice(0)) {
    chat.destroy();
    await sdk.destroy();
  }
});

/**
 * A fake SDK that is not logged in yet, with the adapter already over it (as an app makes it before `login`).
 *
 * @example
 * ```ts
 * const { chat, sdk } = createTencent(server);
 * const pending = chat.getMessageList({ conversationID: 'GROUPteam' }); // waits for SDK_READY
 * await sdk.login({ userID: 'alice' });
 * ```
 */
export function createTencent(server: MockServer, options: TencentClientOptions = {}): TencentClient {
  const fakeOptions: FakeTencentChatOptions = { server, SDKAppID: 1400000000 };
  if (options.connect) fakeOptions.connect = options.connect;
  if (options.requestTimeoutMs !== undefined) fakeOptions.requestTimeoutMs = options.requestTimeoutMs;
  if (options.readyAs !== undefined) fakeOptions.readyAs = options.readyAs;
  const sdk = FakeTencentCloudChat.create(fakeOptions);
  const client = { chat: fromTencentChat(sdk, options.adapter), sdk };
  clients.push(client);
  return client;
}

/**
 * A fake SDK logged in as `userID` and ready, with the adapter over it already `'connected'`: one `await`.
 *
 * @example
 * ```ts
 * const { chat, sdk, transport } = await connectTencent(server, 'alice', { connect: { latencyMs: 0 } });
 * transport.disconnect(); // NET_STATE_CHANGE 'disconnected'
 * ```
 */
export async function connectTencent(
  server: MockServer,
  userID: string,
  options: TencentClientOptions = {},
): Promise<ConnectedTencentClient> {
  const client = createTencent(server, options);
  await loginTencent(client, userID);
  return { ...client, transport: client.sdk.transport! };
}

/**
 * Logs the client's fake SDK in as `userID` and resolves once the adapter has announced `'connected'`.
 *
 * @example
 * ```ts
 * await loginTencent({ chat, sdk }, 'bob'); // a re-login as another user
 * ```
 */
export async function loginTencent(client: TencentClient, userID: string): Promise<void> {
  const connected = new Promise<void>((resolve) => {
    const stop = client.chat.on('netStateChange', ({ data }) => {
      if (data.state !== 'connected') return;
      stop();
      resolve();
    });
  });
  await client.sdk.login({ userID, userSig: `sig-${userID}` });
  await connected;
}
