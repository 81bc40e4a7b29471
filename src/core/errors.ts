/**
 * Error codes, equal to the vendor SDK's where it has them.
 *
 * @example
 * ```ts
 * try { await chat.sendMessageReadReceipt(list); }
 * catch (error) { if (error.code === ERROR_CODE.READ_RECEIPT_MSG_LIST_EMPTY) return; throw error; }
 * ```
 */
export const ERROR_CODE = Object.freeze({
  READ_RECEIPT_MSG_LIST_EMPTY: 2114,
  INVALID_PARAMETER: 10004,
  PERMISSION_DENIED: 10007,
  GROUP_NOT_FOUND: 10010,
  READ_RECEIPT_NOT_SUPPORTED: 10059,
  READ_RECEIPT_NOT_FOUND: 10062,
  NETWORK_ERROR: 2800,
  REQUEST_TIMEOUT: 2801,
  CHAT_DESTROYED: 2802,
  /** readby's own: the server's answer or push was malformed or impossible (counts that cannot be), so it was refused. */
  INVALID_RESPONSE: 2803,
} as const);

export type ErrorCode = (typeof ERROR_CODE)[keyof typeof ERROR_CODE];

/**
 * The one error class of readby. Every asynchronous method rejects with it; `create*Message` throws it.
 *
 * @example
 * ```ts
 * chat.getGroupMessageReadMemberList({ message, filter: 2, cursor: '', count: 30 })
 *   .catch((error) => { if (error instanceof ReadByError) console.log(error.code, error.message); });
 * ```
 */
export class ReadByError extends Error {
  override readonly name = 'ReadByError';
  readonly code: number;
  readonly data: unknown;

  constructor(code: number, message: string, data?: unknown) {
    super(message);
    this.code = code;
    this.data = data;
  }

  /** A plain object that can cross a transport. */
  toJSON(): { code: number; message: string; data?: unknown } {
    const { code, message, data } = this;
    return data === undefined ? { code, message } : { code, message, data };
  }
}

/** Shorthand for the error every bad argument gets: it names the parameter and what was expected. */
export function invalidParameter(parameter: string, expected: string): ReadByError {
  return new ReadByError(ERROR_CODE.INVALID_PARAMETER, `${parameter}: expected ${expected}`);
}

/**
 * Whether the network lost the request (`NETWORK_ERROR`, `REQUEST_TIMEOUT`) rather than the server refusing it:
 * only then may asking again succeed, and requests are safe to repeat (R12).
 *
 * @example
 * ```ts
 * chat.sendMessageReadReceipt(list).catch((error) => { if (isTransientError(error)) retryLater(list); });
 * ```
 */
export function isTransientError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === ERROR_CODE.NETWORK_ERROR || code === ERROR_CODE.REQUEST_TIMEOUT;
}

/** Any rejection a transport produces becomes a ReadByError, so callers check one class. */
export function toReadByError(reason: unknown): ReadByError {
  if (reason instanceof ReadByError) return reason;
  if (isErrorShape(reason)) return new ReadByError(reason.code, reason.message, reason.data);
  const text = reason instanceof Error ? reason.message : String(reason);
  return new ReadByError(ERROR_CODE.NETWORK_ERROR, `network error: ${text}`);
}

function isErrorShape(value: unknown): value is { code: number; message: string; data?: unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'number' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}
