import { ERROR_CODE, ReadByError } from '../core/index';

/**
 * Turns whatever the SDK rejected or threw with into a ReadByError, so that readby's callers check one class.
 * The SDK's errors keep their code (2114, 10062 … are the same in readby); its message, when it has one, is
 * kept too. The SDK throws plain `Error`s without a code only for parameters it refuses, hence
 * INVALID_PARAMETER for those.
 *
 * @example
 * ```ts
 * tim.getMessageList({ conversationID }).catch((reason) => { throw fromTencentError(reason, 'getMessageList'); });
 * ```
 */
export function fromTencentError(reason: unknown, method: string): ReadByError {
  if (reason instanceof ReadByError) return reason;
  const shape = typeof reason === 'object' && reason !== null ? (reason as Record<string, unknown>) : {};
  const text = typeof shape.message === 'string' && shape.message.trim() !== '' ? shape.message.trim() : '';
  if (typeof shape.code === 'number') {
    return new ReadByError(shape.code, text || `${method}: failed with code ${shape.code}`, shape.data);
  }
  return new ReadByError(ERROR_CODE.INVALID_PARAMETER, `${method}: ${text || String(reason)}`);
}
