import {
  ERROR_CODE,
  type NetState,
  ReadByError,
  type RequestName,
  type Requests,
  type ServerPush,
  type Transport,
  type TransportListener,
  TYPES,
} from '../core/index';
import type { Random } from './random';
import type { ServerLink } from './serverLink';
import type { ServerConnection } from './serverState';

/** Faults and latency for one connection. */
export interface ConnectOptions {
  /** Latency of each delivery in ms, a number or `[min, max]`; default: the server's `latencyMs`. */
  latencyMs?: number | [number, number];
  /** Chance that a delivery (request, answer or push) is lost. A lost request or answer times out. */
  dropRate?: number;
  /** Chance that a delivery arrives twice. */
  duplicateRate?: number;
  /** Deliveries take an extra random delay of up to this many ms, so they may overtake each other. `true`: 50. */
  reorder?: boolean | number;
  /**
   * Sends a heartbeat this often while connected, in ms, carrying the number of the latest push, so that a client
   * notices even a lost last push and pulls what it missed. Default 0: no heartbeat (tests stay free of timers).
   */
  heartbeatMs?: number;
}

interface TransportSettings extends ConnectOptions {
  userID: string;
  clientID: string;
  random: Random;
}

/**
 * The mock server's transport. Everything it carries is turned into JSON text and back, so nothing depends on
 * shared objects and a WebSocket transport could carry the same messages. `disconnect()` and `reconnect()`
 * simulate a network that goes away and comes back.
 *
 * @example
 * ```ts
 * const transport = server.connect('alice', { latencyMs: [50, 300], dropRate: 0.05 });
 * const chat = ReadBy.create({ transport });
 * ```
 */
export class MockTransport implements Transport, ServerConnection {
  readonly #userID: string;
  readonly #clientID: string;
  readonly #link: ServerLink;
  readonly #settings: TransportSettings;
  #listener: TransportListener | null = null;
  #state: NetState = TYPES.NET_STATE_DISCONNECTED;
  #closed = false;
  /** Rejecters of requests awaiting an answer: a disconnect fails them at once. */
  #waiting = new Set<(error: ReadByError) => void>();
  /**
   * Bumped by every disconnect. Whatever was scheduled on an earlier connection (a delivery, a connection attempt)
   * is void, as it would be on a closed socket: a request sent before a disconnect is never carried out after the
   * reconnect, and a disconnect while connecting is not undone by the attempt finishing.
   */
  #generation = 0;
  /** Pushes numbered so far on this connection (see `ServerPush.seq`). */
  #pushSeq = 0;
  /** Callers of `open()` and `reconnect()`: an abandoned attempt leaves them waiting for the next connection. */
  #connectWaiters: { resolve: () => void; reject: (error: ReadByError) => void }[] = [];

  /** @internal Made by `server.connect(userID)`, which hands it the link that acts for that user. */
  constructor(link: ServerLink, settings: TransportSettings) {
    this.#link = link;
    this.#settings = settings;
    this.#userID = settings.userID;
    this.#clientID = settings.clientID;
  }

  /**
   * The user this connection was made for. Read-only: assigning it throws in strict code, and even a property
   * defined over it changes nothing on the server, which acts for the user given to `connect` (R10).
   */
  get userID(): string {
    return this.#userID;
  }

  /** Unique among the connections of its server; the prefix of the message IDs its client makes. */
  get clientID(): string {
    return this.#clientID;
  }

  /** `'connecting'`, `'connected'` or `'disconnected'`. */
  get state(): NetState {
    return this.#state;
  }

