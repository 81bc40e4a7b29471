import {
  ERROR_CODE,
  invalidParameter,
  MAX_MESSAGE_PAGE,
  type Requests,
  type ServerPush,
  TYPES,
  type WireDraft,
  type WireMessage,
} from '../core/index';
import { denied, resolveConversation } from './access';
import { conversationOf, trackPeerConversation, wireFor } from './conversations';
import { ReadState } from './readState';
import { receiptOf } from './receipts';
import {
  findGroup,
  peerKey,
  pushTo,
  type ServerConnection,
  type ServerState,
  type StoredMessage,
} from './serverState';

export function sendMessage(
  state: ServerState,
  userID: string,
  draft: WireDraft,
  from?: ServerConnection,
): Requests['sendMessage']['result'] {
  if (typeof draft !== 'object' || draft === null) throw invalidParameter('message', 'a message');
  if (typeof draft.ID !== 'string' || draft.ID === '')
    throw invalidParameter('message.ID', 'a non-empty string');
  const existing = state.messages.get(draft.ID);
  if (existing) {
    // A retried send: the same answer again, nothing stored twice.
    if (existing.wire.from !== userID)
      throw invalidParameter('message.ID', 'an ID not used by another message');
    return sendResult(state, existing);
  }
  if (draft.type !== TYPES.MSG_TEXT && draft.type !== TYPES.MSG_CUSTOM) {
    throw invalidParameter('message.type', `'${TYPES.MSG_TEXT}' or '${TYPES.MSG_CUSTOM}'`);
  }
  if (typeof draft.to !== 'string' || draft.to === '')
    throw invalidParameter('message.to', 'a non-empty string');
  if (typeof draft.payload !== 'object' || draft.payload === null)
    throw invalidParameter('message.payload', 'an object');
  let key: string;
  let receipts: StoredMessage['receipts'] = null;
  let readReceiptCode: number | undefined;
  let needReadReceipt = draft.needReadReceipt === true;
  state.tick += 1;
  if (draft.conversationType === TYPES.CONV_GROUP) {
    const group = findGroup(state, draft.to);
    const senderSlot = group.roster.activeSlot(userID);
    if (senderSlot === undefined) throw denied(`${userID} is not a member of group ${draft.to}`);
    key = `GROUP${draft.to}`;
    if (needReadReceipt) {
      const size = group.roster.size;
      if (
        state.options.readReceiptGroupTypes.includes(group.type) &&
        size <= state.options.maxReceiptGroupSize
      ) {
        receipts = {
          kind: 'group',
          rosterLength: group.roster.users.length,
          tick: state.tick,
          senderSlot,
          recipientCount: size - 1,
          read: new ReadState(group.roster.users.length),
        };
      } else {
        needReadReceipt = false;
        readReceiptCode = ERROR_CODE.READ_RECEIPT_NOT_SUPPORTED;
      }
    }
  } else if (draft.conversationType === TYPES.CONV_C2C) {
    if (draft.to === userID) throw invalidParameter('message.to', 'a user other than yourself');
    key = peerKey(userID, draft.to);
    state.users.add(draft.to);
    trackPeerConversation(state, userID, draft.to, key);
    if (needReadReceipt) receipts = { kind: 'peer', readAt: 0 };
  } else {
    throw invalidParameter('message.conversationType', `'${TYPES.CONV_C2C}' or '${TYPES.CONV_GROUP}'`);
  }
  const conversation = conversationOf(state, key);
  const wire: WireMessage = {
    ID: draft.ID,
    type: draft.type,
    payload: draft.payload,
    conversationType: draft.conversationType,
    to: draft.to,
    from: userID,
    time: Math.floor(state.now() / 1000),
    sequence: conversation.messages.length + 1,
    needReadReceipt,
  };
  const stored: StoredMessage = { wire, key, receipts, readReceiptCode };
  conversation.messages.push(stored);
  state.messages.set(wire.ID, stored);

  const push: ServerPush = { type: 'message', message: wire };
  if (draft.conversationType === TYPES.CONV_GROUP) {
    const roster = state.groups.get(draft.to)!.roster;
    // Walk the connected users, not the members: a 100,000-member group costs what its online members cost.
    for (const [member] of state.connections) if (roster.has(member)) pushTo(state, member, push, from);
  } else {
    pushTo(state, draft.to, push);
    pushTo(state, userID, push, from);
  }
  for (const listener of state.messageListeners) listener(wire);
  return sendResult(state, stored);
}

function sendResult(state: ServerState, stored: StoredMessage): Requests['sendMessage']['result'] {
  const message: WireMessage = { ...stored.wire };
  const receipt = receiptOf(state, stored);
  if (receipt) message.readReceipt = receipt;
  return stored.readReceiptCode === undefined
    ? { message }
    : { message, readReceiptCode: stored.readReceiptCode };
}

export function getMessageList(
  state: ServerState,
  userID: string,
  params: Requests['getMessageList']['params'],
): Requests['getMessageList']['result'] {
  const key = resolveConversation(state, userID, params.conversationID, 'options.conversationID');
  const count = params.count ?? MAX_MESSAGE_PAGE;
  if (!Number.isInteger(count) || count < 1 || count > MAX_MESSAGE_PAGE) {
    throw invalidParameter('options.count', `a whole number from 1 to ${MAX_MESSAGE_PAGE}`);
  }
  const messages = state.conversations.get(key)?.messages ?? [];
  let end = messages.length;
  if (params.nextReqMessageID) {
    const stored = state.messages.get(params.nextReqMessageID);
    if (!stored || stored.key !== key) {
      throw invalidParameter(
        'options.nextReqMessageID',
        'the nextReqMessageID of an earlier page of this conversation',
      );
    }
    end = stored.wire.sequence - 1;
  }
  const start = Math.max(0, end - count);
  const page = messages.slice(start, end).map((stored) => wireFor(state, userID, stored));
  return { messageList: page, nextReqMessageID: page[0]?.ID ?? '', isCompleted: start === 0 };
}
