import type { ServerState } from './serverState';

/** The server's own view of a message's receipts: the truth a sender's view converges to. */
export interface ReceiptTruth {
  recipientCount: number;
  readCount: number;
  unreadCount: number;
  /** Readers in the order they read. */
  readUserIDList: string[];
}

export function getReceiptTruth(state: ServerState, messageID: string): ReceiptTruth | null {
  const stored = state.messages.get(messageID);
  if (stored?.receipts?.kind !== 'group') return null;
  const { read, recipientCount } = stored.receipts;
  const roster = state.groups.get(stored.wire.to)!.roster;
  const readUserIDList: string[] = [];
  for (let i = 0; i < read.count; i++) readUserIDList.push(roster.users[read.at(i)]!);
  return {
    recipientCount,
    readCount: read.count,
    unreadCount: recipientCount - read.count,
    readUserIDList,
  };
}

export function getStorageStats(state: ServerState): {
  messages: number;
  receipts: number;
  receiptBytes: number;
} {
  let receipts = 0;
  let receiptBytes = 0;
  for (const stored of state.messages.values()) {
    if (stored.receipts?.kind === 'group') {
      receipts += stored.receipts.read.count;
      receiptBytes += stored.receipts.read.byteLength;
    } else if (stored.receipts?.kind === 'peer' && stored.receipts.readAt !== null) {
      receipts += 1;
    }
  }
  // Small blocks share the arena's pages: what no message holds there is still memory the receipts take.
  const arena = state.receiptArena;
  receiptBytes += arena.byteLength - arena.bytesInUse;
  return { messages: state.messages.size, receipts, receiptBytes };
}
