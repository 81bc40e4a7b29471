import fc from 'fast-check';
import ReadBy, {
  type Chat,
  EVENT,
  getReceiptStore,
  type Message,
  ReadByError,
  type ReceiptItem,
  type ReceiptStore,
  type RequestName,
} from 'readby';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { HOSTILE_VALUES, HostileTransport, mutate, World } from './hostileTransport';

const INVALID_RESPONSE = 2803;

// What the server answers, request after request (the plans repeat when there are more requests than plans).
const answerPlan = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('valid' as const), read: fc.nat(20), bare: fc.boolean() }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('mutated' as const),
      read: fc.nat(20),
      node: fc.nat(),
      value: fc.nat(HOSTILE_VALUES.length - 1),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('total' as const),
      read: fc.nat(20),
      shift: fc.integer({ min: 1, max: 3 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('junk' as const), junk: fc.anything() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('reject' as const),
      reason: fc.oneof(fc.record({ code: fc.integer(), message: fc.string() }), fc.anything()),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'silent' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'throw' as const }) },
);
type AnswerPlan = typeof answerPlan extends fc.Arbitrary<infer T> ? T : never;

// What the server pushes: receipts (valid counts, stale or duplicate ones included), messages (some taking an ID
// that is not theirs), read marks, heartbeats and junk; numbered in order, with gaps, twice, or with junk numbers.
const pushBody = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('receipts' as const),
      items: fc.array(fc.record({ target: fc.nat(), read: fc.nat(20) }), { maxLength: 4 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('message' as const),
      sender: fc.constantFrom('bob', 'mallory', 'alice'),
      reuse: fc.constantFrom('new', 'own', 'draft'),
      c2c: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('peerRead' as const), sequence: fc.nat(30) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'sync' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('junk' as const), junk: fc.anything() }) },
);
const pushPlan = fc.record({
  body: pushBody,
  seq: fc.oneof(
    fc.constantFrom('none', 'next', 'next', 'next', 'skip', 'again'),
    fc.nat(HOSTILE_VALUES.length - 1),
  ),
  change: fc.oneof(
    { weight: 3, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.record({ node: fc.nat(), value: fc.nat(HOSTILE_VALUES.length - 1) }) },
    { weight: 1, arbitrary: fc.record({ shift: fc.integer({ min: 1, max: 3 }) }) },
  ),
});
type PushPlan = typeof pushPlan extends fc.Arbitrary<infer T> ? T : never;

const CALLS = [
  'pull',
  'pullPeer',
  'history',
  'historyPeer',
  'conversations',
  'readers',
  'receipt',
  'markRead',
  'send',
] as const;

const command = fc.oneof(
  { weight: 5, arbitrary: fc.record({ do: fc.constant('push' as const), push: pushPlan }) },
  { weight: 3, arbitrary: fc.record({ do: fc.constant('call' as const), call: fc.constantFrom(...CALLS) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      do: fc.constant('state' as const),
      state: fc.constantFrom<unknown>(
        'connected',
        'disconnected',
        'connecting',
        'online',
        undefined,
        3,
        null,
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ do: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 1_200 }) }),
  },
);
const scenario = fc.record({
  commands: fc.array(command, { minLength: 1, maxLength: 25 }),
  answers: fc.array(answerPlan, { minLength: 1, maxLength: 12 }),
});

/** A copy with `shift` more unread readers on every group receipt in it: a total that changed. */
function shiftTotals(value: unknown, shift: number): unknown {
  const copy = structuredClone(value);
  const walk = (current: unknown): void => {
    if (typeof current !== 'object' || current === null) return;
    const record = current as Record<string, unknown>;
    if (typeof record.readCount === 'number' && typeof record.unreadCount === 'number') {
      record.unreadCount += shift;
    }
    for (const key of Object.keys(record)) walk(record[key]);
  };
  walk(copy);
  return copy;
}

