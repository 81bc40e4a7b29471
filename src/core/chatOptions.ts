import { invalidParameter } from './errors';
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
  /** How long a request may go unanswered before it rejects with `REQUEST_TIMEOUT`. Default 15 000 ms. */
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
        : requireWholeNumber(checked.requestTimeoutMs, 'options.requestTimeoutMs', 1),
    messageCacheSize:
      checked.messageCacheSize === undefined
        ? DEFAULT_MESSAGE_CACHE_SIZE
        : requireWholeNumber(checked.messageCacheSize, 'options.messageCacheSize', 1),
  };
}
