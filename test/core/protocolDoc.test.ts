import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ReadBy, {
  ERROR_CODE,
  EVENT,
  isTransientError,
  MAX_MEMBER_PAGE,
  MAX_MESSAGE_PAGE,
  MAX_RECEIPT_BATCH,
  MAX_RECEIPT_QUERY,
  PUSH_TYPES,
  REQUEST_METHODS,
  type ReadByError,
  type RequestName,
  type Requests,
  type ServerPush,
  type Transport,
  TYPES,
} from 'readby';
import { createMockServer, MAX_PAYLOAD_BYTES, type MockServer, type MockTransport } from 'readby/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESYNC_WINDOW } from '../../src/core/messageCache';
import { PUSH_GRACE_MS } from '../../src/core/pushGaps';
import { Requester } from '../../src/core/requester';
import { createWireCheck } from '../../src/core/wireCheck';
import { socketTransport } from './examples/socketTransport';
import { record, rejection, sendText, settle, track } from './helpers';

// docs/protocol.md describes the wire between the engine and a backend. Its JSON examples are a real exchange with
// the mock server, so this file replays them against it, has the engine check each answer and push, and fails when
// a request or push type of the code goes undocumented.

const root = join(import.meta.dirname, '../..');
const page = readFileSync(join(root, 'docs/protocol.md'), 'utf8');

type Kind = 'request' | 'answer' | 'error' | 'push';
interface Example {
  kind: Kind;
  name: string;
  /** The user who sends a request, or who is pushed a push. */
  user: string | undefined;
  value: unknown;
}

/** Every labelled JSON block, in page order: `<!-- wire: request <method> from <user> -->` and the like. */
const examples: Example[] = [
  ...page.matchAll(
    /<!-- wire: (request|answer|error|push) (\w+)(?: (?:from|to) (\w+))? -->\n```json\n([\s\S]*?)```/g,
  ),
].map((match) => ({
  kind: match[1] as Kind,
  name: match[2]!,
  user: match[3],
  value: JSON.parse(match[4]!) as unknown,
}));
const ofKind = (kind: Kind) => examples.filter((example) => example.kind === kind);

/** Each request with the answer or error shown after it. */
const exchanges = examples
  .filter((example) => example.kind !== 'push')
  .flatMap((example, index, list) =>
    example.kind === 'request' ? [{ request: example, outcome: list[index + 1] }] : [],
  );

