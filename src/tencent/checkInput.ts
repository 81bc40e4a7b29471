import { invalidParameter, type MessageLike, TYPES } from '../core/index';
import type { TencentTextMessageOptions } from './tencentChatSDKLike';

/**
 * Checks of what readby hands the adapter. The SDK is lenient where readby is strict (it reads filter 2 as 0 and
 * count 0 as 100), and it throws synchronously for some bad input (`sendMessageReadReceipt([])`): each check
 * here throws the INVALID_PARAMETER error that names the parameter, which the adapter's async methods turn into
 * a rejection before the SDK sees anything.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function checkObject(value: unknown, name: string): Record<string, unknown> {
  if (!isRecord(value)) throw invalidParameter(name, 'an object');
  return value;
}

function checkString(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') throw invalidParameter(name, 'a non-empty string');
  return value;
}

/**
 * A message: an object with a string `ID` and `conversationID`.
 *
 * @example
 * ```ts
 * checkMessage(message, 'message'); // throws "message: expected a message with an ID and a conversationID"
 * ```
 */
export function checkMessage(value: unknown, name: string): MessageLike {
  if (!isRecord(value) || typeof value.ID !== 'string' || typeof value.conversationID !== 'string') {
    throw invalidParameter(name, 'a message with an ID and a conversationID');
  }
  return value as unknown as MessageLike;
}

/**
 * A non-empty array of messages of one conversation, of at most `max` messages.
 *
 * @example
 * ```ts
 * const list = checkMessageList(messageList, 'messageList', 30);
 * ```
 */
export function checkMessageList(
  value: unknown,
  name: string,
  max = Number.POSITIVE_INFINITY,
): MessageLike[] {
  if (!Array.isArray(value) || value.length === 0)
    throw invalidParameter(name, 'a non-empty array of messages');
  if (value.length > max) {
    throw invalidParameter(name, `at most ${max} messages in one call, got ${value.length}`);
  }
  const list = value.map((message, index) => checkMessage(message, `${name}[${index}]`));
  if (list.some((message) => message.conversationID !== list[0]!.conversationID)) {
    throw invalidParameter(name, 'messages of one conversation');
  }
  return list;
}

/**
 * The options of `createTextMessage`, copied so that the SDK gets exactly these fields.
 *
 * @example
 * ```ts
 * tim.createTextMessage(checkTextMessageOptions({ to: 'team', conversationType: 'GROUP', payload: { text } }));
 * ```
 */
export function checkTextMessageOptions(options: unknown): TencentTextMessageOptions {
  const checked = checkObject(options, 'options');
  const to = checkString(checked.to, 'options.to');
  const conversationType = checked.conversationType;
  if (conversationType !== TYPES.CONV_C2C && conversationType !== TYPES.CONV_GROUP) {
    throw invalidParameter('options.conversationType', "'C2C' or 'GROUP'");
  }
  const payload = checkObject(checked.payload, 'options.payload');
  if (typeof payload.text !== 'string') throw invalidParameter('options.payload.text', 'a string');
  const needReadReceipt = checked.needReadReceipt;
  if (needReadReceipt !== undefined && typeof needReadReceipt !== 'boolean') {
    throw invalidParameter('options.needReadReceipt', 'a boolean');
  }
  const result: TencentTextMessageOptions = { to, conversationType, payload: { text: payload.text } };
  if (needReadReceipt !== undefined) result.needReadReceipt = needReadReceipt;
  return result;
}

/**
 * The options of `getGroupMessageReadMemberList`, checked as readby's engine checks them (R7).
 *
 * @example
 * ```ts
 * const { message, filter, cursor, count } = checkMemberListOptions({ message, filter: 0, cursor: '', count: 30 });
 * ```
 */
export function checkMemberListOptions(options: unknown): {
  message: MessageLike;
  filter: 0 | 1;
  cursor: string;
  count: number;
} {
  const checked = checkObject(options, 'options');
  const message = checkMessage(checked.message, 'options.message');
  const { filter, cursor, count } = checked;
  if (filter !== 0 && filter !== 1) throw invalidParameter('options.filter', '0 (read) or 1 (not read)');
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) {
    throw invalidParameter('options.count', 'a whole number ≥ 1');
  }
  if (typeof cursor !== 'string')
    throw invalidParameter('options.cursor', "'' or the cursor of the previous page");
  // The service pages by at most 100; the SDK would read a larger count as 100 too.
  return { message, filter, cursor, count: Math.min(count, 100) };
}

/**
 * The options of `getMessageList`.
 *
 * @example
 * ```ts
 * tim.getMessageList(checkMessageListOptions({ conversationID: 'GROUPteam' }));
 * ```
 */
export function checkMessageListOptions(options: unknown): {
  conversationID: string;
  nextReqMessageID?: string;
} {
  const checked = checkObject(options, 'options');
  const conversationID = checked.conversationID;
  if (typeof conversationID !== 'string' || !/^(C2C|GROUP)./.test(conversationID)) {
    throw invalidParameter('options.conversationID', "'C2C<userID>' or 'GROUP<groupID>'");
  }
  const next = checked.nextReqMessageID;
  if (next === undefined || next === '') return { conversationID };
  return { conversationID, nextReqMessageID: checkString(next, 'options.nextReqMessageID') };
}
