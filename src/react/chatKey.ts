import type { Chat } from '../core/index';

const keys = new WeakMap<Chat, string>();
let next = 0;

/** A stable string per chat, so that query keys of two chats never collide. */
export function chatKey(chat: Chat): string {
  let key = keys.get(chat);
  if (key === undefined) {
    next += 1;
    key = `${chat.userID}#${next}`;
    keys.set(chat, key);
  }
  return key;
}