/** The rows of the first table under `## heading`: first cell (without backticks) → second cell. */
function tableUnder(heading: string): Record<string, string> {
  const section = page.split(/^## /m).find((part) => part.startsWith(`${heading}\n`)) ?? '';
  const rows = section.split('\n').filter((line) => /^\| `/.test(line));
  return Object.fromEntries(
    rows.map((row) => {
      const cells = row.split('|').map((cell) => cell.trim().replace(/^`|`$/g, ''));
      return [cells[1]!, cells[2]!];
    }),
  );
}

/** The world the examples describe: two groups, alice, bob and carol connected, the clock at 2026-01-01. */
interface World {
  server: MockServer;
  connections: Map<string, MockTransport>;
  pushes: Map<string, ServerPush[]>;
  outcomes: unknown[];
}

async function replay(): Promise<World> {
  const server = createMockServer({ seed: 1, now: () => Date.UTC(2026, 0, 1) });
  server.createGroup({
    groupID: 'team',
    type: TYPES.GRP_WORK,
    memberList: ['alice', 'bob', 'carol', 'dave'],
  });
  server.createGroup({ groupID: 'lobby', type: TYPES.GRP_COMMUNITY, memberList: ['alice', 'bob'] });
  const connections = new Map<string, MockTransport>();
  const pushes = new Map<string, ServerPush[]>();
  for (const user of ['alice', 'bob', 'carol']) {
    // Alice's connection sends heartbeats, so that the page can show one.
    const transport = server.connect(user, user === 'alice' ? { heartbeatMs: 5 } : {});
    const received: ServerPush[] = [];
    await transport.open({ onPush: (push) => received.push(push), onStateChange: () => {} });
    connections.set(user, transport);
    pushes.set(user, received);
  }
  const outcomes: unknown[] = [];
  for (const { request } of exchanges) {
    const transport = connections.get(request.user!)!;
    outcomes.push(
      await transport.request(request.name as RequestName, request.value as never).then(
        (data) => data,
        (error: ReadByError) => error.toJSON(),
      ),
    );
  }
  // Wait for a heartbeat after the last push, which repeats its number.
  const alice = pushes.get('alice')!;
  const before = alice.length;
  for (let tries = 0; tries < 200 && !alice.slice(before).some((push) => push.type === 'sync'); tries++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return { server, connections, pushes, outcomes };
}

/** A transport whose server answers every request with `outcome`. */
function answering(outcome: () => Promise<unknown>): Transport {
  return {
    userID: 'alice',
    open: () => Promise.resolve(),
    request: () => outcome() as Promise<never>,
    close: () => {},
  };
}

/** The engine's own request path (answer checked, rejection turned into a ReadByError) for one example. */
function engineRequest(user: string, request: Example, outcome: () => Promise<unknown>): Promise<unknown> {
  const requester = new Requester(
    answering(outcome),
    1_000,
    createWireCheck(user, () => undefined),
  );
  return requester.request(request.name as RequestName, request.value as Requests[RequestName]['params']);
}

describe('docs/protocol.md: its examples', () => {
  it('labels every JSON block with what it is, and names the user of every request and push', () => {
    expect(page.match(/^```json$/gm)).toHaveLength(examples.length);
    for (const { kind, user } of examples) {
      expect(user === undefined).toBe(kind === 'answer' || kind === 'error');
    }
    expect(page).toMatch(/<!-- wire: request \w+ from \w+ -->/);
    expect(page).toMatch(/<!-- wire: push \w+ to \w+ -->/);
  });

  it('shows each request with its answer or error right after it, and no answer or error alone', () => {
    const requests = ofKind('request').length;
    expect(exchanges).toHaveLength(requests);
    expect(ofKind('answer').length + ofKind('error').length).toBe(requests);
    for (const { request, outcome } of exchanges) {
      expect(outcome?.kind).toMatch(/^(answer|error)$/);
      expect(outcome?.name).toBe(request.name);
    }
  });

  describe('replayed against the mock server, in page order', () => {
    let world: World;
    beforeAll(async () => {
      world = await replay();
    });
    afterAll(() => {
      for (const transport of world.connections.values()) transport.close();
    });

    it("the page's alice is the first client of her server, as her message IDs say", () => {
      expect(world.connections.get('alice')!.clientID).toBe('alice~1');
      expect(page).toContain('her client ID being `alice~1`');
    });

    it.each(exchanges.map(({ request, outcome }, index) => [request.name, request.user, index, outcome!]))(
      '%s from %s (exchange %i): the server answers exactly as shown',
      (_name, _user, index, outcome) => {
        expect(world.outcomes[index]).toEqual(outcome.value);
        // A documented error is a refusal of the request, not a failed network.
        if (outcome.kind === 'error') expect(isTransientError(outcome.value)).toBe(false);
      },
    );

    it.each(ofKind('push').map((push) => [push.name, push.user!, push.value]))(
      'the %s push to %s is one the server sent to that connection',
      (_name, user, value) => {
        expect(world.pushes.get(user)).toContainEqual(value);
      },
    );

    it('numbers the pushes of each connection 1, 2, 3 …, a heartbeat repeating the latest number', () => {
      for (const received of world.pushes.values()) {
        const numbered = received.filter((push) => push.type !== 'sync').map((push) => push.seq);
        expect(numbered).toEqual(numbered.map((_, index) => index + 1));
      }
      const alice = world.pushes.get('alice')!;
      expect(alice.at(-1)).toEqual({ type: 'sync', seq: 3 });
    });
  });

  it.each(
    exchanges
      .filter(({ outcome }) => outcome?.kind === 'answer')
      .map(({ request, outcome }) => [request.name, request.user!, request, outcome!.value]),
  )('the engine takes the answer to %s from %s as it is', async (_name, user, request, answer) => {
    await expect(engineRequest(user, request, () => Promise.resolve(answer))).resolves.toEqual(answer);
  });

  it.each(
    exchanges
      .filter(({ outcome }) => outcome?.kind === 'error')
      .map(({ request, outcome }) => [
        request.name,
        request.user!,
        request,
        outcome!.value as { code: number; message: string },
      ]),
  )('the engine takes the error of %s from %s as that error', async (_name, user, request, error) => {
    const failure = await rejection(engineRequest(user, request, () => Promise.reject(error)));
    expect(failure.toJSON()).toEqual(error);
    expect(Object.values(ERROR_CODE)).toContain(error.code);
  });

  it.each(ofKind('push').map((push) => [push.name, push.user!, push.value]))(
    'the engine accepts the %s push to %s',
    (_name, user, value) => {
      expect(createWireCheck(user, () => undefined).push(value)).toEqual(value);
    },
  );
});

