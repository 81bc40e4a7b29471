import { ERROR_CODE, invalidParameter, ReadByError, TYPES } from '../core/index';
import { findGroup, peerKey, type ServerState, type StoredMessage } from './serverState';

export function denied(why: string): ReadByError {
  return new ReadByError(ERROR_CODE.PERMISSION_DENIED, `permission denied: ${why}`);
}

/** The server key of a conversation ID as `userID` names it, after checking they may see it (R10). */
export function resolveConversation(
  state: ServerState,
  userID: string,
  conversationID: string,
  parameter: string,
): string {
  if (typeof conversationID !== 'string') throw invalidParameter(parameter, 'a conversation ID');
  if (conversationID.startsWith(TYPES.CONV_GROUP) && conversationID.length > TYPES.CONV_GROUP.length) {
    const groupID = conversationID.slice(TYPES.CONV_GROUP.length);
    if (!findGroup(state, groupID).roster.has(userID))
      throw denied(`${userID} is not a member of group ${groupID}`);
    return conversationID;
  }
  if (conversationID.startsWith(TYPES.CONV_C2C) && conversationID.length > TYPES.CONV_C2C.length) {
    const peer = conversationID.slice(TYPES.CONV_C2C.length);
    if (peer === userID) throw invalidParameter(parameter, 'a conversation with another user');
    return peerKey(userID, peer);
  }
  throw invalidParameter(parameter, "a conversation ID such as 'C2Cuser1' or 'GROUPgroup1'");
}

/**
 * The stored messages for a list of IDs: at most `limit`, all known (10062), all of one conversation. A missing
 * message is reported before a mixed list, wherever it stands in it.
 */
export function lookUpMessages(state: ServerState, messageIDs: string[], limit: number): StoredMessage[] {
  if (!Array.isArray(messageIDs) || messageIDs.length === 0) {
    throw invalidParameter('messageList', 'a non-empty array of messages');
  }
  if (messageIDs.length > limit) {
    throw invalidParameter('messageList', `at most ${limit} messages in one call, got ${messageIDs.length}`);
  }
  const list: StoredMessage[] = [];
  let previous: StoredMessage | undefined;
  let mixed = false;
  for (const id of messageIDs) {
    // Lists are mostly runs of consecutive messages (a reader acknowledges what scrolled past): the message after
    // the previous one is compared before the ID is looked up among every message of the server.
    let stored = previous?.conversation.messages[previous.wire.sequence];
    if (stored?.wire.ID !== id) {
      stored = typeof id === 'string' ? state.messages.get(id) : undefined;
      if (!stored) {
        throw new ReadByError(
          ERROR_CODE.READ_RECEIPT_NOT_FOUND,
          `message ${String(id)} does not exist on the server`,
        );
      }
      if (previous && stored.conversation !== previous.conversation) mixed = true;
    }
    list.push(stored);
    previous = stored;
  }
  if (mixed) throw invalidParameter('messageList', 'messages of one conversation');
  return list;
}

/**
 * The caller must be a member of the message's group, or a party to its one-to-one conversation (R3.3, R10). The
 * verdict depends on the conversation only, so one message answers for a list of one conversation.
 */
export function assertMayRead(state: ServerState, userID: string, stored: StoredMessage): void {
  if (stored.wire.conversationType === TYPES.CONV_GROUP) {
    if (!findGroup(state, stored.wire.to).roster.has(userID)) {
      throw denied(`${userID} is not a member of group ${stored.wire.to}`);
    }
  } else if (stored.wire.to !== userID && stored.wire.from !== userID) {
    throw denied(`${userID} is not a party to the conversation of message ${stored.wire.ID}`);
  }
}
