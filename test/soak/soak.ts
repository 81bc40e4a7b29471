/**
 * A seeded soak of the engine, the receipt store and the mock server: `operations` steps of what twelve users do
 * (sends, receipts, pulls, member-list passes, history, read marks, outages, joins and leaves, hostile calls) on
 * connections half of which drop, duplicate, reorder and delay, with heartbeats and a short request timeout, over a
 * simulated clock. The checker judges every view as it changes; at the end, with the faults over and one quiet
 * period passed, every sender's view must equal the server's truth, with no pull made by hand.
 *
 * The same seed replays the same run, operation for operation: a violation is reproduced by its seed and index.
 */
import { EVENT } from 'readby';
import { installVirtualClock } from '../../bench/virtualClock';
import { type Convergence, findStaleViews } from './convergence';
import { type HostileStats, hostile } from './hostile';
import { Invariants, KIND, type Violation } from './invariants';
import { type PassStats, pageStep } from './memberPass';
import { history, markRead, membership, outage, pull, readReceipts, send } from './operations';
import {
  createWorld,
  GROUPS,
  HEARTBEAT_MS,
  isMember,
  pick,
  REQUEST_TIMEOUT_MS,
  setMembership,
  type World,
} from './world';

/** Simulated time between two operations. */
export const STEP_MS = 10;
/** How often every client's latest messages are looked at, for changes that raise no event (counts learnt). */
const SWEEP_EVERY = 250;
/**
 * The engine notices a lost push when a skipped number is still missing 500 to 1,000 ms later, or at the next
 * heartbeat; then it pulls, each pull a round trip or a timeout. The faults of a mock connection cannot be turned
 * off, so a heartbeat or a pull may still be lost: a quiet period gives each a few more chances.
 */
export const QUIET_MS = 5 * HEARTBEAT_MS + 1_000 + 4 * REQUEST_TIMEOUT_MS;
const START = Date.UTC(2025, 0, 1);

export interface SoakOptions {
  seed: number;
  operations: number;
  /** Who may list readers; by default the seed decides, so that a few seeds cover both. */
  memberListAccess?: 'sender' | 'members';
  /** Called once the world is made, before the first operation: where a replay attaches its tracing. */
  onStart?: (world: World, check: Invariants, now: () => number) => void;
}

export interface SoakReport {
  seed: number;
  operations: number;
  memberListAccess: 'sender' | 'members';
  seconds: number;
  opsPerSecond: number;
  violations: Record<string, number>;
  examples: Violation[];
  convergence: Convergence;
  pulls: { requests: number; explicit: number; quiet: number; perOperation: number };
  activity: Record<string, number>;
  hostile: Record<string, number>;
}

export function accessFor(seed: number): 'sender' | 'members' {
  return seed % 2 === 0 ? 'members' : 'sender';
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const { seed, operations } = options;
  const memberListAccess = options.memberListAccess ?? accessFor(seed);
  const clock = installVirtualClock();
  const started = performance.now();
  try {
    const world = await createWorld(seed, memberListAccess, () => START + clock.now());
    const check = new Invariants(world);
    for (const client of world.clients) {
      client.chat.on(EVENT.MESSAGE_READ_RECEIPT_RECEIVED, ({ data }) => check.onReceiptEvent(client, data));
      client.chat.on(EVENT.MESSAGE_STATUS_CHANGED, ({ data }) => {
        for (const message of data) check.observeMessage(client, message, 'chat');
      });
    }
    options.onStart?.(world, check, () => clock.now());
    const passes: PassStats = { started: 0, completed: 0, pages: 0 };
    const hostileStats: HostileStats = { calls: new Map() };
    const { random } = world;
    await clock.advance(100);
    for (let op = 0; op < operations; op++) {
      world.op = op;
      const client = pick(random, world.clients);
      const roll = random.next();
      if (roll < 0.22) send(world, check, client);
      else if (roll < 0.52) readReceipts(world, check, client);
      else if (roll < 0.58) pull(world, check, client);
      else if (roll < 0.68) pageStep(world, check, client, passes);
      else if (roll < 0.72) history(world, check, client);
      else if (roll < 0.75) markRead(world, check, client);
      else if (roll < 0.765) outage(world, client);
      else if (roll < 0.78) membership(world);
      else if (roll < 0.84) await hostile(world, check, client, hostileStats);
      if (op % SWEEP_EVERY === SWEEP_EVERY - 1) sweep(world, check);
      await clock.advance(STEP_MS);
    }

    // The faults end: every connection comes back, every member returns, nothing more is sent, nobody pulls.
    world.op = operations;
    const pullsBefore = pullRequests(world);
    for (const client of world.clients) client.transport.reconnect().catch(() => {});
    for (const { groupID, members } of GROUPS) {
      for (const userID of members)
        if (!isMember(world, groupID, userID)) setMembership(world, groupID, userID, true);
    }
    await clock.advance(QUIET_MS);
    check.receipts.sweep();
    sweep(world, check);
    const unsettled = world.counters.calls - world.counters.callsSettled;
    if (unsettled > 0) check.report(KIND.unsettled, `${unsettled} calls`);
    const convergence = findStaleViews(world, check);
    const seconds = (performance.now() - started) / 1000;
    const requests = pullRequests(world);
    const report: SoakReport = {
      seed,
      operations,
      memberListAccess,
      seconds,
      opsPerSecond: operations / seconds,
      violations: Object.fromEntries(check.counts),
      examples: [...check.examples.values()].flat(),
      convergence,
      pulls: {
        requests,
        explicit: world.counters.explicitPulls,
        quiet: requests - pullsBefore,
        perOperation: requests / operations,
      },
      activity: activityOf(world, check, passes),
      hostile: Object.fromEntries(hostileStats.calls),
    };
    for (const client of world.clients) client.chat.destroy();
    return report;
  } finally {
    clock.uninstall();
  }
}

/** Looks at every client's latest own messages and watched states, as a user glancing at the screen would. */
function sweep(world: World, check: Invariants): void {
  for (const client of world.clients) {
    for (const message of client.sent.slice(-40)) check.observeChat(client, message.ID);
    for (const ID of client.watched.keys()) check.observeStore(client, ID);
  }
}

function pullRequests(world: World): number {
  return world.counters.requests.get('getMessageReadReceiptList') ?? 0;
}

function activityOf(world: World, check: Invariants, passes: PassStats): Record<string, number> {
  const { messages, receipts } = world.server.getStorageStats();
  return {
    ...Object.fromEntries(world.counters.operations),
    'member-list passes completed': passes.completed,
    'member-list pages': passes.pages,
    'messages stored': messages,
    'receipts stored': receipts,
    'requests in all': [...world.counters.requests.values()].reduce((sum, count) => sum + count, 0),
    'views checked': check.checkedViews,
  };
}
