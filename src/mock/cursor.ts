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

/**
 * 50 bits of the 64-bit tag in 10 base-36 digits: two 25-bit halves of 5 digits each. Halves that small are
 * small integers to the engine, which writes them several times faster than a number of 50 bits.
 */
function sign(key: HashKey, serial: number, filter: 0 | 1, position: number): string {
  const [low, high] = halfSipHash64(key, [serial, filter, position]);
  return digits(low & 0x1ffffff) + digits(high & 0x1ffffff);
}

function digits(half: number): string {
  return half.toString(36).padStart(5, '0');
}
