import {
  ERROR_CODE,
  type NetState,
  ReadByError,
  type RequestName,
  type Requests,
  type ServerPush,
  type Transport,
  type TransportListener,
} from 'readby';

/** `WebSocket.OPEN`, spelt out so that the module loads where there is no global WebSocket. */
const OPEN = 1;

type Frame =
  | { push: ServerPush }
  | { id: number; data: unknown }
  | { id: number; error: { code: number; message: string; data?: unknown } };

/**
 * A transport over a WebSocket. Frames are JSON text: the client sends `{ id, method, params }`; the server
 * answers `{ id, data }` or `{ id, error }` and pushes `{ push }`. The server knows the user from the connection
 * (a session cookie, a token in the URL), never from a frame. A lost connection is dialled again after `retryMs`.
 */
export function socketTransport(userID: string, dial: () => WebSocket, retryMs = 1_000): Transport {
  let socket: WebSocket | null = null;
  let listener: TransportListener | null = null;
  let closed = false;
  let nextID = 0;
  const waiting = new Map<number, { resolve: (data: unknown) => void; reject: (error: unknown) => void }>();
  // Resolves on the first connection, whichever attempt makes it: the engine waits for it before its first request.
  let connected!: () => void;
  const opened = new Promise<void>((resolve) => {
    connected = resolve;
  });
  const report = (state: NetState) => listener?.onStateChange(state);

  const receive = (text: string) => {
    let frame: Frame;
    try {
      frame = JSON.parse(text) as Frame;
    } catch {
      return; // Dropped: if it was a push, the gap in `seq` makes the engine pull what it said.
    }
    if ('push' in frame) {
      listener?.onPush(frame.push); // The engine checks every push; nothing to check here.
      return;
    }
    const request = waiting.get(frame.id);
    waiting.delete(frame.id);
    if ('error' in frame) request?.reject(frame.error);
    else request?.resolve(frame.data);
  };

  const connect = () => {
    report('connecting');
    const current = dial();
    socket = current;
    current.onopen = () => {
      report('connected');
      connected();
    };
    current.onmessage = (event) => receive(String(event.data));
    current.onclose = () => {
      if (socket !== current) return;
      socket = null;
      // Whatever was in flight may or may not have been carried out: requests are safe to repeat.
      const lost = new ReadByError(ERROR_CODE.NETWORK_ERROR, 'network error: the connection was lost');
      for (const request of waiting.values()) request.reject(lost);
      waiting.clear();
      report('disconnected');
      if (!closed) setTimeout(connect, retryMs);
    };
  };

  return {
    userID,
    open(given) {
      listener = given;
      connect();
      return opened;
    },
    request<K extends RequestName>(method: K, params: Requests[K]['params']): Promise<Requests[K]['result']> {
      const current = socket;
      if (current?.readyState !== OPEN) {
        return Promise.reject(
          new ReadByError(ERROR_CODE.NETWORK_ERROR, `network error: ${method}: not connected`),
        );
      }
      const id = ++nextID;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve: resolve as (data: unknown) => void, reject });
        current.send(JSON.stringify({ id, method, params }));
      });
    },
    close() {
      closed = true;
      socket?.close();
    },
  };
}
