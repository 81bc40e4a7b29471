/**
 * The hostile calls a tampered client makes: forged cursors, calls on other users' messages and on groups the
 * caller is not in, another user's identity taken after connecting, another client's next message ID taken first.
 * Each names the code it must be refused with (none for the squatted ID, which the server may take as the
 * attacker's own); malformed requests are in `malformedCalls.ts`.
 */
import { ERROR_CODE, type Message, TYPES } from 'readby';
import { hashString } from 'readby/mock';
import {
  type Client,
  GROUPS,
  groupsOf,
  isMember,
  type MessageRecord,
  pick,
  USERS,
  type World,
} from './world';

export interface HostileCall {
  /** The family of the attack, named after the rule it breaks: the violation kinds carry it. */
  family: string;
  /** The code it must be refused with; null when it may go through. */
  expected: number | null;
  method?: string;
  params?: unknown;
  /** A call through the attacker's own client instead of the wire. */
  viaClient?: () => Promise<unknown>;
  /** The identity the attacker's connection takes after it connected. */
  as?: string;
  /** A message whose receipt state must not change. */
  target?: MessageRecord;
}

/** The families of hostile calls, each named after the rule that forbids it: violation kinds start with these. */
export const HOSTILE = {
  cursor: 'R7 forged member-list cursor',
  pullOthers: "R6 pull of another user's message",
  listOthers: "R7 member list of another user's message",
  receiptOutside: 'R3.3 receipt from outside the conversation',
  notMember: 'R10 a group the caller is not in',
  missingGroup: 'R10 a group that does not exist',
  wire: '§1.6 malformed request',
  content: '§1.3 malformed message content',
  client: '§1.6 bad arguments to the client',
  identity: 'R10 identity taken after connect',
  squat: "R10 another client's next message ID",
} as const;

/** Strings no server would issue as cursors. */
const PROBE_GARBAGE = ['x', '0.1', '1.0.0.0', '0.zz.abc', ' ', '{"position":1}'];

/** What anyone who reads readby/mock's source can compute: the signature has no secret in it. */
function forgeCursor(messageID: string, filter: 0 | 1, position: number): string {
  const body = `${filter}.${position.toString(36)}`;
  return `${body}.${hashString(`${messageID}#${body}`).toString(36)}`;
}

/** A draft as a tampered client puts it on the wire: without receipts, so that one stored wrongly asks nothing of readers. */
export function draft(
  ID: string,
  to: string,
  payload: unknown,
  type: string = TYPES.MSG_TEXT,
  conversationType = 'GROUP',
) {
  return { message: { ID, type, payload, conversationType, to, needReadReceipt: false } };
}

/** Makes a hostile call for `attacker` from the world as it is, or null when none of its kind fits now. */
export type Builder = (world: World, attacker: Client) => HostileCall | null;

export const ownGroupMessage = (world: World, attacker: Client): Message | undefined => {
  const own = attacker.sent.filter(
    (m) => m.conversationType === 'GROUP' && isMember(world, m.to, attacker.userID),
  );
  return own.length > 0 ? pick(world.random, own) : undefined;
};

export const receivedMessage = (world: World, attacker: Client): Message | undefined => {
  const all = [...attacker.received.values()].flat();
  return all.length > 0 ? pick(world.random, all) : undefined;
};

const strangerGroup = (world: World, userID: string): string | undefined => {
  const outside = GROUPS.map(({ groupID }) => groupID).filter((groupID) => !isMember(world, groupID, userID));
  return outside.length > 0 ? pick(world.random, outside) : undefined;
};

