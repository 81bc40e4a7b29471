import { perChat } from './perChat';

let next = 0;

/** A stable string per chat, so that query keys of two chats never collide. */
export const chatKey = perChat(() => {
  next += 1;
  return `chat#${next}`;
});
