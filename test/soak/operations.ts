/**
 * What the users of a soak do, one call per operation, as an app would: send (with receipts, mostly), read what
 * others sent (receipts from the reader's own client), pull counts, load history, mark conversations read, retry
 * what the network defeated, lose their connection for a while, and join and leave groups. Each call is followed
 * to its end: its answer is a view the checker judges, and a refusal must have a fair reason.
 */
import { ERROR_CODE, isTransientError, type Message, TYPES } from 'readby';
import { type Invariants, KIND } from './invariants';
import {
  type Client,
  countOperation,
  follow,
  GROUPS,
  groupsOf,
  isMember,
  keepReceived,
  membershipGuard,
  pick,
  setMembership,
  USERS,
  type World,
} from './world';

/** How many of its latest messages a sender keeps a badge for: the ones the receipt store is watched for. */
export const WATCHED = 20;
/** A group keeps at least this many members, so that its messages always have someone to read them. */
const MIN_MEMBERS = 3;

const ignore = () => {};

function keepLast<T>(list: T[], item: T, limit: number): void {
  list.push(item);
  if (list.length > limit) list.shift();
}

function fairFor(world: World, client: Client, message: Message): () => boolean {
  return message.conversationType === TYPES.CONV_GROUP
    ? membershipGuard(world, message.to, client.userID)
    : () => false;
}

export function send(world: World, check: Invariants, client: Client): void {
  const { random } = world;
  const failed = client.failed.shift();
  if (failed && random.chance(0.7)) {
    retrySend(world, check, client, failed);
    return;
  }
  if (failed) client.failed.push(failed);
  countOperation(world, 'send');
  const groups = groupsOf(world, client.userID);
  const toGroup = groups.length > 0 && random.chance(0.65);
  const to = toGroup
    ? pick(random, groups)
    : pick(
        random,
        USERS.filter((user) => user !== client.userID),
      );
  const conversationType = toGroup ? TYPES.CONV_GROUP : TYPES.CONV_C2C;
  const needReadReceipt = random.chance(0.9);
  const message = random.chance(0.1)
    ? client.chat.createCustomMessage({
        to,
        conversationType,
        payload: { data: `{"op":${world.op}}` },
        needReadReceipt,
      })
    : client.chat.createTextMessage({
        to,
        conversationType,
        payload: { text: `op ${world.op}` },
        needReadReceipt,
      });
  client.drafts += 1;
  world.asked.set(message.ID, needReadReceipt);
  if (needReadReceipt) watch(check, client, message);
  issueSend(world, check, client, message);
}

/**
 * A send the network failed is sent again with the message it failed with, as an app's retry button does: the
 * app cannot know whether the first attempt reached the server, and it need not (R12: requests are safe to retry).
 */
function retrySend(world: World, check: Invariants, client: Client, message: Message): void {
  countOperation(world, 'send retry');
  issueSend(world, check, client, message, true);
}

function issueSend(world: World, check: Invariants, client: Client, message: Message, retry = false): void {
  const fair = fairFor(world, client, message);
  const op = world.op;
  follow(world, client.chat.sendMessage(message)).then(
    ({ data }) => {
      check.onSent(client, message.ID, data.message, data.readReceiptCode);
      if (data.message.needReadReceipt) keepLast(client.sent, data.message, 200);
    },
    (error) => {
      if (isTransientError(error)) {
        client.failed.push(message);
      } else if (error?.code === ERROR_CODE.PERMISSION_DENIED && fair()) {
        // Sent to a group the sender had left by then: the refusal is the right answer.
      } else if (world.squatted.has(message.ID)) {
        check.report(KIND.squatted, `${client.userID}'s send of ${message.ID}: ${String(error)}`, op);
      } else if (retry) {
        const landed = world.records.has(message.ID)
          ? 'the server had stored it'
          : 'the server never stored it';
        check.report(
          KIND.retryRefused,
          `${client.userID}'s retry of ${message.ID} (${landed}): ${String(error)}`,
          op,
        );
      } else {
        check.callFailed(`${client.userID}'s send of ${message.ID}`, error, fair);
      }
    },
  );
}

/** A badge on screen for an own message: the receipt store is watched for it while it is among the latest. */
function watch(check: Invariants, client: Client, message: Message): void {
  const ID = message.ID;
  client.watched.set(
    ID,
    client.store.subscribe(ID, () => check.observeStore(client, ID)),
  );
  client.store.track(message);
  if (client.watched.size > WATCHED) {
    const [oldest, stop] = client.watched.entries().next().value!;
    stop();
    client.watched.delete(oldest);
  }
}

