/**
 * Message IDs are made by clients, so the server scopes them to their sender: every ID a client of this server
 * makes (`<client ID>-<suffix>`, where a client ID is `<userID>~<n>` and the engine's suffix is random) and every
 * ID `postMessage` makes
 * (`<userID>~post-<n>`) names its user, and only that user may send it. Without this, a member who learnt one of
 * bob's IDs before it was sent could send it first and make bob's send fail. The rule needs no table: the ID
 * carries its owner.
 */

/**
 * The user an ID of the server's own shape belongs to, or null for an ID of another shape. The owner is all that
 * comes before the last `~`, so user IDs may contain `~` and `-` themselves.
 *
 * @example
 * ```ts
 * ownerOfMessageID('bob~2-1'); // 'bob'
 * ownerOfMessageID('auth0|x~y~7-3'); // 'auth0|x~y'
 * ownerOfMessageID('draft-1'); // null
 * ```
 */
export function ownerOfMessageID(ID: string): string | null {
  const match = /^(.+)~(?:\d+|post)-[0-9a-z]+$/.exec(ID);
  return match ? match[1]! : null;
}

/** The client ID of a connection: messages its client makes are `<client ID>-<suffix>`. */
export function clientIDFor(userID: string, serial: number): string {
  return `${userID}~${serial}`;
}

/** The ID of a message `postMessage` sends for `userID`. */
export function postedMessageID(userID: string, serial: number): string {
  return `${userID}~post-${serial}`;
}
