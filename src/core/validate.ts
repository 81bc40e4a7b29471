import { MAX_MEMBER_PAGE, TYPES } from './constants';
import { invalidParameter } from './errors';
import type { Message } from './types';

/** Checks of caller input. Each throws the INVALID_PARAMETER error that names the parameter and what was expected. */

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function requireObject(value: unknown, name: string): Record<string, unknown> {
  if (!isObject(value)) throw invalidParameter(name, 'an object');
  return value;
}

export function requireString(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.length === 0) throw invalidParameter(name, 'a non-empty string');
  return value;
}

export function requireConversationType(value: unknown, name: string): 'C2C' | 'GROUP' {
  if (value !== TYPES.CONV_C2C && value !== TYPES.CONV_GROUP) {
    throw invalidParameter(name, "'C2C' or 'GROUP'");
  }
  return value;
}

export function requireConversationID(value: unknown, name: string): string {
  if (typeof value !== 'string' || !/^(C2C|GROUP)./.test(value)) {
    throw invalidParameter(name, "'C2C<userID>' or 'GROUP<groupID>'");
  }
  return value;
}

export function optionalBoolean(value: unknown, name: string): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw invalidParameter(name, 'a boolean');
  return value;
}

export function requireWholeNumber(value: unknown, name: string, min: number, max = Infinity): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Infinity ? `≥ ${min}` : `from ${min} to ${max}`;
    throw invalidParameter(name, `a whole number ${range}`);
  }
  return value;
}

/** A message as passed by the caller: any object with the fields the engine reads. */
export function requireMessage(value: unknown, name: string): Message {
  if (!isObject(value) || typeof value.ID !== 'string' || typeof value.conversationID !== 'string') {
    throw invalidParameter(name, 'a message (an object with ID and conversationID)');
  }
  return value as unknown as Message;
}

/** The list rules of R3.1: a non-empty array of messages, at most `limit`, all of one conversation. */
export function requireMessageList(value: unknown, name: string, limit: number): Message[] {
  if (!Array.isArray(value) || value.length === 0)
    throw invalidParameter(name, 'a non-empty array of messages');
  if (value.length > limit) {
    throw invalidParameter(name, `at most ${limit} messages, got ${value.length}`);
  }
  const list = value.map((item, index) => requireMessage(item, `${name}[${index}]`));
  const conversationID = list[0]!.conversationID;
  const other = list.findIndex((message) => message.conversationID !== conversationID);
  if (other !== -1) {
    throw invalidParameter(
      name,
      `messages of one conversation, but ${name}[${other}] is in ${list[other]!.conversationID}, not ${conversationID}`,
    );
  }
  return list;
}

/**
 * The options of `getGroupMessageReadMemberList` (R7): a message, filter 0 or 1, a cursor string, and a count of at
 * least 1, read as at most 100. One check for every client, so that each refuses the same input the same way.
 *
 * @example
 * ```ts
 * const { message, filter, cursor, count } = requireMemberListOptions({ message, filter: 0, cursor: '', count: 30 });
 * ```
 */
export function requireMemberListOptions(options: unknown): {
  message: Message;
  filter: 0 | 1;
  cursor: string;
  count: number;
} {
  const checked = requireObject(options, 'options');
  const message = requireMessage(checked.message, 'options.message');
  const filter = checked.filter;
  if (filter !== 0 && filter !== 1) throw invalidParameter('options.filter', '0 (read) or 1 (not read)');
  const count = Math.min(requireWholeNumber(checked.count, 'options.count', 1), MAX_MEMBER_PAGE);
  const cursor = checked.cursor;
  if (typeof cursor !== 'string') {
    throw invalidParameter('options.cursor', "'' or the cursor of the previous page");
  }
  return { message, filter, cursor, count };
}
