import { type Requests, TYPES, type WireMessage } from '../core/index';
import { resolveConversation } from './access';
import { type Conversation, type Group, pushTo, type ServerState, type StoredMessage } from './serverState';

export function setMessageRead(
  state: ServerState,
  userID: string,
  conversationID: string,
): Record<string, never> {
  const key = resolveConversation(state, userID, conversationID, 'options.conversationID');
  const messages = state.conversations.get(key)?.messages ?? [];
  const readKey = `${userID}\n${key}`;
  const last = messages.length;
  if ((state.lastRead.get(readKey) ?? 0) >= last) return {};
  state.lastRead.set(readKey, last);
  if (conversationID.startsWith(TYPES.CONV_C2C)) {
    const peer = conversationID.slice(TYPES.CONV_C2C.length);
    pushTo(state, peer, { type: 'peerRead', userID, sequence: last });
  }
  return {};
}

export function getConversationList(
  state: ServerState,
  userID: string,
): Requests['getConversationList']['result'] {
  const list: Requests['getConversationList']['result']['conversationList'] = [];
  const describe = (conversationID: string, type: 'C2C' | 'GROUP', key: string) => {
    const messages = state.conversations.get(key)?.messages ?? [];
    const lastRead = state.lastRead.get(`${userID}\n${key}`) ?? 0;
    let unreadCount = 0;
    for (let i = lastRead; i < messages.length; i++) if (messages[i]!.wire.from !== userID) unreadCount += 1;
    const last = messages[messages.length - 1];
    list.push({
      conversationID,
      type,
      unreadCount,
      lastMessage: last ? wireFor(state, userID, last) : null,
    });
  };
  for (const group of state.groups.values()) {
    if (group.roster.has(userID)) describe(`GROUP${group.groupID}`, 'GROUP', `GROUP${group.groupID}`);
  }
  for (const key of state.peerConversations.get(userID) ?? []) {
    const [a, b] = JSON.parse(key.slice(3)) as [string, string];
    describe(`C2C${a === userID ? b : a}`, 'C2C', key);
  }
  return { conversationList: list };
}

/** The conversation stored under `key`, created empty on first use. */
export function conversationOf(state: ServerState, key: string, group: Group | null): Conversation {
  let conversation = state.conversations.get(key);
  if (!conversation) {
    conversation = { messages: [], group };
    state.conversations.set(key, conversation);
  }
  return conversation;
}

export function trackPeerConversation(state: ServerState, a: string, b: string, key: string): void {
  for (const user of [a, b]) {
    const set = state.peerConversations.get(user) ?? new Set();
    set.add(key);
    state.peerConversations.set(user, set);
  }
}

/** A message as `userID` sees it: one-to-one senders also learn whether the peer marked it read. */
export function wireFor(state: ServerState, userID: string, stored: StoredMessage): WireMessage {
  if (stored.wire.conversationType !== TYPES.CONV_C2C || stored.wire.from !== userID) return stored.wire;
  return { ...stored.wire, isPeerRead: isMarkedRead(state, stored) };
}

export function isMarkedRead(state: ServerState, stored: StoredMessage): boolean {
  return (state.lastRead.get(`${stored.wire.to}\n${stored.key}`) ?? 0) >= stored.wire.sequence;
}
