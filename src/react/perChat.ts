import type { ChatLike } from '../core/index';

/**
 * Makes a getter for something there is one of per chat (its message store, its query key): made on first use,
 * shared by every provider and hook after that, and dropped with the chat.
 */
export function perChat<T>(create: (chat: ChatLike) => T): (chat: ChatLike) => T {
  const instances = new WeakMap<ChatLike, T>();
  return (chat) => {
    let instance = instances.get(chat);
    if (instance === undefined) {
      instance = create(chat);
      instances.set(chat, instance);
    }
    return instance;
  };
}
