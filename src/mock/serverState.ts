import { ERROR_CODE, type GroupType, ReadByError, type ServerPush, type WireMessage } from '../core/index';
import { ByteArena } from './byteArena';
import type { HashKey } from './keyedHash';
import type { ReadBlock } from './readBlock';
import type { ReadState } from './readState';
import type { Roster } from './roster';
import type { MockServerOptions } from './server';

/**
 * A connection as the server sees it: somewhere to deliver pushes. Whose it is, the server knows from its own
 * records, made at `connect`, never from a field of the connection.
 */
export interface ServerConnection {
  deliver(push: ServerPush): void;
}

export interface Group {
  groupID: string;
  type: GroupType;
  roster: Roster;
  /** The block of read bits the group's next message with receipts takes a row of, if it fits: see `readBlock.ts`. */
  readBlock: ReadBlock | null;
}

export interface GroupReceipts {
  kind: 'group';
  /** Roster length and server tick at the send: the recipient snapshot of R1, in two numbers. */
  rosterLength: number;
  tick: number;
  senderSlot: number;
  recipientCount: number;
  read: ReadState;
  /** The message's number among all the server has stored, from 1: what its member-list cursors are signed with. */
  serial: number;
}

interface PeerReceipts {
  kind: 'peer';
  /** When the peer sent a receipt, in seconds; null before (0 is a time like any other, under a fake clock). */
  readAt: number | null;
}

export interface StoredMessage {
  wire: WireMessage;
  /** The conversation as the server keys it: `GROUP<id>`, or `C2C` and the JSON of the two IDs sorted. */
  key: string;
  /** The conversation itself, where this message is `messages[wire.sequence − 1]`. */
  conversation: Conversation;
  receipts: GroupReceipts | PeerReceipts | null;
  readReceiptCode: number | undefined;
}

export interface Conversation {
  messages: StoredMessage[];
  /** The group of a group conversation, at hand for requests about its messages; null for one-to-one. */
  group: Group | null;
}

/** Everything the server knows, shared by the modules that handle each family of requests. */
export interface ServerState {
  readonly options: Readonly<Required<Omit<MockServerOptions, 'now'>>>;
  readonly now: () => number;
  readonly users: Set<string>;
  readonly groups: Map<string, Group>;
  readonly messages: Map<string, StoredMessage>;
  readonly conversations: Map<string, Conversation>;
  /** The sequence up to which each user has read each conversation, keyed `<user>\n<conversation key>`. */
  readonly lastRead: Map<string, number>;
  /** One-to-one conversation keys by user, for the conversation list. */
  readonly peerConversations: Map<string, Set<string>>;
  /** The open connections of each user who has one: a user whose last connection closes leaves no entry. */
  readonly connections: Map<string, Set<ServerConnection>>;
  readonly messageListeners: Set<(message: WireMessage) => void>;
  /** Orders membership changes and sends, so that a message knows who was a member when it was sent. */
  tick: number;
  readonly work: { memberListPages: number; memberListProbes: number };
  /** Signs member-list cursors (see `cursor.ts`). */
  readonly cursorKey: HashKey;
  /** Where the receipts of small groups live, packed: see `readState.ts`. */
  readonly receiptArena: ByteArena;
}

export function createServerState(
  options: ServerState['options'],
  now: () => number,
  cursorKey: HashKey,
): ServerState {
  return {
    options,
    now,
    users: new Set(),
    groups: new Map(),
    messages: new Map(),
    conversations: new Map(),
    lastRead: new Map(),
    peerConversations: new Map(),
    connections: new Map(),
    messageListeners: new Set(),
    tick: 0,
    work: { memberListPages: 0, memberListProbes: 0 },
    cursorKey,
    receiptArena: new ByteArena(),
  };
}

/** Delivers `push` to every connected client of `userID`, except the one the request came from. */
export function pushTo(
  state: ServerState,
  userID: string,
  push: ServerPush,
  except?: ServerConnection,
): void {
  for (const connection of state.connections.get(userID) ?? []) {
    if (connection !== except) connection.deliver(push);
  }
}

export function findGroup(state: ServerState, groupID: string): Group {
  const group = state.groups.get(groupID);
  if (!group) throw new ReadByError(ERROR_CODE.GROUP_NOT_FOUND, `group ${String(groupID)} does not exist`);
  return group;
}

/** Whether a roster slot was among the message's recipients when it was sent (R1). */
export function isRecipient(roster: Roster, receipts: GroupReceipts, slot: number): boolean {
  if (slot >= receipts.rosterLength || slot === receipts.senderSlot) return false;
  const left = roster.leftAt[slot]!;
  return left === 0 || left > receipts.tick;
}

/** JSON, not a separator: user IDs such as `auth0|alice` may contain any character. */
export function peerKey(a: string, b: string): string {
  return `C2C${JSON.stringify(a < b ? [a, b] : [b, a])}`;
}
