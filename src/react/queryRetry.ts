import { isTransientError } from '../core/index';

/**
 * Retries a query twice when the network lost it. A refusal by the server (permission, a missing message, a bad
 * cursor) is final: asking again gives the same answer, and the user would wait seconds to see it.
 */
export function retryTransient(failureCount: number, error: { code?: number }): boolean {
  return failureCount < 2 && isTransientError(error);
}
