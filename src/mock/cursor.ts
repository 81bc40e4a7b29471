import { type HashKey, halfSipHash64 } from './keyedHash';

/**
 * Member-list cursors are opaque to callers but signed with the server's own key, so that a cursor made up, edited,
 * taken from another message or filter, or issued by another server is refused (R7) instead of silently paging from
 * somewhere else. The key is drawn from the server's seeded random: the same seed gives the same cursors, as
 * determinism asks, and the seed is the secret.
 *
 * A message is named in the tag by its serial, the number under which the server stored it, not by its ID: three
 * whole numbers hash in a fraction of the time a string would, and a page must cost what it holds.
 */
export function encodeCursor(key: HashKey, serial: number, filter: 0 | 1, position: number): string {
  hash(key, serial, filter, position);
  const [high, low] = tag;
  // One string from character codes: the filter, the position in 7 base-32 digits (35 bits, any position of a
  // page), then the tag in 10. Digits are 5 bits each, read by shifts: a page's cursor costs its hash and little
  // more.
  return String.fromCharCode(
    48 + filter,
    DOT,
    DIGIT[(position / 2 ** 30) & 31]!,
    DIGIT[(position >>> 25) & 31]!,
    DIGIT[(position >>> 20) & 31]!,
    DIGIT[(position >>> 15) & 31]!,
    DIGIT[(position >>> 10) & 31]!,
    DIGIT[(position >>> 5) & 31]!,
    DIGIT[position & 31]!,
    DOT,
    DIGIT[high >>> 20]!,
    DIGIT[(high >>> 15) & 31]!,
    DIGIT[(high >>> 10) & 31]!,
    DIGIT[(high >>> 5) & 31]!,
    DIGIT[high & 31]!,
    DIGIT[low >>> 20]!,
    DIGIT[(low >>> 15) & 31]!,
    DIGIT[(low >>> 10) & 31]!,
    DIGIT[(low >>> 5) & 31]!,
    DIGIT[low & 31]!,
  );
}

/** The position a cursor stands for, or null when it is not one this server issued for the message and filter. */
export function decodeCursor(
  key: HashKey,
  cursor: string,
  serial: number,
  filter: 0 | 1,
  limit: number,
): number | null {
  const match = /^[01]\.([0-9a-v]{7})\.[0-9a-v]{10}$/.exec(cursor);
  if (!match) return null;
  const position = Number.parseInt(match[1]!, 32);
  // Past the limit first: a position of 2³² or more would wrap to a smaller one in the tag's 32-bit field.
  if (position > limit) return null;
  // Only the very cursor this server issues for that position, filter and message, character for character.
  return encodeCursor(key, serial, filter, position) === cursor ? position : null;
}

const DOT = 46;
/** The character codes of the base-32 digits, as `toString(32)` writes them. */
const DIGIT = Uint8Array.from('0123456789abcdefghijklmnopqrstuv', (digit) => digit.charCodeAt(0));
/** Reused by every signature: a page's cursor costs no allocation beyond its text. */
const fields = new Uint32Array(3);
/** The two 25-bit halves of the tag `hash` computed last. */
const tag: [number, number] = [0, 0];

/** 50 bits of the 64-bit tag, as two 25-bit halves in `tag`: 10 base-32 digits, 5 each. */
function hash(key: HashKey, serial: number, filter: 0 | 1, position: number): void {
  fields[0] = serial;
  fields[1] = filter;
  fields[2] = position;
  halfSipHash64(key, fields, tag);
  tag[0] &= 0x1ffffff;
  tag[1] &= 0x1ffffff;
}
