import type { Chat } from '../core/index';

/**
 * Makes a getter for something there is one of per chat (its stores, its receipt sender, its query key): made on
 * first use, shared by every provider and hook after that, and dropped with the chat.
 */
export function perChat<T>(create: (chat: Chat) => T): (chat: Chat) => T {
  const instances = new WeakMap<Chat, T>();
  return (chat) => {
    let instance = instances.get(chat);
    if (instance === undefined) {
      instance = create(chat);
      instances.set(chat, instance);
    }
    return instance;
  };
}
