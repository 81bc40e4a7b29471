import { createStore, type StoreApi } from 'zustand/vanilla';
import { EVENT, type MessageLike } from '../core/index';
import { perChat } from './perChat';

export interface MessageStoreState {
  /** Messages that arrived or were sent while mounted, per conversation, oldest first. */
  live: Readonly<Record<string, readonly MessageLike[]>>;
}

export interface MessageStore {
  store: StoreApi<MessageStoreState>;
  /** Adds a message, or replaces the one with the same ID. */
  put(message: MessageLike): void;
}

/**
 * The live-message list of a chat: one per chat, fed by `MESSAGE_RECEIVED` and by sends made through readby. It
 * holds which messages a conversation shows, keyed by ID; their receipts live in the receipt store alone.
 */
export const getMessageStore = perChat((chat): MessageStore => {
  const store = createStore<MessageStoreState>(() => ({ live: {} }));
  const putAll = (messages: readonly MessageLike[]) => {
    const live = { ...store.getState().live };
    for (const message of messages) {
      const list = live[message.conversationID] ?? [];
      const index = list.findIndex((known) => known.ID === message.ID);
      live[message.conversationID] =
        index === -1 ? [...list, message] : list.map((known, i) => (i === index ? message : known));
    }
    store.setState({ live });
  };
  chat.on(EVENT.MESSAGE_RECEIVED, ({ data }) => putAll(data));
  return { store, put: (message) => putAll([message]) };
});
