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
    queryFn: async () => (await resolveUser!(userID)) ?? { userID },
    enabled: resolveUser !== undefined,
    staleTime: 5 * 60_000,
  });
  return query.data ?? { userID };
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