describe('docs/protocol.md: the whole protocol of the code', () => {
  const requests: readonly string[] = REQUEST_METHODS;
  const pushTypes: readonly string[] = PUSH_TYPES;
  const names = (kind: Kind) => [...new Set(ofKind(kind).map((example) => example.name))].sort();

  it('counts the seven requests and four pushes of the code, as its first paragraph says', () => {
    expect(requests).toHaveLength(7);
    expect(pushTypes).toHaveLength(4);
    expect(page).toContain('the seven requests with their answers and errors');
    expect(page).toContain('the four pushes (`PUSH_TYPES`)');
  });

  it('§2: the mock server handles every request of REQUEST_METHODS, and names them all for any other', () => {
    const server = createMockServer();
    for (const method of REQUEST_METHODS) {
      let refusal: ReadByError | undefined;
      try {
        server.request('alice', method, {} as never);
      } catch (error) {
        refusal = error as ReadByError;
      }
      expect(refusal?.message ?? '').not.toMatch(/^method:/);
    }
    expect(() => server.request('alice', 'unknown' as RequestName, {} as never)).toThrow(
      `method: expected one of ${REQUEST_METHODS.join(', ')}`,
    );
  });

  it('R12: the wire check accepts every push type of PUSH_TYPES, and names them all for any other', () => {
    const check = createWireCheck('alice', () => undefined);
    const minimal: Record<string, object> = {
      message: {
        message: {
          ID: 'm',
          type: TYPES.MSG_TEXT,
          payload: { text: 'hi' },
          conversationType: TYPES.CONV_GROUP,
          to: 'team',
          from: 'bob',
          time: 1,
          sequence: 1,
          needReadReceipt: false,
        },
      },
      receipts: { items: [] },
      peerRead: { userID: 'bob', sequence: 1 },
      sync: {},
    };
    expect(Object.keys(minimal)).toEqual([...PUSH_TYPES]);
    for (const type of PUSH_TYPES) expect(check.push({ type, ...minimal[type] })).toMatchObject({ type });
    expect(() => check.push({ type: 'unknown' })).toThrow(
      `push.type: expected ${PUSH_TYPES.map((type) => `"${type}"`).join(' or ')}`,
    );
  });

  it.each(requests)('request %s: a section, an example and its answer', (name) => {
    expect(page).toContain(`### \`${name}\`\n`);
  });

  it('has examples of every request and its answer, and of none the code does not have', () => {
    expect(names('request')).toEqual([...requests].sort());
    expect(names('answer')).toEqual([...requests].sort());
  });

  it.each(pushTypes)('push %s: a section and an example', (type) => {
    expect(page).toContain(`### \`${type}\`\n`);
    expect(page).toMatch(new RegExp(`^\\| \`${type}\` \\|`, 'm'));
  });

  it('has examples of every push type, and of none the code does not have', () => {
    expect(names('push')).toEqual([...pushTypes].sort());
  });

  it('lists every error code of the engine with its number, and no other', () => {
    const documented = Object.fromEntries(
      Object.entries(tableUnder('Errors')).map(([name, code]) => [name, Number(code)]),
    );
    expect(documented).toEqual({ ...ERROR_CODE });
  });

  it('gives each limit the value of the code', () => {
    const documented = Object.fromEntries(
      Object.entries(tableUnder('Limits')).map(([name, value]) => [name, Number(value.replace(/,/g, ''))]),
    );
    expect(documented).toEqual({
      MAX_RECEIPT_BATCH,
      MAX_RECEIPT_QUERY,
      MAX_MEMBER_PAGE,
      MAX_MESSAGE_PAGE,
      MAX_PAYLOAD_BYTES,
      PUSH_GRACE_MS,
      RESYNC_WINDOW,
    });
  });
});

