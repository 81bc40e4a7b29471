import { TYPES } from './constants';
import { ERROR_CODE, ReadByError, toReadByError } from './errors';
import type { RequestName, Requests } from './protocol';
import type { Transport, TransportListener } from './transport';
import type { WireCheck } from './wireCheck';

/**
 * The requests of one chat over its transport: each waits for the connection, times out, has its answer checked
 * (a malformed one fails with INVALID_RESPONSE), and fails with a ReadByError; `destroy()` fails every request still in flight at once rather than leaving callers waiting on a
 * transport that may never answer.
 */
export class Requester {
  readonly #transport: Transport;
  readonly #timeoutMs: number;
  readonly #wire: WireCheck;
  /** Settles when the transport has connected; requests wait for it. Set by {@link Requester.open}. */
  #ready: Promise<void> = Promise.resolve();
  #listener: TransportListener | null = null;
  /**
   * The latest `open()` failed and nothing has connected since: the next request calls it again. Once per request
   * at most, and requests made while that attempt runs wait for it rather than starting their own, so a transport
   * that keeps failing is asked as often as it is used and no more.
   */
  #openFailed = false;
  readonly #inFlight = new Set<(error: ReadByError) => void>();
  #destroyed = false;

  constructor(transport: Transport, timeoutMs: number, wire: WireCheck) {
    this.#transport = transport;
    this.#timeoutMs = timeoutMs;
    this.#wire = wire;
  }

  /** Connects. Apart from the constructor, since the transport may report to the listener before it returns. */
  open(listener: TransportListener): void {
    this.#listener = {
      onPush: (push) => listener.onPush(push),
      onStateChange: (state) => {
        // A transport that connects by itself after a failed open() is open: calling it again would connect twice.
        if (state === TYPES.NET_STATE_CONNECTED && this.#openFailed) {
          this.#openFailed = false;
          this.#ready = Promise.resolve();
        }
        listener.onStateChange(state);
      },
    };
    this.#connect();
  }

  #connect(): void {
    let attempt: Promise<void>;
    try {
      attempt = Promise.resolve(this.#transport.open(this.#listener!));
    } catch (error) {
      attempt = Promise.reject(error);
    }
    this.#openFailed = false;
    this.#ready = attempt;
    // A failed connection surfaces through the calls that wait for it, not as an unhandled rejection.
    attempt.catch(() => {
      if (this.#ready === attempt) this.#openFailed = true;
    });
  }

  get destroyed(): boolean {
    return this.#destroyed;
  }

  /** Throws CHAT_DESTROYED once destroyed: every call checks it before its arguments. */
  assertAlive(): void {
    if (this.#destroyed) throw destroyedError();
  }

  request<K extends RequestName>(method: K, params: Requests[K]['params']): Promise<Requests[K]['result']> {
    if (this.#destroyed) return Promise.reject(destroyedError());
    if (this.#openFailed) this.#connect();
    const ready = this.#ready;
    return new Promise<Requests[K]['result']>((resolve, reject) => {
      const settle = (error: ReadByError | null, value?: Requests[K]['result']) => {
        if (!this.#inFlight.delete(fail)) return;
        clearTimeout(timer);
        if (error) reject(error);
        else resolve(value as Requests[K]['result']);
      };
      const fail = (error: ReadByError) => settle(error);
      this.#inFlight.add(fail);
      const timer = setTimeout(
        () =>
          fail(
            new ReadByError(ERROR_CODE.REQUEST_TIMEOUT, `${method}: no answer within ${this.#timeoutMs} ms`),
          ),
        this.#timeoutMs,
      );
      ready
        .then(() => this.#transport.request(method, params))
        .then((answer) => this.#wire.answer(method, params, answer))
        .then(
          (value) => settle(null, value),
          (reason) => fail(toReadByError(reason)),
        );
    });
  }

  /** Fails every request in flight with CHAT_DESTROYED and closes the transport. */
  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    const error = destroyedError();
    for (const reject of this.#inFlight) reject(error);
    this.#inFlight.clear();
    this.#transport.close();
  }
}

/**
 * The error of every call to a destroyed client, for clients of readby's own shape.
 *
 * @example
 * ```ts
 * if (this.destroyed) throw destroyedError(); // CHAT_DESTROYED, 2802
 * ```
 */
export function destroyedError(): ReadByError {
  return new ReadByError(ERROR_CODE.CHAT_DESTROYED, 'the chat was destroyed');
}
