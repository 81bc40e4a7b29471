import { ReadByError } from '../core/index';

/** The SDK's code for a call made while nobody is logged in. */
export const USER_NOT_LOGGED_IN = 2024;

/**
 * The codes with which the SDK rejects a call while it is not ready: it rejects with the reason it is not ready,
 * which is 2024 (nobody logged in), 2999 (not ready), 3000 (logging in), 3001 (login failed), 3002–3004 and 3006
 * (kicked out) or 3005 (logged out). A call that fails so is not wrong, only early.
 */
export const NOT_READY_CODES: ReadonlySet<number> = new Set([
  2024, 2999, 3000, 3001, 3002, 3003, 3004, 3005, 3006,
]);

/**
 * Whether the SDK refused a call only because it was not ready.
 *
 * @example
 * ```ts
 * tim.getMessageList({ conversationID }).catch((error) => { if (isNotReadyError(error)) retryAfterReady(); });
 * ```
 */
export function isNotReadyError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' && NOT_READY_CODES.has(code);
}

/** One period of readiness: the how-manieth it is, and who was logged in. */
export interface ReadyPeriod {
  readonly generation: number;
  readonly userID: string;
}

interface Waiter {
  after: number;
  resolve(period: ReadyPeriod): void;
  reject(error: ReadByError): void;
}

/**
 * Holds calls until the SDK is ready. Every `SDK_READY` opens a new period; `SDK_NOT_READY` and `KICKED_OUT`
 * close it. Calls wait for an open period; a call the SDK still refused as not ready waits for a later one.
 *
 * @example
 * ```ts
 * const gate = new ReadyGate();
 * tim.on('sdkStateReady', () => gate.open(String(tim.getLoginUser())));
 * const page = await callWhenReady(gate, 'getMessageList', () => tim.getMessageList({ conversationID }));
 * ```
 */
export class ReadyGate {
  #generation = 0;
  #period: ReadyPeriod | null = null;
  #waiters: Waiter[] = [];
  #failure: ReadByError | null = null;

  /** The open period, or `null` while the SDK is not ready. */
  get period(): ReadyPeriod | null {
    return this.#period;
  }

  /** Opens a new period for `userID` and lets every waiting call through. */
  open(userID: string): ReadyPeriod {
    this.#generation += 1;
    const period = { generation: this.#generation, userID };
    this.#period = period;
    const waiting = this.#waiters;
    this.#waiters = [];
    for (const waiter of waiting) {
      if (waiter.after < period.generation) waiter.resolve(period);
      else this.#waiters.push(waiter);
    }
    return period;
  }

  close(): void {
    this.#period = null;
  }

  /** Resolves with the open period once there is one later than period number `after`. */
  wait(after = 0): Promise<ReadyPeriod> {
    if (this.#failure) return Promise.reject(this.#failure);
    const period = this.#period;
    if (period && period.generation > after) return Promise.resolve(period);
    return new Promise((resolve, reject) => this.#waiters.push({ after, resolve, reject }));
  }

  /** Rejects every waiting call, and every later one, with `error`: the adapter was destroyed. */
  fail(error: ReadByError): void {
    this.#failure = error;
    this.#period = null;
    for (const waiter of this.#waiters.splice(0)) waiter.reject(error);
  }
}

/**
 * Runs `call` once the SDK is ready. When the SDK refuses it as not ready (it went away while the call was on its
 * way), the call waits for the next ready period and runs again, so that none is lost; but only for the user it
 * was first made for: it never acts for whoever logs in next.
 *
 * @example
 * ```ts
 * await callWhenReady(gate, 'sendMessageReadReceipt', () => tim.sendMessageReadReceipt(messageList));
 * ```
 */
export async function callWhenReady<T>(gate: ReadyGate, method: string, call: () => Promise<T>): Promise<T> {
  let period = await gate.wait();
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (!isNotReadyError(error)) throw error;
      const next = await gate.wait(period.generation);
      if (next.userID !== period.userID) {
        const code = (error as { code: number }).code;
        throw new ReadByError(
          code,
          `${method}: ${period.userID} was logged out before it completed, and ${next.userID} logged in`,
        );
      }
      period = next;
    }
  }
}
