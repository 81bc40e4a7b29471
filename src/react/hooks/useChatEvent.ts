import { useEffect, useRef } from 'react';
import type { ChatLikeEventName, ChatLikeHandler } from '../../core/index';
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
export function useChatEvent<K extends ChatLikeEventName>(name: K, handler: ChatLikeHandler<K>): void {
  const { chat } = useReadByContext('useChatEvent');
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    const listener: ChatLikeHandler<K> = (event) => latest.current(event);
    chat.on(name, listener);
    // `off`, not what `on` returned: the vendor SDK's `on` returns nothing.
    return () => void chat.off(name, listener);
  }, [chat, name]);
}