/**
 * The server end of a WebSocket for the sketch: it relays each request frame to a mock server connection of its
 * own and sends back the answer, the error or the pushes of that connection, as JSON text.
 */
class RelaySocket {
  readyState = 0;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  readonly #inner: MockTransport;

  constructor(server: MockServer, userID: string) {
    this.#inner = server.connect(userID);
    void this.#inner.open({ onPush: (push) => this.#send({ push }), onStateChange: () => {} }).then(() => {
      this.readyState = 1;
      this.onopen?.({});
    });
  }

  send(text: string): void {
    const { id, method, params } = JSON.parse(text) as { id: number; method: RequestName; params: never };
    this.#inner.request(method, params).then(
      (data) => this.#send({ id, data }),
      (error: ReadByError) => this.#send({ id, error: error.toJSON() }),
    );
  }

  /** Closed by the client, or lost by the network: the same for the client's end. */
  close(): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.#inner.close();
    queueMicrotask(() => this.onclose?.({}));
  }

  #send(frame: unknown): void {
    const text = JSON.stringify(frame);
    if (this.readyState === 1) queueMicrotask(() => this.onmessage?.({ data: text }));
  }
}

async function until(condition: () => boolean): Promise<void> {
  for (let tries = 0; tries < 200 && !condition(); tries++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  expect(condition()).toBe(true);
}

describe('docs/protocol.md: the transport sketch', () => {
  const file = 'test/core/examples/socketTransport.ts';
  const shown = [...page.matchAll(/<!-- (test\/[^ ]+) -->\n```ts\n([\s\S]*?)```/g)];

  it('is the only TypeScript on the page, shown exactly as the file the type check covers', () => {
    expect(page.match(/^```ts$/gm)).toHaveLength(1);
    expect(shown.map((match) => match[1])).toEqual([file]);
    expect(shown[0]![2]).toBe(readFileSync(join(root, file), 'utf8'));
  });

  it('carries a chat: answers, errors, pushes, a lost connection, the redial and the resync after it', async () => {
    const server = createMockServer({ seed: 1 });
    server.createGroup({ groupID: 'team', type: TYPES.GRP_WORK, memberList: ['alice', 'bob', 'carol'] });
    const sockets: RelaySocket[] = [];
    const dial = () => {
      const socket = new RelaySocket(server, 'alice');
      sockets.push(socket);
      return socket as unknown as WebSocket;
    };
    const alice = track(ReadBy.create({ transport: socketTransport('alice', dial, 5) }));
    const states = record(alice, EVENT.NET_STATE_CHANGE);
    const receipts = record(alice, EVENT.MESSAGE_READ_RECEIPT_RECEIVED);

    const sent = await sendText(alice, 'team', 'Release at five?');
    expect(sent.readReceiptInfo).toEqual({ readCount: 0, unreadCount: 2 });
    server.request('bob', 'sendMessageReadReceipt', { messageIDs: [sent.ID] });
    await settle();
    expect(receipts).toEqual([[{ groupID: 'team', messageID: sent.ID, readCount: 1, unreadCount: 1 }]]);

    const refused = await rejection(alice.getMessageList({ conversationID: 'GROUPnope' }));
    expect(refused.toJSON()).toEqual({
      code: ERROR_CODE.GROUP_NOT_FOUND,
      message: 'group nope does not exist',
    });

    // The network drops the connection; carol reads while alice is away, and her receipt's push is lost.
    sockets[0]!.close();
    await settle();
    expect(alice.netState).toBe(TYPES.NET_STATE_DISCONNECTED);
    const offline = await rejection(alice.getConversationList());
    expect(offline.toJSON()).toEqual({
      code: ERROR_CODE.NETWORK_ERROR,
      message: 'network error: getConversationList: not connected',
    });
    server.request('carol', 'sendMessageReadReceipt', { messageIDs: [sent.ID] });

    await until(() => alice.netState === TYPES.NET_STATE_CONNECTED);
    await until(() => receipts.length === 2);
    expect(receipts[1]).toEqual([{ groupID: 'team', messageID: sent.ID, readCount: 2, unreadCount: 0 }]);
    expect(states.map(({ state }) => state)).toEqual([
      'connected',
      'disconnected',
      'connecting',
      'connected',
    ]);

    alice.destroy();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sockets).toHaveLength(2);
    expect(sockets[1]!.readyState).toBe(3);
  });
});
