import { MAX_MEMBER_PAGE, type NetState, TYPES } from './constants';
import { ERROR_CODE, ReadByError } from './errors';
import { conversationIDOf } from './message';
import {
  PUSH_TYPES,
  type RequestName,
  type Requests,
  type ServerPush,
  type WireMessage,
  type WireReceipt,
} from './protocol';
import type { ConversationType, Message, ReadMemberPage, ReceiptItem } from './types';
import { isObject } from './validate';

// The shapes of what crosses the transport, as small checks that throw INVALID_RESPONSE naming the path of the
// first bad value and what was expected there, as INVALID_PARAMETER does for a caller's input.

type Check = (value: unknown, at: string) => void;

function refuse(at: string, expected: string): never {
  throw new ReadByError(ERROR_CODE.INVALID_RESPONSE, `${at}: expected ${expected}`);
}

const is =
  (test: (value: unknown) => boolean, expected: string): Check =>
  (value, at) => {
    if (!test(value)) refuse(at, expected);
  };
// Safe integers only: beyond 2^53 a count no longer counts, and a push number no longer tells a gap.
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const text = is((value) => typeof value === 'string', 'a string');
const id = is((value) => typeof value === 'string' && value !== '', 'a non-empty string');
const flag = is((value) => typeof value === 'boolean', 'a boolean');
const count = is(isCount, 'a whole number ≥ 0');
const oneOf = (...values: unknown[]): Check =>
  is((value) => values.includes(value), values.map((value) => JSON.stringify(value)).join(' or '));
const optional =
  (check: Check): Check =>
  (value, at) =>
    value === undefined || check(value, at);
/** Runs `check` on each item of a list, at the item's path. */
function each<T>(items: readonly T[], at: string, check: (item: T, at: string) => void): void {
  for (const [index, item] of items.entries()) check(item, `${at}[${index}]`);
}
const list =
  (check: Check): Check =>
  (value, at) => {
    if (!Array.isArray(value)) refuse(at, 'an array');
    each(value, at, check);
  };
const fields =
  (checks: Record<string, Check>): Check =>
  (value, at) => {
    if (!isObject(value)) refuse(at, 'an object');
    for (const key in checks) checks[key]!(value[key], `${at}.${key}`);
  };
/** Group receipts are told from one-to-one ones by their counts. */
const byCounts =
  (group: Check, peer: Check): Check =>
  (value, at) =>
    (isObject(value) && 'readCount' in value ? group : peer)(value, at);

const object = fields({});
const conversationType = oneOf(TYPES.CONV_C2C, TYPES.CONV_GROUP);
// A pulled receipt: the engine reads the message ID and the counts or read state. `markedRead` is required: it is
// how a resync makes up for a lost `peerRead` push (R9), and a server that left it out would leave that unseen.
const receipt = byCounts(
  fields({ messageID: id, readCount: count, unreadCount: count }),
  fields({ messageID: id, isPeerRead: flag, timestamp: count, markedRead: flag }),
);
// A pushed item. A one-to-one push tells only of a read (R5), and the engine applies it as one; an item that says
// the peer has not read is refused rather than taken as read, and the gap it leaves pulls the true state.
const receiptItem = byCounts(
  fields({ groupID: id, messageID: id, readCount: count, unreadCount: count }),
  fields({ userID: id, messageID: id, isPeerRead: oneOf(true), timestamp: count }),
);
const message = fields({
  ID: id,
  type: oneOf(TYPES.MSG_TEXT, TYPES.MSG_CUSTOM),
  // Content is copied field by field where it is used; a strange payload is no reason to refuse a history page.
  payload: object,
  conversationType,
  to: id,
  from: id,
  time: count,
  sequence: is((value) => isCount(value) && value > 0, 'a whole number ≥ 1'),
  needReadReceipt: flag,
  readReceipt: optional(receipt),
  isPeerRead: optional(flag),
});
const pushes: Record<ServerPush['type'], Check> = {
  message: fields({ message }),
  receipts: fields({ items: list(receiptItem) }),
  peerRead: fields({ userID: id, sequence: count }),
  sync: object,
};
const pushHead = fields({ type: oneOf(...PUSH_TYPES), seq: optional(count) });
const netState = oneOf(TYPES.NET_STATE_CONNECTED, TYPES.NET_STATE_CONNECTING, TYPES.NET_STATE_DISCONNECTED);
const answers: Record<RequestName, Check> = {
  sendMessage: fields({ message, readReceiptCode: optional(count) }),
  getMessageList: fields({ messageList: list(message), nextReqMessageID: text, isCompleted: flag }),
  sendMessageReadReceipt: object,
  getMessageReadReceiptList: fields({ receipts: list(receipt) }),
  getGroupMessageReadMemberList: fields({
    messageID: id,
    cursor: text,
    isCompleted: flag,
    readUserIDList: list(id),
    unreadUserIDList: list(id),
  }),
  setMessageRead: object,
  getConversationList: fields({
    conversationList: list(
      fields({
        conversationID: id,
        type: conversationType,
        unreadCount: count,
        lastMessage: (value, at) => value === null || message(value, at),
      }),
    ),
  }),
};

