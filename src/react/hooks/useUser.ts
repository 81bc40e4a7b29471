import { useQuery } from '@tanstack/react-query';
import { type ReadByUser, useReadByContext } from '../ReadByProvider';

/**
 * A user's name and avatar from the provider's `resolveUser`, cached per user; the user ID alone while it loads,
 * when it fails, or when there is no resolver.
 *
 * @example
 * ```tsx
 * const { name, avatarURL } = useUser('bob');
 * ```
 */
export function useUser(userID: string): ReadByUser {
  const { resolveUser } = useReadByContext('useUser');
  const query = useQuery({
    queryKey: ['readby', 'user', userID],
    queryFn: async () => userFrom(userID, await resolveUser!(userID)),
    enabled: resolveUser !== undefined,
    staleTime: 5 * 60_000,
  });
  return query.data ?? { userID };
}

/**
 * What readby keeps of a resolver's answer: the name when it is a non-empty string, and the avatar URL when it is a
 * string (`Avatar` decides whether an image may come from it). Anything else (a string, `null`, `{ name: 42 }`)
 * leaves the user ID to show, and the ID is always the one asked about: a resolver cannot make a row speak for
 * someone else.
 */
function userFrom(userID: string, answer: unknown): ReadByUser {
  const user: ReadByUser = { userID };
  if (typeof answer !== 'object' || answer === null) return user;
  const { name, avatarURL } = answer as { name?: unknown; avatarURL?: unknown };
  if (typeof name === 'string' && name.trim() !== '') user.name = name;
  if (typeof avatarURL === 'string') user.avatarURL = avatarURL;
  return user;
}

/** Schemes an avatar may be loaded from; a URL without a scheme is relative to the page, and fine too. */
const IMAGE_SCHEMES = ['https:', 'http:', 'blob:'];

/**
 * Whether an avatar URL is one readby will put in an `<img>`: http(s), blob, `data:image/…`, or a relative path.
 * `javascript:`, `data:text/html` and the like show initials instead.
 */
export function isImageURL(url: string): boolean {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url.trim())?.[1]?.toLowerCase();
  if (scheme === undefined) return url.trim() !== '';
  if (scheme === 'data') return /^data:image\//i.test(url.trim());
  return IMAGE_SCHEMES.includes(`${scheme}:`);
}

/** Up to two initials, for an avatar without a picture: "Ada Lovelace" → "AL", "bob" → "B". */
export function initialsOf(name: string): string {
  const words = name
    .trim()
    .split(/[\s._-]+/u)
    .filter(Boolean);
  const letters = words.length > 1 ? [words[0]!, words[words.length - 1]!] : words;
  return letters.map((word) => [...word][0]!.toLocaleUpperCase()).join('');
}
