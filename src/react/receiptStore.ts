import { createStore, type StoreApi } from 'zustand/vanilla';
import { EVENT, MAX_RECEIPT_QUERY, type Message, type ReadByError } from '../core/index';
import { perChat } from './perChat';

/** What the store knows of one message's receipts. Loading is derived: counts asked for and not yet known. */
export interface ReceiptEntry {
  /** The latest snapshot, from a push or a pull. */
  message: Message | null;
  /** Why the last pull failed; cleared by the next success. */
  error: ReadByError | null;
}

export interface ReceiptStoreState {
  /** One entry per message the store has heard of. A badge selects its own entry and nothing else. */
  entries: Readonly<Record<string, ReceiptEntry>>;
}

export interface ReceiptStore {
  store: StoreApi<ReceiptStoreState>;
  /** Asks for a message's counts; requests made in the same tick go out together, per conversation. */
  requestCounts(message: Message): void;
  /** Forgets a failed fetch so that the next request tries again. */
  retry(messageID: string): void;
}

const EMPTY: ReceiptEntry = Object.freeze({ message: null, error: null });

/** Looks the timer functions up when called, so that fake timers installed after this module loaded control it. */
const nextFrame = (callback: () => void) => {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(callback);
  else setTimeout(callback, 16);
};

/**
 * The receipt store of a chat: one per chat, shared by every provider and hook that uses it. A framework-free
 * store of receipt state, fed by the chat's events and by batched pulls. It copies nothing from React and holds
 * only snapshots the chat produced; React reads it through selectors, one message each.
 */
export const getReceiptStore = perChat((chat): ReceiptStore => {
  const store = createStore<ReceiptStoreState>(() => ({ entries: {} }));
  /** Replaces the entries of `ids` with what `change` makes of them, in one store update. */
  const update = (ids: string[], change: (entry: ReceiptEntry, id: string) => ReceiptEntry) => {
    const entries = { ...store.getState().entries };
    for (const id of ids) entries[id] = change(entries[id] ?? EMPTY, id);
    store.setState({ entries });
  };

  // --- pushes: changed IDs are collected and applied once per frame -------------------------------------
  let dirty: Set<string> | null = null;
  const markDirty = (messageID: string) => {
    if (!dirty) {
      dirty = new Set();
      nextFrame(applyDirty);
    }
    dirty.add(messageID);
  };
  const applyDirty = () => {
    const ids = dirty;
    dirty = null;
    if (!ids) return;
    const entries = { ...store.getState().entries };
    for (const id of ids) {
      const latest = chat.findMessage(id);
      const entry = entries[id] ?? EMPTY;
      if (latest && latest !== entry.message) entries[id] = { ...entry, message: latest };
    }
    store.setState({ entries });
  };
  chat.on(EVENT.MESSAGE_READ_RECEIPT_RECEIVED, ({ data }) => {
    for (const item of data) markDirty(item.messageID);
  });
  chat.on(EVENT.MESSAGE_READ_BY_PEER, ({ data }) => {
    for (const message of data) markDirty(message.ID);
  });
  // Counts that failed to load are asked for again once the connection is back: clearing the error lets every
  // badge that still shows the message ask anew.
  chat.on(EVENT.NET_STATE_CHANGE, ({ data }) => {
    if (data.state !== 'connected') return;
    const { entries } = store.getState();
    const failed = Object.keys(entries).filter((id) => entries[id]!.error);
    if (failed.length > 0) update(failed, (entry) => ({ ...entry, error: null }));
  });

  // --- pulls: one request per conversation per tick, at most 100 messages each ---------------------------
  const requested = new Set<string>();
  let queued: Map<string, Message[]> | null = null;

  const flush = () => {
    const batches = queued;
    queued = null;
    if (!batches) return;
    for (const messages of batches.values()) {
      for (let start = 0; start < messages.length; start += MAX_RECEIPT_QUERY) {
        const chunk = messages.slice(start, start + MAX_RECEIPT_QUERY);
        const ids = chunk.map((message) => message.ID);
        chat.getMessageReadReceiptList(chunk).then(
          ({ data }) => {
            const fresh = new Map(data.messageList.map((message) => [message.ID, message]));
            update(ids, (entry, id) => ({
              message: chat.findMessage(id) ?? fresh.get(id) ?? entry.message,
              error: null,
            }));
          },
          (error: ReadByError) => {
            for (const id of ids) requested.delete(id);
            update(ids, (entry) => ({ ...entry, error }));
          },
        );
      }
    }
  };

  return {
    store,
    requestCounts(message) {
      if (requested.has(message.ID)) return;
      requested.add(message.ID);
      if (!queued) {
        queued = new Map();
        // At the end of the tick, after every badge mounted in it has asked.
        setTimeout(flush, 0);
      }
      const list = queued.get(message.conversationID) ?? [];
      list.push(message);
      queued.set(message.conversationID, list);
    },
    retry(messageID) {
      requested.delete(messageID);
    },
  };
});

export { EMPTY as EMPTY_RECEIPT_ENTRY };
