/**
 * What resyncs cost. After a lost push (a gap in push numbers, seen on the next push or heartbeat) or a reconnect,
 * a client pulls receipt counts (`getMessageReadReceiptList`) to make up for what it missed. This runs a seeded
 * mix of 100,000 operations over the mock server (several users in several groups and one-to-one chats, sends with
 * receipts, receipts, member-list pages, history pages, read marks, disconnects, members leaving and coming back)
 * on transports that drop, duplicate and reorder deliveries and send heartbeats, and counts the pulls every client
 * makes and the message IDs they carry. No app code pulls here, so every pull is a resync's.
 *
 * A report, not a gate: the figures are the cost, and the last row says whether the senders' views of their recent
 * messages still reach the server's truth once the faults are over.
 */
import {
  type Chat,
  createChat,
  type Message,
  type RequestName,
  type Requests,
  TYPES,
} from '../src/core/index';
import { createMockServer, createRandom, type MockTransport } from '../src/mock/index';
import { type BenchRow, budgetRow } from './types';
import { installVirtualClock } from './virtualClock';

const OPERATIONS = 100_000;
const USERS = Array.from({ length: 12 }, (_, index) => `user${String(index).padStart(2, '0')}`);
const GROUPS = ['design', 'backend', 'mobile', 'all'];
/** Simulated time between two operations. */
const STEP_MS = 10;
const FAULTS = { dropRate: 0.02, duplicateRate: 0.05, reorder: 20, latencyMs: [2, 15] as [number, number] };
const HEARTBEAT_MS = 2_000;
const REQUEST_TIMEOUT_MS = 3_000;
/** How many of each sender's latest messages with receipts the convergence check looks at. */
const RECENT = 100;

interface Client {
  userID: string;
  chat: Chat;
  transport: MockTransport;
  /** Messages received, by conversation, newest last: what a reader acknowledges. */
  received: Map<string, Message[]>;
  /** Own group messages with receipts, newest last: what the member-list pages are asked for. */
  sentToGroups: Message[];
  /** Own messages with receipts, newest last. */
  sent: Message[];
}

interface PullCount {
  requests: number;
  ids: number;
  refused: number;
}

function keepLast<T>(list: T[], item: T, limit: number): void {
  list.push(item);
  if (list.length > limit * 2) list.splice(0, list.length - limit);
}

