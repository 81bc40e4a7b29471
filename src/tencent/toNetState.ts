import { type NetState, TYPES } from '../core/index';

/**
 * The connection state readby is told, from the state the SDK reports (`TYPES.NET_STATE_*`, the same three
 * words). Until the SDK is ready a connection is of no use yet, so `'connected'` is reported as `'connecting'`:
 * readby pulls when it hears `'connected'`, and the adapter says so itself once the SDK is ready. A state the
 * SDK may add later counts as `'connecting'`, since the SDK reconnects by itself.
 *
 * @example
 * ```ts
 * toNetState('connected', false); // 'connecting'
 * toNetState('disconnected', true); // 'disconnected'
 * ```
 */
export function toNetState(state: unknown, ready: boolean): NetState {
  if (state === TYPES.NET_STATE_CONNECTED)
    return ready ? TYPES.NET_STATE_CONNECTED : TYPES.NET_STATE_CONNECTING;
  if (state === TYPES.NET_STATE_DISCONNECTED) return TYPES.NET_STATE_DISCONNECTED;
  return TYPES.NET_STATE_CONNECTING;
}
