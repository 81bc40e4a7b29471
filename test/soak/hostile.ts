/**
 * Runs hostile calls: most go straight over the wire on the user's second connection, past the engine's own
 * checks, since a real server cannot count on them; a few go through the engine to hold its checks to the same
 * codes. Each must be refused with the code docs/rules.md gives and change nothing on the server. Squatting another
 * client's next message ID is the exception: the server may take the message as the attacker's, but the owner's
 * send of that ID must still go through.
 */
import type { RequestName } from 'readby';
import { type Builder, HOSTILE_CALLS, type HostileCall } from './hostileCalls';
import type { Invariants } from './invariants';
import { MALFORMED_CALLS } from './malformedCalls';
import { type Client, countOperation, pick, type World } from './world';

export { HOSTILE } from './hostileCalls';

const BUILDERS: Builder[] = [...HOSTILE_CALLS, ...MALFORMED_CALLS];

export interface HostileStats {
  calls: Map<string, number>;
}

/** One hostile call by `attacker`, judged on its answer and on the server's state before and after. */
export async function hostile(
  world: World,
  check: Invariants,
  attacker: Client,
  stats: HostileStats,
): Promise<void> {
  let call: HostileCall | null = null;
  for (let attempt = 0; attempt < 3 && !call; attempt++) call = pick(world.random, BUILDERS)(world, attacker);
  if (!call) return;
  countOperation(world, 'hostile');
  stats.calls.set(call.family, (stats.calls.get(call.family) ?? 0) + 1);
  const what = () =>
    `${attacker.userID}${call.as ? ` as ${call.as}` : ''}: ${call.method ?? 'client call'} ${JSON.stringify(call.params ?? null).slice(0, 160)}`;
  const before = digest(world, check, call);
  const outcome = call.viaClient ? await settle(call.viaClient()) : await overTheWire(world, attacker, call);
  if (call.expected === null) return;
  if (outcome.ok) check.report(`${call.family}: not refused`, what());
  else if (outcome.code !== call.expected) {
    check.report(
      `${call.family}: refused with the wrong code`,
      `${what()}: expected ${call.expected}, got ${outcome.code} ${outcome.message}`,
    );
  }
  const after = digest(world, check, call);
  if (after !== before) check.report(`${call.family}: changed the server`, `${what()}: ${before} → ${after}`);
}

type Outcome = { ok: true } | { ok: false; code: unknown; message: string };

function settle(call: Promise<unknown>): Promise<Outcome> {
  return call.then(
    () => ({ ok: true }),
    (error: { code?: unknown; message?: string }) => ({
      ok: false,
      code: error?.code,
      message: String(error?.message),
    }),
  );
}

async function overTheWire(world: World, attacker: Client, call: HostileCall): Promise<Outcome> {
  const { raw } = attacker;
  await raw.reconnect();
  const identity = raw as unknown as { userID: string };
  world.hostileInFlight = true;
  try {
    if (call.as) {
      try {
        identity.userID = call.as;
      } catch {
        // A transport that will not let its identity change is what R10 asks for.
      }
    }
    return await settle(raw.request(call.method as RequestName, call.params as never));
  } finally {
    if (call.as) {
      try {
        identity.userID = attacker.userID;
      } catch {}
    }
    world.hostileInFlight = false;
    raw.disconnect();
  }
}

/**
 * What a refused call must leave as it was: how many messages the server has stored, and the receipts of the
 * target and of every message the call names.
 */
function digest(world: World, check: Invariants, call: HostileCall): string {
  const params = (call.params ?? {}) as { messageIDs?: unknown; messageID?: unknown };
  const named = Array.isArray(params.messageIDs) ? params.messageIDs : [params.messageID];
  const ids = new Set([call.target?.ID, ...named].filter((ID): ID is string => typeof ID === 'string'));
  const truths = [...ids].map((ID) => {
    const record = world.records.get(ID);
    if (!record) return null;
    return record.conversationType === 'GROUP' ? check.groupTruth(ID) : check.peerTruth(record);
  });
  return JSON.stringify({ stored: world.counters.stored, truths });
}