function answering(world: World, plans: AnswerPlan[]): (method: RequestName, params: unknown) => unknown {
  let next = 0;
  return (method, params) => {
    const plan = plans[next++ % plans.length]!;
    switch (plan.kind) {
      case 'valid': {
        const answer = world.validAnswer(method, params, plan.read);
        return plan.bare ? answer : Promise.resolve(answer);
      }
      case 'mutated':
        return Promise.resolve(
          mutate(world.validAnswer(method, params, plan.read), plan.node, HOSTILE_VALUES[plan.value]),
        );
      case 'total':
        return Promise.resolve(shiftTotals(world.validAnswer(method, params, plan.read), plan.shift));
      case 'junk':
        return Promise.resolve(plan.junk);
      case 'reject':
        return Promise.reject(plan.reason);
      case 'silent':
        return new Promise(() => {});
      case 'throw':
        throw new Error('the transport broke');
    }
  };
}

/** Keeps what the client has shown so far and fails on any state that cannot be (R2, R5, R9). */
class Observer {
  /** The number of recipients of each group message once known: the world's for the messages loaded first. */
  readonly totals = new Map<string, number>();
  readonly #reads = new Map<string, number>();
  readonly #peerRead = new Set<string>();
  readonly #identity = new Map<string, string>();
  readonly #sent = new Set<string>();

  counts(where: string, ID: string, read: unknown, unread: unknown): void {
    const what = `${where} ${ID}: ${String(read)} read, ${String(unread)} unread`;
    for (const count of [read, unread]) {
      if (count !== undefined) expect(Number.isSafeInteger(count) && (count as number) >= 0, what).toBe(true);
    }
    if (read !== undefined && unread !== undefined) {
      const total = (read as number) + (unread as number);
      const known = this.totals.get(ID);
      if (known === undefined) this.totals.set(ID, total);
      else expect(total, what).toBe(known);
    }
    const key = `${where}:${ID}`;
    const before = this.#reads.get(key);
    if (before !== undefined) expect((read as number | undefined) ?? -1, what).toBeGreaterThanOrEqual(before);
    if (read !== undefined) this.#reads.set(key, read as number);
  }

