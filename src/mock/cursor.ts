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
  return `${filter}.${position.toString(36)}.${sign(key, serial, filter, position)}`;
}

/** The position a cursor stands for, or null when it is not one this server issued for the message and filter. */
export function decodeCursor(
  key: HashKey,
  cursor: string,
  serial: number,
  filter: 0 | 1,
  limit: number,
): number | null {
  const match = /^([01])\.([0-9a-z]{1,7})\.([0-9a-z]{10})$/.exec(cursor);
  if (!match || Number(match[1]) !== filter) return null;
  const position = Number.parseInt(match[2]!, 36);
  // Past the limit first: a position of 2³² or more would wrap to a smaller one in the tag's 32-bit field.
  if (position > limit || sign(key, serial, filter, position) !== match[3]) return null;
  return position;
}

/** Reused by every signature: a page's cursor costs no allocation beyond its text. */
const fields = new Uint32Array(3);
const tag: [number, number] = [0, 0];

/**
 * 50 bits of the 64-bit tag in 10 base-36 digits: two 25-bit halves of 5 digits each, written in one call from
 * their character codes, several times faster than formatting each half and padding it.
 */
function sign(key: HashKey, serial: number, filter: 0 | 1, position: number): string {
  fields[0] = serial;
  fields[1] = filter;
  fields[2] = position;
  halfSipHash64(key, fields, tag);
  const a = tag[0] & 0x1ffffff;
  const b = tag[1] & 0x1ffffff;
  return String.fromCharCode(
    digit(a, 36 ** 4),
    digit(a, 36 ** 3),
    digit(a, 36 ** 2),
    digit(a, 36),
    digit(a, 1),
    digit(b, 36 ** 4),
    digit(b, 36 ** 3),
    digit(b, 36 ** 2),
    digit(b, 36),
    digit(b, 1),
  );
}

/** The character code of the base-36 digit of `value` at `place` (a power of 36), as `toString(36)` writes it. */
function digit(value: number, place: number): number {
  const d = ((value / place) | 0) % 36;
  return d < 10 ? 48 + d : 87 + d;
}
