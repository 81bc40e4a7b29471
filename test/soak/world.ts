/**
 * The world a soak runs in: one mock server, twelve users with a chat client and a receipt store each, groups of
 * every kind (with and without receipts, one that crosses the size limit as members come and go), and the
 * bookkeeping the checker needs: who is a member of what, every message the server stored with its recipients at
 * the send (R1), and the counts of requests that crossed the transports.
 */
import {
  type Chat,
  createChat,
  EVENT,
  type GroupType,
  getReceiptStore,
  type Message,
  type ReceiptStore,
  type RequestName,
  type Requests,
  TYPES,
} from 'readby';
import {
  type ConnectOptions,
  createMockServer,
  createRandom,
  type MockServer,
  type MockTransport,
  type Random,
} from 'readby/mock';
import type { MemberPass } from './memberPass';

export const USERS = Array.from({ length: 12 }, (_, index) => `u${String(index).padStart(2, '0')}`);

/** Twelve members are one too many for receipts: `all` has them only while someone is away (R8). */
export const MAX_RECEIPT_GROUP_SIZE = 11;

export const GROUPS: readonly { groupID: string; type: GroupType; members: readonly string[] }[] = [
  { groupID: 'all', type: TYPES.GRP_WORK, members: USERS },
  { groupID: 'design', type: TYPES.GRP_WORK, members: USERS.slice(0, 7) },
  { groupID: 'backend', type: TYPES.GRP_PUBLIC, members: USERS.slice(4) },
  { groupID: 'mobile', type: TYPES.GRP_MEETING, members: USERS.filter((_, index) => index % 2 === 1) },
  // A type without receipts (R8): messages that ask for them are sent without.
  { groupID: 'lobby', type: TYPES.GRP_AVCHATROOM, members: USERS.slice(2, 11) },
];

export const RECEIPT_GROUP_TYPES: readonly string[] = [TYPES.GRP_WORK, TYPES.GRP_PUBLIC, TYPES.GRP_MEETING];

export const HEARTBEAT_MS = 1_000;
/**
 * Shorter than the slowest round trip of a faulty connection (2 × (30 + 100) ms), so that some requests time out
 * although the server carried them out: the case that retries must survive (R3.5, R12).
 */
export const REQUEST_TIMEOUT_MS = 250;
const FAULTY: ConnectOptions = {
  dropRate: 0.03,
  duplicateRate: 0.05,
  reorder: 100,
  latencyMs: [2, 30],
  heartbeatMs: HEARTBEAT_MS,
};
/** Never zero: a delivery then runs on the clock, so a hostile call's before-and-after sees only its own effect. */
const CLEAN: ConnectOptions = { latencyMs: [1, 8], heartbeatMs: HEARTBEAT_MS };

export interface Client {
  userID: string;
  chat: Chat;
  store: ReceiptStore;
  transport: MockTransport;
  /** A second connection of the same user that speaks the wire protocol directly, as a tampered client would. */
  raw: MockTransport;
  faulty: boolean;
  /** Messages from others that ask for receipts, by conversation, newest last: what this user reads. */
  received: Map<string, Message[]>;
  /** Own messages with receipts whose send succeeded, newest last. */
  sent: Message[];
  /** Own sends that failed on the network, to be retried. */
  failed: Message[];
  /** Receipt batches that failed on the network, to be retried. */
  unsentReceipts: Message[][];
  /** IDs of own messages the receipt store is watched for, as badges on screen would, oldest first. */
  watched: Map<string, () => void>;
  /** How many message IDs this chat's drafts have taken: its next draft takes `<clientID>-<drafts + 1>`. */
  drafts: number;
  passes: MemberPass[];
}

/** A message as the server stored it, with what the checker needs to judge every view of it. */
export interface MessageRecord {
  ID: string;
  from: string;
  conversationType: 'C2C' | 'GROUP';
  to: string;
  /** Whether it has receipts on the server. */
  receipts: boolean;
  /** Group: the members when it was stored, less the sender (R1). One-to-one: the peer. */
  recipients: ReadonlySet<string>;
  /** Stored by a hostile call rather than by a client's send. */
  hostile: boolean;
}

export interface Counters {
  requests: Map<RequestName, number>;
  /** `getMessageReadReceiptList` requests that the soak made itself (the rest are the engine's and the store's). */
  explicitPulls: number;
  operations: Map<string, number>;
  /** Messages the server has stored, every one, hostile ones and repeated IDs included. */
  stored: number;
  calls: number;
  callsSettled: number;
}

export interface World {
  seed: number;
  memberListAccess: 'sender' | 'members';
  server: MockServer;
  random: Random;
  clients: Client[];
  byUser: Map<string, Client>;
  members: Map<string, Set<string>>;
  /** Bumped whenever a user joins or leaves a group, keyed `<group>\n<user>`. */
  membershipEpoch: Map<string, number>;
  records: Map<string, MessageRecord>;
  /** Whether each draft asked for receipts, by ID: what R8 judges the stored message against. */
  asked: Map<string, boolean>;
  /** IDs a hostile call took before the client whose turn it was to use them. */
  squatted: Set<string>;
  /** `<message> <user>`: receipts a hostile call tried to send in another user's name. */
  spoofedReceipts: Set<string>;
  /** The latest messages with receipts stored in each group, and between two users: what hostile calls aim at. */
  recentByGroup: Map<string, string[]>;
  recentPeer: string[];
  /** Cursors the server issued, for hostile calls to replay elsewhere. */
  issuedCursors: { messageID: string; filter: 0 | 1; cursor: string }[];
  /** Set while a hostile call is on the wire, so that what it stores is known as such. */
  hostileInFlight: boolean;
  /** The operation being run, for the reports. */
  op: number;
  counters: Counters;
}

