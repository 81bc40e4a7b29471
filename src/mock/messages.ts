import {
  ERROR_CODE,
  invalidParameter,
  MAX_MESSAGE_PAGE,
  type Requests,
  type ServerPush,
  TYPES,
  type WireMessage,
} from '../core/index';
import { denied, resolveConversation } from './access';
import { conversationOf, trackPeerConversation, wireFor } from './conversations';
import { readMessageDraft } from './messageDraft';
import { ownerOfMessageID } from './messageIDs';
import { ReadBlock } from './readBlock';
import { ReadState } from './readState';
import { receiptOf } from './receipts';
import {
  findGroup,
  type Group,
  peerKey,
  pushTo,
  type ServerConnection,
  type ServerState,
  type StoredMessage,
} from './serverState';

export function sendMessage(
  state: ServerState,
  userID: string,
  input: unknown,
  from?: ServerConnection,
): Requests['sendMessage']['result'] {
  const draft = readMessageDraft(input);
  const owner = ownerOfMessageID(draft.ID);
  if (owner !== null && owner !== userID) {
    throw invalidParameter('message.ID', `an ID of your own, but ${draft.ID} belongs to ${owner}`);
  }
  const existing = state.messages.get(draft.ID);
  if (existing) {
    // A retried send: the same answer again, nothing stored twice (R12).
    if (existing.wire.from !== userID)
      throw invalidParameter('message.ID', 'an ID not used by another message');
    return sendResult(state, existing);
  }
  let group: Group | undefined;
  let senderSlot = -1;
  if (draft.conversationType === TYPES.CONV_GROUP) {
    group = findGroup(state, draft.to);
    senderSlot = group.roster.activeSlot(userID) ?? -1;
    if (senderSlot === -1) throw denied(`${userID} is not a member of group ${draft.to}`);
  } else if (draft.to === userID) {
    throw invalidParameter('message.to', 'a user other than yourself');
  }
  // Every check has passed and nothing below throws: a refused send changes nothing, not even the tick.
  state.tick += 1;
  let key: string;
  let receipts: StoredMessage['receipts'] = null;
  let readReceiptCode: number | undefined;
  let needReadReceipt = draft.needReadReceipt;
  if (group) {
    key = `GROUP${draft.to}`;
    if (needReadReceipt) {
      const { roster } = group;
      const size = roster.size;
      const slots = roster.users.length;
      if (
        state.options.readReceiptGroupTypes.includes(group.type) &&
        size <= state.options.maxReceiptGroupSize
      ) {
        receipts = {
          kind: 'group',
          rosterLength: slots,
          tick: state.tick,
          senderSlot,
          recipientCount: size - 1,
          read: new ReadState(
            readBlockFor(group, slots, state),
            slots,
            state.receiptArena,
            roster.absentAtSend(senderSlot),
          ),
          serial: state.messages.size + 1,
        };
      } else {
        needReadReceipt = false;
        readReceiptCode = ERROR_CODE.READ_RECEIPT_NOT_SUPPORTED;
      }
    }
  } else {
    key = peerKey(userID, draft.to);
    state.users.add(draft.to);
    trackPeerConversation(state, userID, draft.to, key);
    if (needReadReceipt) receipts = { kind: 'peer', readAt: null };
  }
  const conversation = conversationOf(state, key, group ?? null);
  // Frozen, payload too: the stored message is handed to listeners and direct callers as it is, and none of them
  // may change what the server holds.
  Object.freeze(draft.payload);
  const wire: WireMessage = Object.freeze({
    ID: draft.ID,
    type: draft.type,
    payload: draft.payload,
    conversationType: draft.conversationType,
    to: draft.to,
    from: userID,
    time: Math.floor(state.now() / 1000),
    sequence: conversation.messages.length + 1,
    needReadReceipt,
  });
  const stored: StoredMessage = { wire, key, conversation, receipts, readReceiptCode };
  conversation.messages.push(stored);
  state.messages.set(wire.ID, stored);

  const push: ServerPush = { type: 'message', message: wire };
  if (group) {
    // Walk the connected users, not the members: a 100,000-member group costs what its online members cost.
    for (const [member] of state.connections) if (group.roster.has(member)) pushTo(state, member, push, from);
  } else {
    pushTo(state, draft.to, push);
    pushTo(state, userID, push, from);
  }
  for (const listener of state.messageListeners) notify(listener, wire);
  return sendResult(state, stored);
}

/** The group's block of read bits with a row for a message of `slots` roster slots: its current one, or a new one. */
function readBlockFor(group: Group, slots: number, state: ServerState): ReadBlock {
  if (!group.readBlock?.fits(slots)) group.readBlock = new ReadBlock(slots, state.receiptArena);
  return group.readBlock;
}

/**
 * A listener's failure is its own: the message is stored, the other listeners still hear of it, and the sender
 * gets its answer. The error is reported the way the platform reports an uncaught one, as the engine's emitter does.
 */
function notify(listener: (message: WireMessage) => void, message: WireMessage): void {
  try {
    listener(message);
  } catch (error) {
    const reportError = (globalThis as { reportError?: (error: unknown) => void }).reportError;
    if (typeof reportError === 'function') reportError(error);
    else console.error(error);
  }
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
