import type { ChatCore } from './chatCore';
import { EVENT, MAX_MESSAGE_PAGE, MAX_RECEIPT_BATCH, MAX_RECEIPT_QUERY } from './constants';
import { ERROR_CODE, invalidParameter, ReadByError, toReadByError } from './errors';
import { adoptMessage, hasKnownReaders, readersOf, withChanges } from './message';
import type {
  ChatResponse,
  Conversation,
  Message,
  MessageListPage,
  ReadMemberPage,
  SendMessageResult,
} from './types';
import {
  requireConversationID,
  requireMemberListOptions,
  requireMessage,
  requireMessageList,
  requireObject,
  requireString,
  requireWholeNumber,
} from './validate';

// The calls of `Chat`, which documents them and checks that it is not destroyed before handing them over.

type Empty = ChatResponse<Record<string, never>>;

export async function sendMessage(
  core: ChatCore,
  message: unknown,
): Promise<ChatResponse<SendMessageResult>> {
  const draft = requireMessage(message, 'message');
  const known = core.cache.get(draft.ID);
  if (known?.flow !== 'out') throw invalidParameter('message', 'a message created by this chat');
  const { ID, type, payload, conversationType, to, needReadReceipt } = known;
  // A send whose answer was lost may have landed, and history may show it sent since: sending it again asks the
  // server, which answers a repeated send with the message it stored (R12).
  if (known.status === 'success' && !core.cache.unanswered.has(ID)) {
    throw invalidParameter('message', 'a message not sent yet');
  }
  core.cache.unanswered.add(ID);
  try {
    const result = await core.requester.request('sendMessage', {
      message: { ID, type, payload, conversationType, to, needReadReceipt },
    });
    core.cache.unanswered.delete(ID);
    const sent = core.cache.setWire(result.message);
    // Announced before the promise settles, so that whoever holds only the draft sees the send end.
    core.emit(EVENT.MESSAGE_STATUS_CHANGED, [sent]);
    const data: SendMessageResult = { message: sent };
    if (result.readReceiptCode !== undefined) data.readReceiptCode = result.readReceiptCode;
    return { code: 0, data };
  } catch (reason) {
    const error = toReadByError(reason);
    if (error.code === ERROR_CODE.CHAT_DESTROYED) throw error;
    const current = core.cache.peek(ID) ?? known;
    // A message the server has shown stored stays sent, whatever became of this attempt.
    const failed = current.status === 'success' ? current : withChanges(current, { status: 'fail' });
    core.cache.set(failed);
    core.emit(EVENT.MESSAGE_STATUS_CHANGED, [failed]);
    throw new ReadByError(error.code, error.message, { message: failed });
  }
}

export async function getMessageList(
  core: ChatCore,
  options: unknown,
): Promise<ChatResponse<MessageListPage>> {
  const checked = requireObject(options, 'options');
  const conversationID = requireConversationID(checked.conversationID, 'options.conversationID');
  const nextReqMessageID =
    checked.nextReqMessageID === undefined || checked.nextReqMessageID === ''
      ? ''
      : requireString(checked.nextReqMessageID, 'options.nextReqMessageID');
  const count =
    checked.count === undefined
      ? MAX_MESSAGE_PAGE
      : requireWholeNumber(checked.count, 'options.count', 1, MAX_MESSAGE_PAGE);
  const result = await core.requester.request('getMessageList', { conversationID, nextReqMessageID, count });
  return {
    code: 0,
    data: {
      messageList: result.messageList.map((wire) => core.cache.setWire(wire)),
      nextReqMessageID: result.nextReqMessageID,
      isCompleted: result.isCompleted,
    },
  };
}

