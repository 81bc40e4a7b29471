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
  // Made from character codes: the position in 7 digits, as any position of a page fits, then the tag.
  return (
    String.fromCharCode(
      48 + filter,
      DOT,
      digit(position, 36 ** 6),
      digit(position, 36 ** 5),
      digit(position, 36 ** 4),
      digit(position, 36 ** 3),
      digit(position, 36 ** 2),
      digit(position, 36),
      digit(position, 1),
      DOT,
    ) + sign(key, serial, filter, position)
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
  const match = /^([01])\.([0-9a-z]{1,7})\.([0-9a-z]{10})$/.exec(cursor);
  if (!match || Number(match[1]) !== filter) return null;
  const position = Number.parseInt(match[2]!, 36);
  // Past the limit first: a position of 2³² or more would wrap to a smaller one in the tag's 32-bit field.
  if (position > limit || sign(key, serial, filter, position) !== match[3]) return null;
  return position;
}

const DOT = 46;
/** Reused by every signature: a page's cursor costs no allocation beyond its text. */
const fields = new Uint32Array(3);
/** The two 25-bit halves of the tag `hash` computed last. */
const tag: [number, number] = [0, 0];

/** 50 bits of the 64-bit tag, as two 25-bit halves in `tag`: 10 base-36 digits, 5 each. */
function hash(key: HashKey, serial: number, filter: 0 | 1, position: number): void {
  fields[0] = serial;
  fields[1] = filter;
  fields[2] = position;
  halfSipHash64(key, fields, tag);
  tag[0] &= 0x1ffffff;
  tag[1] &= 0x1ffffff;
}

/** The tag's 10 digits, as a cursor carries them. */
function sign(key: HashKey, serial: number, filter: 0 | 1, position: number): string {
  hash(key, serial, filter, position);
  return String.fromCharCode(
    digit(tag[0], 36 ** 4),
    digit(tag[0], 36 ** 3),
    digit(tag[0], 36 ** 2),
    digit(tag[0], 36),
    digit(tag[0], 1),
    digit(tag[1], 36 ** 4),
    digit(tag[1], 36 ** 3),
    digit(tag[1], 36 ** 2),
    digit(tag[1], 36),
    digit(tag[1], 1),
  );
}

/** The character code of the base-36 digit of `value` at `place` (a power of 36), as `toString(36)` writes it. */
function digit(value: number, place: number): number {
  const d = Math.floor(value / place) % 36;
  return d < 10 ? 48 + d : 87 + d;
}
