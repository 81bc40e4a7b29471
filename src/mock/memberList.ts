import {
  ERROR_CODE,
  invalidParameter,
  MAX_MEMBER_PAGE,
  ReadByError,
  type ReadMemberPage,
  type Requests,
} from '../core/index';
import { denied } from './access';
import { decodeCursor, encodeCursor } from './cursor';
import type { ServerState } from './serverState';

export function getGroupMessageReadMemberList(
  state: ServerState,
  userID: string,
  params: Requests['getGroupMessageReadMemberList']['params'],
): ReadMemberPage {
  const { messageID, filter, cursor } = params;
  if (filter !== 0 && filter !== 1) throw invalidParameter('options.filter', '0 (read) or 1 (not read)');
  if (!Number.isInteger(params.count) || params.count < 1)
    throw invalidParameter('options.count', 'a whole number ≥ 1');
  if (typeof cursor !== 'string')
    throw invalidParameter('options.cursor', "'' or the cursor of the previous page");
  const count = Math.min(params.count, MAX_MEMBER_PAGE);
  const stored = typeof messageID === 'string' ? state.messages.get(messageID) : undefined;
  if (stored?.receipts?.kind !== 'group') {
    throw new ReadByError(
      ERROR_CODE.READ_RECEIPT_NOT_FOUND,
      `no read receipt information for message ${String(messageID)}: it is not a group message sent with receipts`,
    );
  }
  const receipts = stored.receipts;
  const roster = stored.conversation.group!.roster;
  if (!roster.has(userID)) throw denied(`${userID} is not a member of group ${stored.wire.to}`);
  if (stored.wire.from !== userID && state.options.memberListAccess !== 'members') {
    throw denied('only the sender of a message may list who has read it');
  }
  const limit = filter === 0 ? receipts.read.count : receipts.rosterLength;
  const position = cursor === '' ? 0 : decodeCursor(state.cursorKey, cursor, receipts.serial, filter, limit);
  if (position === null) throw invalidParameter('options.cursor', "'' or the cursor of the previous page");

  const probesBefore = receipts.read.probes;
  let userIDs: string[];
  let next: number;
  let isCompleted: boolean;
  if (filter === 0) {
    // Readers only ever append to the read order, so an offset into it is a stable cursor.
    next = Math.min(position + count, receipts.read.count);
    userIDs = receipts.read.readers(position, next, roster.users);
    isCompleted = next >= receipts.read.count;
  } else {
    userIDs = [];
    // Non-readers by slot, which is join order: a reader leaving the set never shifts the ones after it.
    // Slots that are no recipients (the sender, members who had left by the send) are marked in the read bits from
    // the send on, so the summary levels skip them with the readers: a page pays nothing for departed members.
    let slot = receipts.read.nextUnread(position, receipts.rosterLength);
    while (slot !== -1 && userIDs.length < count) {
      userIDs.push(roster.users[slot]!);
      slot = receipts.read.nextUnread(slot + 1, receipts.rosterLength);
    }
    isCompleted = slot === -1;
    next = isCompleted ? receipts.rosterLength : slot;
  }
  state.work.memberListPages += 1;
  state.work.memberListProbes += receipts.read.probes - probesBefore;
  return {
    messageID: stored.wire.ID,
    cursor: isCompleted ? '' : encodeCursor(state.cursorKey, receipts.serial, filter, next),
    isCompleted,
    readUserIDList: filter === 0 ? userIDs : [],
    unreadUserIDList: filter === 1 ? userIDs : [],
  };
}