export async function sendMessageReadReceipt(core: ChatCore, messageList: unknown): Promise<Empty> {
  const list = requireMessageList(messageList, 'messageList', MAX_RECEIPT_BATCH);
  const messageIDs = latestIDs(core, list, (m) => m.from !== core.userID && m.needReadReceipt === true);
  if (messageIDs.length === 0) {
    throw new ReadByError(
      ERROR_CODE.READ_RECEIPT_MSG_LIST_EMPTY,
      'messageList: no message in it needs a read receipt from you',
    );
  }
  await core.requester.request('sendMessageReadReceipt', { messageIDs });
  adopt(core, list, new Set(messageIDs));
  return { code: 0, data: {} };
}

export async function getMessageReadReceiptList(
  core: ChatCore,
  messageList: unknown,
): Promise<ChatResponse<{ messageList: Message[] }>> {
  const list = requireMessageList(messageList, 'messageList', MAX_RECEIPT_QUERY);
  const targets = new Set(
    latestIDs(
      core,
      list,
      (m) => m.from === core.userID && m.needReadReceipt === true && m.status === 'success',
    ),
  );
  if (targets.size > 0) {
    const { receipts } = await core.requester.request('getMessageReadReceiptList', {
      messageIDs: [...targets],
    });
    // Only what the server answered for is taken in: it has vouched that the message exists and is mine.
    adopt(core, list, new Set(receipts.map((receipt) => receipt.messageID)));
    for (const receipt of receipts) {
      const before = core.cache.peek(receipt.messageID);
      const next = core.cache.applyReceipt(receipt);
      // New readers of counts already known are news that only this caller heard: the next resync tells all.
      if (next && before && hasKnownReaders(before) && readersOf(next) > readersOf(before)) {
        if (!core.cache.unannounced.has(next.ID)) core.cache.unannounced.set(next.ID, before);
      }
    }
  }
  return {
    code: 0,
    data: { messageList: list.map((m) => (targets.has(m.ID) ? (core.cache.get(m.ID) ?? m) : m)) },
  };
}

export async function getGroupMessageReadMemberList(
  core: ChatCore,
  options: unknown,
): Promise<ChatResponse<ReadMemberPage>> {
  const { message, filter, cursor, count } = requireMemberListOptions(options);
  const messageID = message.ID;
  const data = await core.requester.request('getGroupMessageReadMemberList', {
    messageID,
    filter,
    cursor,
    count,
  });
  adopt(core, [message], new Set([messageID]));
  return { code: 0, data };
}

export async function setMessageRead(core: ChatCore, options: unknown): Promise<Empty> {
  const checked = requireObject(options, 'options');
  const conversationID = requireConversationID(checked.conversationID, 'options.conversationID');
  await core.requester.request('setMessageRead', { conversationID });
  return { code: 0, data: {} };
}

export async function getConversationList(
  core: ChatCore,
): Promise<ChatResponse<{ conversationList: Conversation[] }>> {
  const { conversationList } = await core.requester.request('getConversationList', {});
  return {
    code: 0,
    data: {
      conversationList: conversationList.map(({ conversationID, type, unreadCount, lastMessage }) => ({
        conversationID,
        type,
        unreadCount,
        lastMessage: lastMessage ? core.cache.setWire(lastMessage) : null,
      })),
    },
  };
}

/** The IDs, each once, of the messages whose latest snapshots pass `keep`. */
function latestIDs(core: ChatCore, list: Message[], keep: (message: Message) => boolean): string[] {
  const latest = list.map((message) => core.cache.peek(message.ID) ?? message).filter(keep);
  return [...new Set(latest.map((message) => message.ID))];
}

/**
 * Takes in the well-formed messages of `list` among `vouched` that the cache does not know (sent from another
 * device, JSON copies, server renders), so that pulls and pushes reach them from now on. Malformed ones are left
 * out rather than refused: the call they came with has already succeeded.
 */
function adopt(core: ChatCore, list: Message[], vouched: ReadonlySet<string>): void {
  for (const message of list) {
    if (!vouched.has(message.ID) || core.cache.peek(message.ID)) continue;
    const adopted = adoptMessage(message, core.userID);
    if (adopted) core.cache.set(adopted);
  }
}