  peerRead(where: string, ID: string, isPeerRead: unknown): void {
    const key = `${where}:${ID}`;
    if (this.#peerRead.has(key)) expect(isPeerRead, `${where} ${ID} went back to not read`).toBe(true);
    if (isPeerRead === true) this.#peerRead.add(key);
  }

  message(message: Message): void {
    const { ID } = message;
    const identity = `${message.from} in ${message.conversationID}`;
    expect(this.#identity.get(ID) ?? identity, `${ID} changed sender or conversation`).toBe(identity);
    this.#identity.set(ID, identity);
    if (this.#sent.has(ID)) expect(message.status, `${ID} went back from sent`).toBe('success');
    if (message.status === 'success') this.#sent.add(ID);
    const info = message.readReceiptInfo;
    if (message.conversationType === 'GROUP') {
      this.counts('findMessage', ID, info.readCount, info.unreadCount);
    } else {
      this.peerRead('findMessage', ID, info.isPeerRead);
      this.peerRead('findMessage.isPeerRead', ID, message.isPeerRead);
    }
  }

  store(store: ReceiptStore, ID: string): void {
    const state = store.get(ID);
    if (!state) return;
    if (this.#identity.get(ID)?.includes(' in GROUP')) {
      this.counts('store', ID, state.readCount, state.unreadCount);
      if (state.total !== undefined) expect(state.total).toBe(this.totals.get(ID));
    } else {
      this.peerRead('store', ID, state.isPeerRead);
    }
  }
}

interface Run {
  world: World;
  transport: HostileTransport;
  chat: Chat;
  store: ReceiptStore;
  draft: Message;
  observer: Observer;
  /** Every message ID the client may hold. */
  ids: Set<string>;
  outcomes: unknown[];
  reported: unknown[];
  /** Expectations that failed inside an event handler. */
  failures: unknown[];
  seq: number;
  pushed: number;
}

async function start(): Promise<Run> {
  const world = new World();
  const transport = new HostileTransport(world.me, (method, params) =>
    Promise.resolve(world.validAnswer(method, params, 1)),
  );
  const reported: unknown[] = [];
  const chat = ReadBy.create({
    transport,
    requestTimeoutMs: 1_000,
    onError: (error) => reported.push(error),
  });
  transport.state('connected');
  await chat.getMessageList({ conversationID: 'GROUPteam' });
  await chat.getMessageList({ conversationID: 'C2Cbob' });
  const draft = chat.createTextMessage({
    to: 'team',
    conversationType: 'GROUP',
    payload: { text: 'not sent yet' },
    needReadReceipt: true,
  });
  const store = getReceiptStore(chat);
  for (const ID of world.own()) store.track(chat.findMessage(ID)!);
  store.track(draft);
  await vi.advanceTimersByTimeAsync(0);
  const observer = new Observer();
  for (const ID of world.own('GROUP')) observer.totals.set(ID, world.messages.get(ID)!.total);
  const run: Run = {
    world,
    transport,
    chat,
    store,
    draft,
    observer,
    ids: new Set([...world.messages.keys(), draft.ID]),
    outcomes: [],
    reported,
    failures: [],
    seq: 0,
    pushed: 0,
  };
  // The client catches what a handler throws, so a failed expectation is kept for `observe` to fail on.
  chat.on(EVENT.MESSAGE_READ_RECEIPT_RECEIVED, ({ data }) => {
    try {
      announced(run, data);
    } catch (error) {
      run.failures.push(error);
    }
  });
  for (const name of [EVENT.MESSAGE_RECEIVED, EVENT.MESSAGE_STATUS_CHANGED, EVENT.MESSAGE_READ_BY_PEER]) {
    chat.on(name, ({ data }) => {
      for (const message of data) run.ids.add(message.ID);
    });
  }
  observe(run);
  return run;
}

/** R5: an announced receipt is possible, and `findMessage` already shows it when the handler runs. */
function announced(run: Run, data: ReceiptItem[]): void {
  const { chat, observer } = run;
  for (const item of data) {
    const shown = chat.findMessage(item.messageID);
    if ('readCount' in item) {
      observer.counts('event', item.messageID, item.readCount, item.unreadCount);
      expect(shown!.readReceiptInfo.readCount!).toBeGreaterThanOrEqual(item.readCount);
    } else {
      expect(shown!.readReceiptInfo.isPeerRead).toBe(true);
    }
  }
}

function observe(run: Run): void {
  expect(run.failures).toEqual([]);
  expect(run.transport.thrown).toEqual([]);
  for (const ID of run.ids) {
    const message = run.chat.findMessage(ID);
    if (message) run.observer.message(message);
    run.observer.store(run.store, ID);
  }
}

function pushOf(run: Run, plan: PushPlan): unknown {
  const { world, draft } = run;
  const body = plan.body;
  let push: Record<string, unknown>;
  switch (body.kind) {
    case 'receipts': {
      const own = world.own();
      const items = body.items.map(({ target, read }) => {
        const receipt = world.receipt(own[target % own.length]!, read);
        return 'readCount' in receipt
          ? { groupID: 'team', ...receipt }
          : { userID: 'bob', messageID: receipt.messageID, isPeerRead: true, timestamp: 1_700_000_100 };
      });
      push = { type: 'receipts', items };
      break;
    }
    case 'message': {
      run.pushed += 1;
      const ID = body.reuse === 'own' ? 'g1' : body.reuse === 'draft' ? draft.ID : `pushed-${run.pushed}`;
      run.ids.add(ID);
      const to = body.c2c
        ? body.sender === 'alice'
          ? 'bob'
          : body.sender === 'bob'
            ? 'alice'
            : 'carol'
        : 'team';
      push = {
        type: 'message',
        message: {
          ...world.wire('i1', 0),
          ID,
          from: body.sender,
          to,
          conversationType: body.c2c ? 'C2C' : 'GROUP',
          sequence: 100 + run.pushed,
        },
      };
      break;
    }
    case 'peerRead':
      push = { type: 'peerRead', userID: 'bob', sequence: body.sequence };
      break;
    case 'sync':
      push = { type: 'sync' };
      break;
    case 'junk':
      return body.junk;
  }
  if (plan.seq === 'next') push.seq = ++run.seq;
  else if (plan.seq === 'skip') push.seq = run.seq += 2;
  else if (plan.seq === 'again') push.seq = run.seq;
  else if (typeof plan.seq === 'number') push.seq = HOSTILE_VALUES[plan.seq];
  if (plan.change && 'shift' in plan.change) return shiftTotals(push, plan.change.shift);
  if (plan.change) return mutate(push, plan.change.node, HOSTILE_VALUES[plan.change.value]);
  return push;
}

function call(run: Run, name: (typeof CALLS)[number]): Promise<unknown> {
  const { chat, world } = run;
  const find = (ID: string) => chat.findMessage(ID)!;
  switch (name) {
    case 'pull':
      return chat.getMessageReadReceiptList(world.own('GROUP').slice(0, 3).map(find));
    case 'pullPeer':
      return chat.getMessageReadReceiptList([find('p1')]);
    case 'history':
      return chat.getMessageList({ conversationID: 'GROUPteam' });
    case 'historyPeer':
      return chat.getMessageList({ conversationID: 'C2Cbob' });
    case 'conversations':
      return chat.getConversationList();
    case 'readers':
      return chat.getGroupMessageReadMemberList({ message: find('g1'), filter: 0, cursor: '', count: 10 });
    case 'receipt':
      return chat.sendMessageReadReceipt([find('i1')]);
    case 'markRead':
      return chat.setMessageRead({ conversationID: 'GROUPteam' });
    case 'send': {
      const message = chat.createTextMessage({
        to: 'team',
        conversationType: 'GROUP',
        payload: { text: 'more' },
        needReadReceipt: true,
      });
      run.ids.add(message.ID);
      run.store.track(message);
      return chat.sendMessage(message);
    }
  }
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

describe('a hostile wire (R2, R5, R9, R12)', () => {
  beforeAll(() => {
    process.on('unhandledRejection', onUnhandled);
  });
  afterAll(() => {
    process.off('unhandledRejection', onUnhandled);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('R2, R12: no mix of valid, malformed, out-of-range, duplicate and out-of-order pushes and answers shows an impossible state', async () => {
    // Only the timers the client uses are faked: microtasks and setImmediate stay real, so that Node can report
    // an unhandled rejection between runs.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    await fc.assert(
      fc.asyncProperty(scenario, async ({ commands, answers }) => {
        const run = await start();
        run.transport.answer = answering(run.world, answers);
        for (const step of commands) {
          if (step.do === 'push') run.transport.push(pushOf(run, step.push));
          else if (step.do === 'state') run.transport.state(step.state);
          else if (step.do === 'tick') await vi.advanceTimersByTimeAsync(step.ms);
          else {
            const outcome = call(run, step.call).then(
              () => 'resolved',
              (error: unknown) => error,
            );
            run.outcomes.push(outcome);
          }
          await vi.advanceTimersByTimeAsync(0);
          observe(run);
        }
        run.store.destroy();
        run.chat.destroy();
        await vi.advanceTimersByTimeAsync(0);
        for (const outcome of await Promise.all(run.outcomes)) {
          if (outcome !== 'resolved') expect(outcome).toBeInstanceOf(ReadByError);
        }
        for (const error of run.reported) {
          expect(error).toBeInstanceOf(ReadByError);
          expect((error as ReadByError).code).toBe(INVALID_RESPONSE);
        }
        expect(run.transport.thrown).toEqual([]);
        await new Promise((resolve) => setImmediate(resolve));
        expect(unhandled).toEqual([]);
      }),
      { seed: 20_250_602, numRuns: 300 },
    );
    // 300 runs take about 3 s on a quiet machine; a shared one may need several times that.
  }, 30_000);
});
