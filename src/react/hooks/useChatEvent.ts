import { useEffect, useRef } from 'react';
import type { ChatEventHandler, EventMap } from '../../core/index';
import { useReadByContext } from '../ReadByProvider';

/**
 * Listens to a chat event for as long as the component is mounted. The latest handler is always called, so an
 * inline function does not resubscribe on every render.
 *
 * @example
 * ```tsx
 * useChatEvent(EVENT.MESSAGE_RECEIVED, ({ data }) => setUnseen((n) => n + data.length));
 * ```
 */
export function useChatEvent<K extends keyof EventMap>(name: K, handler: ChatEventHandler<K>): void {
  const { chat } = useReadByContext('useChatEvent');
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => chat.on(name, (event) => latest.current(event)), [chat, name]);
}
