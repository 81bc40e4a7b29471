import type { RequestName, Requests } from '../core/index';
import type { ServerConnection, ServerState } from './serverState';

/**
 * What a transport may ask of the server, made by `server.connect(userID)` for that user alone. The identity lives
 * in here, out of the transport's reach: no field a caller can set on a transport changes whom its requests act
 * for, or under whom its connection is filed (R10).
 */
export interface ServerLink {
  /** Files the connection under the link's user, so that their pushes reach it. */
  attach(connection: ServerConnection): void;
  /** Removes the connection from the server's records. */
  detach(connection: ServerConnection): void;
  /** Handles a request as the link's user; `connection` is not pushed what it caused itself. */
  request<K extends RequestName>(
    method: K,
    params: Requests[K]['params'],
    connection: ServerConnection,
  ): Requests[K]['result'];
}

export function attachConnection(state: ServerState, userID: string, connection: ServerConnection): void {
  let set = state.connections.get(userID);
  if (!set) {
    set = new Set();
    state.connections.set(userID, set);
  }
  set.add(connection);
}

export function detachConnection(state: ServerState, userID: string, connection: ServerConnection): void {
  const set = state.connections.get(userID);
  if (!set?.delete(connection)) return;
  // No empty sets left behind: a group send walks this map, and it must not grow with everyone who ever connected.
  if (set.size === 0) state.connections.delete(userID);
}

/** Open connections, and users with at least one. */
export function connectionStats(state: ServerState): { connections: number; users: number } {
  let connections = 0;
  for (const set of state.connections.values()) connections += set.size;
  return { connections, users: state.connections.size };
}