/** A reader acknowledges a few of the latest messages of one conversation, or resends a batch the network lost. */
export function readReceipts(world: World, check: Invariants, client: Client): void {
  const { random } = world;
  const retry = client.unsentReceipts.shift();
  if (retry && random.chance(0.5)) {
    countOperation(world, 'receipt retry');
    issueReceipts(world, check, client, retry);
    return;
  }
  if (retry) client.unsentReceipts.push(retry);
  const conversations = [...client.received.values()].filter((list) => list.length > 0);
  if (conversations.length === 0) return;
  countOperation(world, 'receipt');
  const recent = pick(random, conversations).slice(-12);
  const chosen = new Set(Array.from({ length: random.int(1, 5) }, () => pick(random, recent)));
  issueReceipts(world, check, client, [...chosen]);
}

function issueReceipts(world: World, check: Invariants, client: Client, list: Message[]): void {
  const ids = list.map((message) => message.ID);
  const fair = fairFor(world, client, list[0]!);
  const op = world.op;
  check.receipts.issued(client.userID, ids);
  follow(world, client.chat.sendMessageReadReceipt(list)).then(
    () => check.receipts.resolved(client.userID, ids),
    (error) => {
      if (isTransientError(error)) {
        keepLast(client.unsentReceipts, list, 20);
        return;
      }
      check.receipts.refused(client.userID, ids);
      check.callFailed(`${client.userID}'s receipts for ${ids.join(',')} (op ${op})`, error, fair);
    },
  );
}

/** A sender pulls the counts of some of its latest messages of one conversation (R6). */
export function pull(world: World, check: Invariants, client: Client): void {
  const recent = client.sent.slice(-50);
  if (recent.length === 0) return;
  countOperation(world, 'pull');
  const { conversationID } = pick(world.random, recent);
  const list = recent.filter((message) => message.conversationID === conversationID).slice(-10);
  const fair = fairFor(world, client, list[0]!);
  world.counters.explicitPulls += 1;
  follow(world, client.chat.getMessageReadReceiptList(list)).then(
    ({ data }) => {
      for (const message of data.messageList) check.observeMessage(client, message, 'answer');
    },
    (error) => check.callFailed(`${client.userID}'s pull of ${conversationID}`, error, fair),
  );
}

/** A page of history, newest first: what a user scrolling a conversation loads. */
export function history(world: World, check: Invariants, client: Client): void {
  const { random } = world;
  const groups = groupsOf(world, client.userID);
  const conversationID =
    groups.length > 0 && random.chance(0.6)
      ? `GROUP${pick(random, groups)}`
      : `C2C${pick(
          random,
          USERS.filter((user) => user !== client.userID),
        )}`;
  countOperation(world, 'history');
  const groupID = conversationID.startsWith('GROUP') ? conversationID.slice(5) : null;
  const fair = groupID ? membershipGuard(world, groupID, client.userID) : () => false;
  follow(world, client.chat.getMessageList({ conversationID })).then(
    ({ data }) => {
      for (const message of data.messageList) {
        if (message.from === client.userID) check.observeMessage(client, message, 'answer');
        else keepReceived(client, message);
      }
    },
    (error) => check.callFailed(`${client.userID}'s history of ${conversationID}`, error, fair),
  );
}

export function markRead(world: World, check: Invariants, client: Client): void {
  const conversations = [...client.received.keys()];
  if (conversations.length === 0) return;
  countOperation(world, 'mark read');
  const conversationID = pick(world.random, conversations);
  const groupID = conversationID.startsWith('GROUP') ? conversationID.slice(5) : null;
  const fair = groupID ? membershipGuard(world, groupID, client.userID) : () => false;
  follow(world, client.chat.setMessageRead({ conversationID })).then(ignore, (error) =>
    check.callFailed(`${client.userID} marking ${conversationID} read`, error, fair),
  );
}

/** The connection goes away for a while; pushes sent meanwhile are lost. */
export function outage(world: World, client: Client): void {
  if (client.transport.state !== TYPES.NET_STATE_CONNECTED) return;
  countOperation(world, 'outage');
  client.transport.disconnect();
  setTimeout(() => client.transport.reconnect().catch(ignore), world.random.int(50, 1_500));
}

/** Someone joins or leaves a group; `all` crosses the receipt size limit this way (R8). */
export function membership(world: World): void {
  const { random } = world;
  const { groupID } = pick(random, GROUPS);
  const userID = pick(random, USERS);
  if (isMember(world, groupID, userID)) {
    if (world.members.get(groupID)!.size <= MIN_MEMBERS) return;
    countOperation(world, 'leave');
    setMembership(world, groupID, userID, false);
  } else {
    countOperation(world, 'join');
    setMembership(world, groupID, userID, true);
  }
}