/** Calls that break a rule of access or identity. */
export const HOSTILE_CALLS: Builder[] = [
  (world, attacker) => {
    const message = ownGroupMessage(world, attacker);
    if (!message) return null;
    const filter = world.random.chance(0.5) ? 0 : 1;
    const replay = world.issuedCursors.find((issued) => issued.messageID !== message.ID);
    const roll = world.random.int(0, 2);
    const cursor =
      roll === 0
        ? forgeCursor(message.ID, filter, 0)
        : roll === 1 && replay
          ? replay.cursor
          : pick(world.random, PROBE_GARBAGE);
    const params = {
      messageID: message.ID,
      filter: roll === 1 && replay ? replay.filter : filter,
      cursor,
      count: 10,
    };
    return {
      family: HOSTILE.cursor,
      expected: ERROR_CODE.INVALID_PARAMETER,
      method: 'getGroupMessageReadMemberList',
      params,
    };
  },
  (world, attacker) => {
    const message = receivedMessage(world, attacker);
    if (!message) return null;
    const params = { messageIDs: [message.ID] };
    return {
      family: HOSTILE.pullOthers,
      expected: ERROR_CODE.PERMISSION_DENIED,
      method: 'getMessageReadReceiptList',
      params,
    };
  },
  (world, attacker) => {
    const message = receivedMessage(world, attacker);
    if (message?.conversationType !== 'GROUP') return null;
    if (world.memberListAccess === 'members' && isMember(world, message.to, attacker.userID)) return null;
    const params = { messageID: message.ID, filter: 0, cursor: '', count: 10 };
    return {
      family: HOSTILE.listOthers,
      expected: ERROR_CODE.PERMISSION_DENIED,
      method: 'getGroupMessageReadMemberList',
      params,
    };
  },
  (world, attacker) => {
    const groupID = strangerGroup(world, attacker.userID);
    const inGroup = groupID ? world.recentByGroup.get(groupID)! : [];
    const between = world.recentPeer.filter((ID) => {
      const record = world.records.get(ID);
      return record && record.from !== attacker.userID && record.to !== attacker.userID;
    });
    const candidates = world.random.chance(0.5) && inGroup.length > 0 ? inGroup : between;
    if (candidates.length === 0) return null;
    const target = world.records.get(pick(world.random, candidates));
    if (!target) return null;
    const params = { messageIDs: [target.ID] };
    return {
      family: HOSTILE.receiptOutside,
      expected: ERROR_CODE.PERMISSION_DENIED,
      method: 'sendMessageReadReceipt',
      params,
      target,
    };
  },
  (world, attacker) => {
    const missing = world.random.chance(0.25);
    const groupID = missing ? 'nowhere' : strangerGroup(world, attacker.userID);
    if (!groupID) return null;
    const conversationID = `GROUP${groupID}`;
    const calls: [string, unknown][] = [
      ['getMessageList', { conversationID, nextReqMessageID: '', count: 15 }],
      ['sendMessage', draft(`hostile-${world.op}`, groupID, { text: 'let me in' })],
      ['setMessageRead', { conversationID }],
    ];
    const [method, params] = pick(world.random, missing ? calls.slice(0, 2) : calls);
    const expected = missing ? ERROR_CODE.GROUP_NOT_FOUND : ERROR_CODE.PERMISSION_DENIED;
    return { family: missing ? HOSTILE.missingGroup : HOSTILE.notMember, expected, method, params };
  },
  (world, attacker) => {
    const victim = pick(
      world.random,
      USERS.filter((user) => user !== attacker.userID),
    );
    // The victim's receipt on a message the attacker may not read; or a pull of the victim's own message.
    const groupID = GROUPS.map((g) => g.groupID).find(
      (g) => isMember(world, g, victim) && !isMember(world, g, attacker.userID),
    );
    const unread = (groupID ? world.recentByGroup.get(groupID)! : [])
      .map((ID) => world.records.get(ID)!)
      .filter((r) => r.from !== victim && r.recipients.has(victim));
    if (unread.length > 0 && world.random.chance(0.7)) {
      const target = pick(world.random, unread);
      world.spoofedReceipts.add(`${target.ID} ${victim}`);
      const params = { messageIDs: [target.ID] };
      return {
        family: HOSTILE.identity,
        expected: ERROR_CODE.PERMISSION_DENIED,
        method: 'sendMessageReadReceipt',
        params,
        as: victim,
        target,
      };
    }
    const sent = world.byUser.get(victim)!.sent;
    if (sent.length === 0) return null;
    const params = { messageIDs: [pick(world.random, sent).ID] };
    return {
      family: HOSTILE.identity,
      expected: ERROR_CODE.PERMISSION_DENIED,
      method: 'getMessageReadReceiptList',
      params,
      as: victim,
    };
  },
  (world, attacker) => {
    const victim = world.byUser.get(
      pick(
        world.random,
        USERS.filter((user) => user !== attacker.userID),
      ),
    )!;
    const groups = groupsOf(world, attacker.userID);
    const ID = `${victim.transport.clientID}-${victim.drafts + world.random.int(1, 2)}`;
    world.squatted.add(ID);
    const params =
      groups.length > 0
        ? draft(ID, pick(world.random, groups), { text: 'first' })
        : draft(ID, victim.userID, { text: 'first' }, TYPES.MSG_TEXT, 'C2C');
    return { family: HOSTILE.squat, expected: null, method: 'sendMessage', params };
  },
];
