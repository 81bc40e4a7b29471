import { hashString } from './random';

/**
 * Member-list cursors are opaque to callers but signed, so that a cursor made up, edited, or taken from another
 * message or filter is refused (R7) instead of silently paging from somewhere else.
 */
export function encodeCursor(messageID: string, filter: 0 | 1, position: number): string {
  const body = `${filter}.${position.toString(36)}`;
  return `${body}.${sign(messageID, body)}`;
}

/** The position a cursor stands for, or null when it is not one this server issued for the message and filter. */
export function decodeCursor(cursor: string, messageID: string, filter: 0 | 1, limit: number): number | null {
  const match = /^([01])\.([0-9a-z]{1,11})\.([0-9a-z]{1,7})$/.exec(cursor);
  if (!match || Number(match[1]) !== filter) return null;
  const body = `${match[1]}.${match[2]}`;
  if (sign(messageID, body) !== match[3]) return null;
  const position = Number.parseInt(match[2]!, 36);
  return position <= limit ? position : null;
}

function sign(messageID: string, body: string): string {
  return hashString(`${messageID}#${body}`).toString(36);
}
