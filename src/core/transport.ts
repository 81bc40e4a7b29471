import type { NetState } from './constants';
import type { RequestName, Requests, ServerPush } from './protocol';

/** What a transport tells the client it serves. */
export interface TransportListener {
  onPush(push: ServerPush): void;
  onStateChange(state: NetState): void;
}

/**
 * The link between a chat client and its server. Identity belongs to the connection: no request names the user
 * it acts for (R10). readby ships a mock transport (`server.connect(userID)` in `readby/mock`); a WebSocket
 * transport implements the same four members.
 *
 * @example
 * ```ts
 * const transport: Transport = {
 *   userID: 'alice',
 *   open: async (listener) => { socket.onmessage = (event) => listener.onPush(JSON.parse(event.data)); },
 *   request: (method, params) => rpc(method, params),
 *   close: () => socket.close(),
 * };
 * ```
 */
export interface Transport {
  /** The user this connection is authenticated as. */
  readonly userID: string;
  /** A readable prefix for the IDs of this connection's messages; the rest of each ID is random. */
  readonly clientID?: string;
  /**
   * Connects; resolves once requests can be made, and rejects only when it has given up. After it rejects, the
   * chat's next request calls it again.
   */
  open(listener: TransportListener): Promise<void>;
  /**
   * Sends one request. Resolves with the server's `data`; rejects with `{ code, message, data? }` for a server
   * error, or with `NETWORK_ERROR` / `REQUEST_TIMEOUT` when the transport could not complete it.
   */
  request<K extends RequestName>(method: K, params: Requests[K]['params']): Promise<Requests[K]['result']>;
  close(): void;
}