/** `now`: the server's clock, the simulated one, so that a seed replays the same timestamps. */
export async function createWorld(
  seed: number,
  memberListAccess: 'sender' | 'members',
  now: () => number,
): Promise<World> {
  const server = createMockServer({
    seed,
    maxReceiptGroupSize: MAX_RECEIPT_GROUP_SIZE,
    memberListAccess,
    now,
  });
  const members = new Map<string, Set<string>>();
  for (const { groupID, type, members: memberList } of GROUPS) {
    server.createGroup({ groupID, type, memberList: [...memberList] });
    members.set(groupID, new Set(memberList));
  }
  const counters: Counters = {
    requests: new Map(),
    explicitPulls: 0,
    operations: new Map(),
    stored: 0,
    calls: 0,
    callsSettled: 0,
  };
  const clients = USERS.map((userID, index) => {
    const faulty = index % 2 === 0;
    const transport = countRequests(server.connect(userID, faulty ? FAULTY : CLEAN), counters);
    const chat = createChat({ transport, requestTimeoutMs: REQUEST_TIMEOUT_MS });
    const client: Client = {
      userID,
      chat,
      store: getReceiptStore(chat),
      transport,
      raw: server.connect(userID, { latencyMs: 0 }),
      faulty,
      received: new Map(),
      sent: [],
      failed: [],
      unsentReceipts: [],
      watched: new Map(),
      drafts: 0,
      passes: [],
    };
    chat.on(EVENT.MESSAGE_RECEIVED, ({ data }) => {
      for (const message of data) keepReceived(client, message);
    });
    return client;
  });
  const ignore = () => {};
  // The raw connections stay closed except while a hostile call is made, so that pushes do not pile up on them.
  await Promise.all(clients.map(({ raw }) => raw.open({ onPush: ignore, onStateChange: ignore })));
  for (const { raw } of clients) raw.disconnect();
  const recentByGroup = new Map<string, string[]>(GROUPS.map(({ groupID }) => [groupID, []]));
  const recentPeer: string[] = [];
  server.onMessage((wire) => {
    counters.stored += 1;
    if (!wire.needReadReceipt) return;
    const list = wire.conversationType === 'GROUP' ? recentByGroup.get(wire.to) : recentPeer;
    list?.push(wire.ID);
    if (list && list.length > 20) list.shift();
  });
  return {
    seed,
    memberListAccess,
    server,
    random: createRandom(seed),
    clients,
    byUser: new Map(clients.map((client) => [client.userID, client])),
    members,
    membershipEpoch: new Map(),
    records: new Map(),
    asked: new Map(),
    squatted: new Set(),
    spoofedReceipts: new Set(),
    recentByGroup,
    recentPeer,
    issuedCursors: [],
    hostileInFlight: false,
    op: 0,
    counters,
  };
}

/** Counts every request that crosses a transport, by method: pulls per operation is one of the soak's figures. */
function countRequests(transport: MockTransport, counters: Counters): MockTransport {
  const request = transport.request.bind(transport);
  transport.request = <K extends RequestName>(method: K, params: Requests[K]['params']) => {
    counters.requests.set(method, (counters.requests.get(method) ?? 0) + 1);
    return request(method, params);
  };
  return transport;
}

/** Keeps a message another user sent with receipts among the last 30 of its conversation. */
export function keepReceived(client: Client, message: Message): void {
  if (message.from === client.userID || !message.needReadReceipt || message.status !== 'success') return;
  const list = client.received.get(message.conversationID) ?? [];
  client.received.set(message.conversationID, list);
  if (list.some((known) => known.ID === message.ID)) return;
  list.push(message);
  if (list.length > 30) list.shift();
}

export function isMember(world: World, groupID: string, userID: string): boolean {
  return world.members.get(groupID)?.has(userID) ?? false;
}

export function groupsOf(world: World, userID: string): string[] {
  return GROUPS.map(({ groupID }) => groupID).filter((groupID) => isMember(world, groupID, userID));
}

/**
 * For a call about a group: returns a function that says, when the call settles, whether a PERMISSION_DENIED
 * answer is fair. It is when the user was outside the group when the call was made or is now, or joined or left
 * meanwhile, since the server judges membership at a moment in between that the soak cannot see.
 */
export function membershipGuard(world: World, groupID: string, userID: string): () => boolean {
  const key = `${groupID}\n${userID}`;
  const epoch = world.membershipEpoch.get(key) ?? 0;
  const wasMember = isMember(world, groupID, userID);
  return () =>
    !wasMember || !isMember(world, groupID, userID) || (world.membershipEpoch.get(key) ?? 0) !== epoch;
}

export function setMembership(world: World, groupID: string, userID: string, member: boolean): void {
  if (member) world.server.addGroupMembers(groupID, [userID]);
  else world.server.removeGroupMembers(groupID, [userID]);
  const set = world.members.get(groupID)!;
  if (member) set.add(userID);
  else set.delete(userID);
  const key = `${groupID}\n${userID}`;
  world.membershipEpoch.set(key, (world.membershipEpoch.get(key) ?? 0) + 1);
}

/** Counts a legitimate call until it settles: after the quiet period, none may be left waiting (R12). */
export function follow<T>(world: World, call: Promise<T>): Promise<T> {
  world.counters.calls += 1;
  const settled = () => {
    world.counters.callsSettled += 1;
  };
  call.then(settled, settled);
  return call;
}

export function pick<T>(random: Random, list: readonly T[]): T {
  return list[random.int(0, list.length - 1)]!;
}

export function countOperation(world: World, name: string): void {
  world.counters.operations.set(name, (world.counters.operations.get(name) ?? 0) + 1);
}
