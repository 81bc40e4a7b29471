import type { ReadByUser } from 'readby/react';

/** The person whose screen every story shows. */
export const VIEWER = 'you';

const FIRST_NAMES = [
  'Ann',
  'Bo',
  'Chen',
  'Dara',
  'Eli',
  'Farah',
  'Gus',
  'Hana',
  'Ivan',
  'Jun',
  'Kofi',
  'Lena',
  'Mika',
  'Noor',
  'Omar',
  'Pia',
  'Quinn',
  'Ravi',
  'Sofia',
  'Tomás',
  'Uma',
  'Vik',
  'Wen',
  'Xiu',
  'Yara',
  'Zoe',
] as const;

const FAMILY_NAMES = [
  'Okafor',
  'Lindqvist',
  'Tanaka',
  'Moreau',
  'Haddad',
  'Novak',
  'Silva',
  'Kim',
  'Rossi',
  'Mensah',
  'Ivanova',
  'Park',
  'Costa',
  'Nguyen',
  'Weber',
  'Sato',
  'Dubois',
  'Khan',
  'Olsen',
  'Reyes',
] as const;

/** User IDs are lower-case first names for the first 26 members, so that small groups read like a team. */
const idOfFirstName = (name: string) =>
  name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

const firstNameByID = new Map<string, string>(FIRST_NAMES.map((name) => [idOfFirstName(name), name]));

/** The user ID of the member who joined `index`-th (0-based), not counting the viewer. */
export function memberID(index: number): string {
  const name = FIRST_NAMES[index];
  return name ? idOfFirstName(name) : `m${index}`;
}

/** IDs of `count` members, in join order. */
export function memberIDs(count: number): string[] {
  return Array.from({ length: Math.max(0, count) }, (_, index) => memberID(index));
}

/** A readable name for any member ID, computed rather than stored, so that 100,000 members cost nothing. */
export function nameOf(userID: string): string {
  if (userID === VIEWER) return 'You';
  const first = firstNameByID.get(userID);
  if (first) return first;
  const index = /^m(\d+)$/.exec(userID)?.[1];
  if (index === undefined) return userID;
  const n = Number(index);
  return `${FIRST_NAMES[n % FIRST_NAMES.length]} ${FAMILY_NAMES[Math.floor(n / FIRST_NAMES.length) % FAMILY_NAMES.length]}`;
}

/**
 * The directory the stories give to `ReadByProvider`'s `resolveUser`. Defined once at module level, so that the
 * provider's context value stays the same from render to render.
 */
export function resolveUser(userID: string): ReadByUser {
  return { userID, name: nameOf(userID) };
}
