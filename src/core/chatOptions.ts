import { reportUncaught } from './emitter';
import { invalidParameter, type ReadByError } from './errors';
import { DEFAULT_MESSAGE_CACHE_SIZE } from './messageCache';
import type { Transport } from './transport';
import { isObject, requireObject, requireString, requireWholeNumber } from './validate';

/**
 * What `ReadBy.create` takes.
 *
 * @example
 * ```ts
 * const chat = ReadBy.create({
 *   transport: server.connect('alice'),
 *   requestTimeoutMs: 10_000,
 *   messageCacheSize: 2_000,
 * });
 * ```
 */
export interface ChatOptions {
  /** The connection to the server; it also says who the user is. */
  transport: Transport;
  /**
   * How long a request may go unanswered before it rejects with `REQUEST_TIMEOUT`: a whole number of ms from 1 to
   * 2,147,483,647 (the longest a timer can wait); default 15,000.
   */
  requestTimeoutMs?: number;
  /**
   * How many messages the chat keeps the latest snapshot of, a whole number ≥ 1; default 5,000. Beyond it the
   * least recently used message is forgotten: `findMessage` returns `null` for it and pushes about it are
   * dropped, until it is loaded or passed to a call again. A message whose send has not settled is always kept.
   *
   * @example
   * ```ts
   * // A widget that shows one conversation needs far fewer.
   * const chat = ReadBy.create({ transport, messageCacheSize: 500 });
   * ```
   */
  messageCacheSize?: number;
  /**
   * Hears what the server sent that the chat refused without any call to reject: a malformed or impossible push
   * (counts of another total, a message that takes a draft's ID), an unknown connection state, a malformed answer
   * to a resync pull. Each is an `INVALID_RESPONSE` (2803) error whose message names the bad field; the chat
   * drops what it refused and changes nothing. Default: reported as the platform reports an uncaught error.
   *
   * @example
   * ```ts
   * const chat = ReadBy.create({ transport, onError: (error) => log.warn(error.message) });
   * ```
   */
  onError?: (error: ReadByError) => void;
}

/** Timers wait at most 2^31 − 1 ms: a longer delay fires at once, so every request would time out at once. */
const MAX_TIMER_MS = 2_147_483_647;

function requireFunction<T>(value: unknown, name: string): T {
  if (typeof value !== 'function') throw invalidParameter(name, 'a function');
  return value as T;
}

/** The options checked, with defaults filled in; throws INVALID_PARAMETER naming the bad option. */
export function readChatOptions(options: unknown): Required<ChatOptions> & { userID: string } {
  const checked = requireObject(options, 'options');
  const transport = checked.transport as Transport | undefined;
  if (
    !isObject(transport) ||
    typeof transport.request !== 'function' ||
    typeof transport.open !== 'function'
  ) {
    throw invalidParameter('options.transport', 'a Transport');
  }
  return {
    transport,
    userID: requireString(transport.userID, 'options.transport.userID'),
    requestTimeoutMs:
      checked.requestTimeoutMs === undefined
        ? 15_000
        : requireWholeNumber(checked.requestTimeoutMs, 'options.requestTimeoutMs', 1, MAX_TIMER_MS),
    messageCacheSize:
      checked.messageCacheSize === undefined
        ? DEFAULT_MESSAGE_CACHE_SIZE
        : requireWholeNumber(checked.messageCacheSize, 'options.messageCacheSize', 1),
    onError:
      checked.onError === undefined ? reportUncaught : requireFunction(checked.onError, 'options.onError'),
  };
}