/**
 * A chat's guard at its transport: every push, connection state and answer is checked before anything is taken
 * from it. First its shape; then that it fits what was asked and what the server said before: a message is one of
 * the user's conversations and keeps its sender and conversation (so no message can take over a draft's ID), and
 * a group message keeps its number of recipients, fixed at the send (R1), so counts stay possible (R2). Whatever
 * fails is refused whole with INVALID_RESPONSE, naming where and what was expected.
 */
export interface WireCheck {
  push(value: unknown): ServerPush;
  state(value: unknown): NetState;
  answer<K extends RequestName>(
    method: K,
    params: Requests[K]['params'],
    value: unknown,
  ): Requests[K]['result'];
}

/** The wire check of `userID`'s chat; `known` gives the latest snapshot the chat holds of a message. */
export function createWireCheck(userID: string, known: (ID: string) => Message | undefined): WireCheck {
  /** A message of one of the user's conversations (of `conversationID` when given), as described before. */
  const fitMessage = (wire: WireMessage, at: string, conversationID?: string): void => {
    const before = known(wire.ID);
    if (before && before.from !== wire.from) refuse(`${at}.from`, `'${before.from}', as before`);
    if (wire.conversationType === TYPES.CONV_C2C && wire.from !== userID && wire.to !== userID) {
      refuse(`${at}.to`, `'${userID}'`);
    }
    const inConversation = conversationIDOf(wire, userID);
    const expected = before?.conversationID ?? conversationID ?? inConversation;
    if (inConversation !== expected)
      refuse(`${at}.to`, `a message of ${expected}${before ? ', as before' : ''}`);
    if (wire.readReceipt) fitReceipt(wire.readReceipt, `${at}.readReceipt`, wire.conversationType);
  };

  /**
   * A receipt of the right kind for its message, adding up to the number of recipients once that is known.
   * Returns the message as the engine holds it, if it does, for checks that go further.
   */
  const fitReceipt = (
    receipt: WireReceipt | ReceiptItem,
    at: string,
    kind?: ConversationType,
  ): Message | undefined => {
    const before = known(receipt.messageID);
    const of = kind ?? before?.conversationType;
    if (of === undefined) return before;
    const group = 'readCount' in receipt;
    if (group !== (of === TYPES.CONV_GROUP)) refuse(at, `the receipt of a ${of} message`);
    const { readCount, unreadCount } = before?.readReceiptInfo ?? {};
    if (!group || readCount === undefined || unreadCount === undefined) return before;
    const total = readCount + unreadCount;
    if (receipt.readCount + receipt.unreadCount !== total)
      refuse(at, `readCount + unreadCount = ${total}, as before`);
    return before;
  };

  /**
   * A pushed item, which also names its message's conversation: the group, or the peer who read (R5). One that
   * names another conversation than the one the engine holds its message in cannot be about that message, so it
   * is refused, as a message that changes its conversation is.
   */
  const fitItem = (item: ReceiptItem, at: string): void => {
    // One lookup of the message per pushed item: a burst of pushes passes through here.
    const before = fitReceipt(item, at);
    if (!before) return;
    const [key, prefix, named, of] =
      'readCount' in item
        ? (['groupID', TYPES.CONV_GROUP, item.groupID, 'group'] as const)
        : (['userID', TYPES.CONV_C2C, item.userID, 'peer'] as const);
    if (before.conversationID !== `${prefix}${named}`)
      refuse(`${at}.${key}`, `'${before.conversationID.slice(prefix.length)}', the ${of} of its message`);
  };

  return {
    push(value) {
      pushHead(value, 'push');
      const push = value as ServerPush;
      pushes[push.type](push, 'push');
      if (push.type === 'message') fitMessage(push.message, 'push.message');
      if (push.type === 'receipts') each(push.items, 'push.items', fitItem);
      return push;
    },
    state(value) {
      netState(value, 'state');
      return value as NetState;
    },
    answer(method, params, value) {
      const at = `${method} answer`;
      answers[method](value, at);
      const answer = value as Requests['sendMessage']['result'] &
        Requests['getMessageList']['result'] &
        Requests['getMessageReadReceiptList']['result'] &
        Requests['getConversationList']['result'];
      if (method === 'sendMessage') {
        const { ID } = (params as Requests['sendMessage']['params']).message;
        if (answer.message.ID !== ID) refuse(`${at}.message.ID`, `'${ID}'`);
        fitMessage(answer.message, `${at}.message`);
      } else if (method === 'getMessageList') {
        const { conversationID } = params as Requests['getMessageList']['params'];
        each(answer.messageList, `${at}.messageList`, (wire, where) =>
          fitMessage(wire, where, conversationID),
        );
      } else if (method === 'getConversationList') {
        each(answer.conversationList, `${at}.conversationList`, ({ conversationID, lastMessage }, where) => {
          if (lastMessage) fitMessage(lastMessage, `${where}.lastMessage`, conversationID);
        });
      } else if (method === 'getMessageReadReceiptList') {
        const { messageIDs } = params as Requests['getMessageReadReceiptList']['params'];
        each(answer.receipts, `${at}.receipts`, (receipt, where) => {
          if (!messageIDs.includes(receipt.messageID)) refuse(`${where}.messageID`, 'an ID asked about');
          fitReceipt(receipt, where);
        });
      } else if (method === 'getGroupMessageReadMemberList') {
        const { messageID, filter, count } = params as Requests['getGroupMessageReadMemberList']['params'];
        const page = value as ReadMemberPage;
        if (page.messageID !== messageID) refuse(`${at}.messageID`, `'${messageID}'`);
        // R7: a page lists the members of its filter only, no more than asked, and has a cursor exactly when
        // more is to come; a page that breaks this would lose or repeat members as the caller pages on.
        const [listed, other] =
          filter === 0
            ? (['readUserIDList', 'unreadUserIDList'] as const)
            : (['unreadUserIDList', 'readUserIDList'] as const);
        if (page[other].length > 0) refuse(`${at}.${other}`, `[] for filter ${filter}`);
        const most = Math.min(count, MAX_MEMBER_PAGE);
        if (page[listed].length > most)
          refuse(`${at}.${listed}`, `at most ${most} ${most === 1 ? 'ID' : 'IDs'}, the count asked for`);
        if (page.isCompleted && page.cursor !== '') refuse(`${at}.cursor`, `'', as isCompleted is true`);
        if (!page.isCompleted && page.cursor === '')
          refuse(`${at}.cursor`, 'the cursor of the next page, as isCompleted is false');
      }
      return value as never;
    },
  };
}
