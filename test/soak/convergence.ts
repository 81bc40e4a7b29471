/**
 * The end of a soak: once the faults are over and one quiet period has passed, every sender's view of its recent
 * messages (the client's `findMessage`, and the receipt store's state for the messages it is watched for) must
 * equal the server's truth, though nobody pulled by hand (docs/rules.md §4).
 */
import type { Invariants } from './invariants';
import { isMember, type MessageRecord, type World } from './world';

/** How many of each sender's latest messages with receipts are held to the truth. */
export const RECENT = 50;

export interface Convergence {
  checked: number;
  stale: number;
  examples: string[];
  /** Sends that failed on the network although the server stored the message, not retried when the run ended. */
  landedButFailed: number;
  /**
   * Group messages whose sender is outside the group at the end (it joined after the start, then left): the
   * server refuses their pulls (R10), so their views cannot converge and are not held to the truth.
   */
  outsideGroup: number;
}

export function findStaleViews(world: World, check: Invariants): Convergence {
  const result: Convergence = { checked: 0, stale: 0, examples: [], landedButFailed: 0, outsideGroup: 0 };
  const stale = (what: string) => {
    result.stale += 1;
    if (result.examples.length < 5) result.examples.push(what);
  };
  for (const client of world.clients) {
    for (const message of client.failed) {
      const record = world.records.get(message.ID);
      if (record && !record.hostile && client.chat.findMessage(message.ID)?.status === 'fail')
        result.landedButFailed += 1;
    }
    const own = [...new Map(client.sent.map((message) => [message.ID, message])).keys()].slice(-RECENT);
    const outside = (record: MessageRecord) => {
      const away = record.conversationType === 'GROUP' && !isMember(world, record.to, client.userID);
      if (away) result.outsideGroup += 1;
      return away;
    };
    for (const ID of own) {
      const record = world.records.get(ID);
      if (!record?.receipts || outside(record)) continue;
      result.checked += 1;
      const view = client.chat.findMessage(ID);
      if (!view) {
        stale(`${client.userID}: findMessage(${ID}) is null`);
        continue;
      }
      const info = view.readReceiptInfo;
      if (record.conversationType === 'GROUP') {
        const truth = check.groupTruth(ID)!;
        if (info.readCount !== truth.readCount || info.unreadCount !== truth.unreadCount) {
          stale(
            `${client.userID}'s findMessage(${ID}): ${info.readCount}/${info.unreadCount}, server ${truth.readCount}/${truth.unreadCount}`,
          );
        }
      } else {
        const truth = check.peerTruth(record);
        if (
          info.isPeerRead !== truth.isPeerRead ||
          info.timestamp !== truth.timestamp ||
          view.isPeerRead !== truth.markedRead
        ) {
          stale(
            `${client.userID}'s findMessage(${ID}): read ${info.isPeerRead} at ${info.timestamp}, marked ${view.isPeerRead}; server ${JSON.stringify(truth)}`,
          );
        }
      }
    }
    for (const ID of client.watched.keys()) {
      const record = world.records.get(ID);
      const state = client.store.get(ID);
      // A watched draft whose send the client never saw succeed has no truth to reach.
      if (!record?.receipts || !state || client.chat.findMessage(ID)?.status !== 'success') continue;
      if (outside(record)) continue;
      result.checked += 1;
      if (record.conversationType === 'GROUP') {
        const truth = check.groupTruth(ID)!;
        if (state.readCount !== truth.readCount || state.unreadCount !== truth.unreadCount) {
          stale(
            `${client.userID}'s store(${ID}): ${state.readCount}/${state.unreadCount}, server ${truth.readCount}/${truth.unreadCount}`,
          );
        }
      } else {
        const truth = check.peerTruth(record);
        if (state.isPeerRead !== (truth.isPeerRead || truth.markedRead)) {
          stale(
            `${client.userID}'s store(${ID}): isPeerRead ${state.isPeerRead}; server ${JSON.stringify(truth)}`,
          );
        }
      }
    }
  }
  return result;
}
