import { ERROR_CODE } from '../core/index';

/** Whether the network lost a request (rather than the server refusing it), so that asking again may work. */
export function isTransient(error: { code?: number }): boolean {
  return error.code === ERROR_CODE.NETWORK_ERROR || error.code === ERROR_CODE.REQUEST_TIMEOUT;
}

/**
 * Retries a query twice when the network lost it. A refusal by the server (permission, a missing message, a bad
 * cursor) is final: asking again gives the same answer, and the user would wait seconds to see it.
 */
export function retryTransient(failureCount: number, error: { code?: number }): boolean {
  return failureCount < 2 && isTransient(error);
}
