/**
 * The read pattern the receipt benchmarks share: how the members of a group read 1,000 messages from one sender.
 *
 * The messages are sent evenly over a period; message `k` (1-based) is sent at time `(k − 1) / 1,000` of it. A
 * member opens the group a few times in the period, and each time reads everything sent so far, from where they
 * had got to: a session is a prefix read, from the member's last position to the newest message at that time.
 *
 * Who reads is skewed, as in real groups:
 * - How many members open the group at all falls with its size, as `2.5 / size^¼` (at most 80%): 79% of a team of
 *   100, 44% of 1,000, 25% of 10,000, 14% of a company-wide group of 100,000.
 * - A member who does has `1 + floor(40 v³)` sessions for `v` uniform in [0, 1): 29% have one, the keenest 40,
 *   10.5 on average, at uniform random times. Sessions of all members are applied in time order.
 *
 * That leaves 64%, 35%, 19% and 11% of (message, recipient) pairs read at 100, 1,000, 10,000 and 100,000
 * members, most of them for older messages, which every member who came by has caught up on; the last is about the
 * "10% read" of the memory bar in docs/rules.md §4. Everything comes from a seed, so every contender replays the same reads in
 * the same order.
 */
import { createRandom } from '../src/mock/index';

/** Sessions of a member who opens the group: `1 + floor(EXTRA_SESSIONS × v³)`. */
const EXTRA_SESSIONS = 40;

/** The share of a group's members who open it in the period. */
export function participation(size: number): number {
  return Math.min(0.8, 2.5 / size ** 0.25);
}

export interface ReadingSessions {
  members: number;
  messages: number;
  /** Member index of each session (1 … members − 1; member 0 is the sender), in the order they happen. */
  reader: Int32Array;
  /** Each session reads messages `from + 1` to `to` (1-based): everything after the last it read. */
  from: Int32Array;
  to: Int32Array;
  /** The last message each member has read at the end, 0 for none: member `m` has read message `k` iff `k ≤ last[m]`. */
  last: Int32Array;
  /** Receipts all sessions together send: (message, reader) pairs. */
  receipts: number;
}

/**
 * The sessions of a group of `members` (the sender included) reading `messages` messages. A session that finds
 * nothing new to read sends nothing, so it is left out.
 *
 * @example
 * ```ts
 * const sessions = readingSessions(1_000, 1_000, 1);
 * for (let s = 0; s < sessions.reader.length; s++) read(sessions.reader[s], sessions.from[s], sessions.to[s]);
 * ```
 */
export function readingSessions(members: number, messages: number, seed: number): ReadingSessions {
  const random = createRandom(seed);
  const share = participation(members);
  const times: number[] = [];
  const owners: number[] = [];
  for (let member = 1; member < members; member++) {
    if (random.next() >= share) continue;
    const count = 1 + Math.floor(EXTRA_SESSIONS * random.next() ** 3);
    for (let session = 0; session < count; session++) {
      times.push(random.next());
      owners.push(member);
    }
  }
  const byTime = Array.from(times.keys()).sort((a, b) => times[a]! - times[b]!);
  const last = new Int32Array(members);
  const reader: number[] = [];
  const from: number[] = [];
  const to: number[] = [];
  let receipts = 0;
  for (const index of byTime) {
    const member = owners[index]!;
    // Everything sent before the session: message k is sent at time (k − 1) / messages.
    const newest = Math.min(messages, Math.floor(times[index]! * messages) + 1);
    if (newest <= last[member]!) continue;
    reader.push(member);
    from.push(last[member]!);
    to.push(newest);
    receipts += newest - last[member]!;
    last[member] = newest;
  }
  return {
    members,
    messages,
    reader: Int32Array.from(reader),
    from: Int32Array.from(from),
    to: Int32Array.from(to),
    last,
    receipts,
  };
}

/** How many members have read message `k` (1-based) at the end, for every k: index 0 is unused. */
export function expectedReadCounts(sessions: ReadingSessions): Int32Array {
  const atLeast = new Int32Array(sessions.messages + 2);
  for (let member = 1; member < sessions.members; member++) atLeast[sessions.last[member]!]! += 1;
  // Readers of k are those whose last read is ≥ k: a suffix sum.
  for (let k = sessions.messages - 1; k >= 0; k--) atLeast[k]! += atLeast[k + 1]!;
  return atLeast;
}