async function simulate(): Promise<{ pulls: PullCount; converged: number; checked: number; ms: number }> {
  const clock = installVirtualClock();
  const started = performance.now();
  try {
    const random = createRandom(2024);
    const server = createMockServer({ seed: 2024, maxReceiptGroupSize: 200 });
    const members = new Map<string, Set<string>>();
    for (const [index, groupID] of GROUPS.entries()) {
      const memberList = groupID === 'all' ? USERS : USERS.filter((_, user) => (user + index) % 3 !== 0);
      server.createGroup({ groupID, type: TYPES.GRP_WORK, memberList });
      members.set(groupID, new Set(memberList));
    }
    const pulls: PullCount = { requests: 0, ids: 0, refused: 0 };
    const clients = USERS.map((userID): Client => {
      const transport = server.connect(userID, { ...FAULTS, heartbeatMs: HEARTBEAT_MS });
      const request = transport.request.bind(transport);
      transport.request = <K extends RequestName>(method: K, params: Requests[K]['params']) => {
        const answer = request(method, params);
        if (method === 'getMessageReadReceiptList') {
          pulls.requests += 1;
          pulls.ids += (params as Requests['getMessageReadReceiptList']['params']).messageIDs.length;
          answer.catch((error: { code?: number }) => {
            if (error.code === 10007) pulls.refused += 1;
          });
        }
        return answer;
      };
      const chat = createChat({ transport, requestTimeoutMs: REQUEST_TIMEOUT_MS });
      const client: Client = { userID, chat, transport, received: new Map(), sentToGroups: [], sent: [] };
      chat.on('onMessageReceived', ({ data }) => {
        for (const message of data) {
          const list = client.received.get(message.conversationID) ?? [];
          client.received.set(message.conversationID, list);
          keepLast(list, message, 30);
        }
      });
      return client;
    });
    const ignore = () => {};
    const pick = <T>(list: readonly T[]): T => list[random.int(0, list.length - 1)]!;

    const send = (client: Client) => {
      const groups = GROUPS.filter((groupID) => members.get(groupID)!.has(client.userID));
      const toGroup = groups.length > 0 && random.chance(0.7);
      const message = client.chat.createTextMessage({
        to: toGroup ? pick(groups) : pick(USERS.filter((user) => user !== client.userID)),
        conversationType: toGroup ? TYPES.CONV_GROUP : TYPES.CONV_C2C,
        payload: { text: 'hello' },
        needReadReceipt: random.chance(0.9),
      });
      client.chat.sendMessage(message).then(({ data }) => {
        if (!data.message.needReadReceipt) return;
        keepLast(client.sent, data.message, RECENT);
        if (toGroup) keepLast(client.sentToGroups, data.message, 50);
      }, ignore);
    };

    const acknowledge = (client: Client) => {
      const conversations = [...client.received.values()];
      if (conversations.length === 0) return;
      const recent = pick(conversations).slice(-30);
      const chosen = [...new Set(Array.from({ length: random.int(1, 5) }, () => pick(recent)))];
      client.chat.sendMessageReadReceipt(chosen).catch(ignore);
    };

    const pageOfReaders = (client: Client) => {
      if (client.sentToGroups.length === 0) return;
      const message = pick(client.sentToGroups.slice(-50));
      client.chat
        .getGroupMessageReadMemberList({ message, filter: random.chance(0.5) ? 0 : 1, cursor: '', count: 20 })
        .catch(ignore);
    };

    const history = (client: Client) => {
      const conversationID = random.chance(0.5)
        ? `GROUP${pick(GROUPS)}`
        : `C2C${pick(USERS.filter((user) => user !== client.userID))}`;
      client.chat.getMessageList({ conversationID }).catch(ignore);
    };

    const markRead = (client: Client) => {
      const peers = [...client.received.keys()].filter((id) => id.startsWith('C2C'));
      if (peers.length > 0) client.chat.setMessageRead({ conversationID: pick(peers) }).catch(ignore);
    };

    const outage = (client: Client) => {
      if (client.transport.state !== TYPES.NET_STATE_CONNECTED) return;
      client.transport.disconnect();
      setTimeout(() => client.transport.reconnect().catch(ignore), random.int(50, 1_000));
    };

    const leaveAndReturn = () => {
      const groupID = pick(GROUPS);
      const current = [...members.get(groupID)!];
      if (current.length <= 3) return;
      const userID = pick(current);
      server.removeGroupMembers(groupID, [userID]);
      members.get(groupID)!.delete(userID);
      setTimeout(
        () => {
          server.addGroupMembers(groupID, [userID]);
          members.get(groupID)!.add(userID);
        },
        random.int(2_000, 20_000),
      );
    };

    await clock.advance(100);
    for (let operation = 0; operation < OPERATIONS; operation++) {
      const client = pick(clients);
      const roll = random.next();
      if (roll < 0.3) send(client);
      else if (roll < 0.65) acknowledge(client);
      else if (roll < 0.72) pageOfReaders(client);
      else if (roll < 0.77) history(client);
      else if (roll < 0.8) markRead(client);
      else if (roll < 0.82) outage(client);
      else if (roll < 0.825) leaveAndReturn();
      await clock.advance(STEP_MS);
    }
    // Operations over: every outage ends, every member is back, and heartbeats reveal the pushes still missing.
    await clock.advance(30_000);
    for (const client of clients) client.transport.reconnect().catch(ignore);
    await clock.advance(20 * HEARTBEAT_MS);

    let converged = 0;
    let checked = 0;
    for (const client of clients) {
      for (const message of client.sent.slice(-RECENT)) {
        const view = client.chat.findMessage(message.ID);
        if (!view) continue;
        // Asked of the server directly, so that the check is no pull of the client's.
        const [truth] = server.request(client.userID, 'getMessageReadReceiptList', {
          messageIDs: [message.ID],
        }).receipts;
        if (!truth) continue;
        checked += 1;
        const info = view.readReceiptInfo;
        const same =
          'readCount' in truth
            ? info.readCount === truth.readCount && info.unreadCount === truth.unreadCount
            : info.isPeerRead === truth.isPeerRead && view.isPeerRead === truth.markedRead;
        if (same) converged += 1;
      }
    }
    for (const client of clients) client.chat.destroy();
    return { pulls, converged, checked, ms: performance.now() - started };
  } finally {
    clock.uninstall();
  }
}

export async function run(): Promise<BenchRow[]> {
  const { pulls, converged, checked, ms } = await simulate();
  const detail = `${OPERATIONS.toLocaleString('en')} operations, ${USERS.length} users, ${GROUPS.length} groups, seeded faults and heartbeats; ${(ms / 1000).toFixed(1)} s`;
  return [
    {
      bar: 'resyncPulls',
      name: 'resync: getMessageReadReceiptList requests',
      value: pulls.requests,
      unit: 'requests',
      target: 'reported',
      pass: true,
      gate: false,
      detail: `${detail}; ${pulls.refused.toLocaleString('en')} refused (sender outside the group)`,
    },
    {
      bar: 'resyncPulledIDs',
      name: 'resync: message IDs pulled',
      value: pulls.ids,
      unit: 'IDs',
      target: 'reported',
      pass: true,
      gate: false,
      detail: `${(pulls.ids / Math.max(1, pulls.requests)).toFixed(1)} IDs a request`,
    },
    budgetRow({
      bar: 'resync.convergence',
      name: "resync: senders' recent messages matching the server once faults end",
      value: checked === 0 ? 0 : (converged / checked) * 100,
      unit: '%',
      min: 100,
      detail: `${converged.toLocaleString('en')} of ${checked.toLocaleString('en')} (each sender's last ${RECENT} with receipts)`,
    }),
  ];
}