  open(listener: TransportListener): Promise<void> {
    if (this.#closed) return Promise.reject(networkError('the transport was closed'));
    this.#listener = listener;
    return this.#connect();
  }

  /** Drops the connection: requests in flight fail with NETWORK_ERROR and pushes are lost until `reconnect()`. */
  disconnect(): void {
    if (this.#closed || this.#state === TYPES.NET_STATE_DISCONNECTED) return;
    this.#generation += 1;
    this.#link.detach(this);
    this.#setState(TYPES.NET_STATE_DISCONNECTED);
    const error = networkError('the connection was lost');
    for (const reject of this.#waiting) reject(error);
    this.#waiting.clear();
  }

  /** Connects again after `disconnect()`. Resolves once connected. */
  reconnect(): Promise<void> {
    if (this.#closed) return Promise.reject(networkError('the transport was closed'));
    if (this.#state === TYPES.NET_STATE_CONNECTED) return Promise.resolve();
    if (this.#state === TYPES.NET_STATE_CONNECTING) return this.#whenConnected();
    return this.#connect();
  }

  close(): void {
    this.disconnect();
    this.#closed = true;
    this.#listener = null;
    const error = networkError('the transport was closed');
    for (const waiter of this.#connectWaiters.splice(0)) waiter.reject(error);
  }

  request<K extends RequestName>(method: K, params: Requests[K]['params']): Promise<Requests[K]['result']> {
    if (this.#state !== TYPES.NET_STATE_CONNECTED) {
      return Promise.reject(networkError(`${method}: not connected`));
    }
    const text = JSON.stringify({ method, params });
    return new Promise((resolve, reject) => {
      const fail = (error: ReadByError) => {
        this.#waiting.delete(fail);
        reject(error);
      };
      this.#waiting.add(fail);
      const answer = (reply: string) => {
        if (!this.#waiting.has(fail)) return; // Already answered, or the connection went away.
        this.#waiting.delete(fail);
        const parsed = JSON.parse(reply) as {
          data?: unknown;
          error?: { code: number; message: string; data?: unknown };
        };
        if (parsed.error) reject(new ReadByError(parsed.error.code, parsed.error.message, parsed.error.data));
        else resolve(parsed.data as Requests[K]['result']);
      };
      // A lost request or a lost answer is never answered: the client's timeout decides (R12).
      this.#deliver(() => {
        if (this.#state !== TYPES.NET_STATE_CONNECTED) return;
        const reply = this.#handle(text);
        this.#deliver(() => answer(reply));
      });
    });
  }

  /** @internal The server pushes to this connection. */
  deliver(push: ServerPush): void {
    this.#pushSeq += 1;
    this.#push(JSON.stringify({ ...push, seq: this.#pushSeq }));
  }

  #push(text: string): void {
    this.#deliver(() => {
      if (this.#state === TYPES.NET_STATE_CONNECTED) this.#listener?.onPush(JSON.parse(text) as ServerPush);
    });
  }

  #handle(text: string): string {
    const { method, params } = JSON.parse(text) as { method: RequestName; params: never };
    try {
      return JSON.stringify({ data: this.#link.request(method, params, this) });
    } catch (error) {
      const failure =
        error instanceof ReadByError
          ? error.toJSON()
          : { code: ERROR_CODE.NETWORK_ERROR, message: `server error: ${String(error)}` };
      return JSON.stringify({ error: failure });
    }
  }

  #connect(): Promise<void> {
    this.#setState(TYPES.NET_STATE_CONNECTING);
    const connected = this.#whenConnected();
    this.#after(this.#latency(), () => {
      this.#pushSeq = 0;
      this.#link.attach(this);
      this.#setState(TYPES.NET_STATE_CONNECTED);
      this.#heartbeat();
      for (const waiter of this.#connectWaiters.splice(0)) waiter.resolve();
    });
    return connected;
  }

  /** A `sync` push every `heartbeatMs`, for as long as this connection lasts. */
  #heartbeat(): void {
    const every = this.#settings.heartbeatMs ?? 0;
    if (every <= 0) return;
    const generation = this.#generation;
    setTimeout(() => {
      if (generation !== this.#generation || this.#state !== TYPES.NET_STATE_CONNECTED) return;
      this.#push(JSON.stringify({ type: 'sync', seq: this.#pushSeq }));
      this.#heartbeat();
    }, every);
  }

  #whenConnected(): Promise<void> {
    return new Promise((resolve, reject) => this.#connectWaiters.push({ resolve, reject }));
  }

  #setState(state: NetState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.#listener?.onStateChange(state);
  }

  /** One delivery through the simulated network: maybe lost, maybe twice, after some latency. */
  #deliver(task: () => void): void {
    const { random, dropRate = 0, duplicateRate = 0 } = this.#settings;
    if (random.chance(dropRate)) return;
    this.#after(this.#latency(), task);
    if (random.chance(duplicateRate)) this.#after(this.#latency(), task);
  }

  #latency(): number {
    const { random, latencyMs = 0, reorder = false } = this.#settings;
    const base = typeof latencyMs === 'number' ? latencyMs : random.int(latencyMs[0], latencyMs[1]);
    const jitter = reorder === false ? 0 : random.int(0, reorder === true ? 50 : reorder);
    return base + jitter;
  }

  #after(ms: number, task: () => void): void {
    const generation = this.#generation;
    // Without latency, a microtask keeps deliveries in order and tests fast; with it, a timer that fake timers control.
    if (ms <= 0)
      queueMicrotask(() => {
        if (generation === this.#generation) task();
      });
    else
      setTimeout(() => {
        if (generation === this.#generation) task();
      }, ms);
  }
}

function networkError(message: string): ReadByError {
  return new ReadByError(ERROR_CODE.NETWORK_ERROR, `network error: ${message}`);
}
