import type { ChatLike, ChatLikeEventName, ChatLikeHandler, MessageLike } from './chatLike';
import { EVENT } from './constants';
import { CountPuller } from './countPuller';
import type { ReadByError } from './errors';
import type { ReceiptEntry as Entry, ReceiptStoreOptions } from './receiptEntry';
import {
  factsOfMessage,
  factsWithPush,
  hasCounts,
  isFinal,
  mergeFacts,
  type ReceiptFacts,
} from './receiptFacts';
import { type PublishSchedule, type PublishWhen, ReceiptPublisher } from './receiptPublisher';
import { ReceiptSender } from './receiptSender';
import { isTracked, type ReceiptState, receiptStateOf, sameReceiptState } from './receiptState';

/**
 * One current receipt state per message ID, for any {@link ChatLike} client, with no framework in it: fed by the
 * messages handed to {@link ReceiptStore.track}, by sends, pulls and pushes; read one message at a time with
 * {@link ReceiptStore.get} and {@link ReceiptStore.subscribe}. It batches count pulls (once a tick, per
 * conversation, ≤ 100 a call), publishes pushes once per scheduled flush, pulls again what may have changed while
 * the connection was down, and owns the chat's {@link ReceiptSender}.
 *
 * @example
 * ```ts
 * const store = getReceiptStore(chat);
 * const stop = store.subscribe(message.ID, () => render(store.get(message.ID)));
 * store.track(message); // asks for the counts if they are not known
 * ```
 */
export class ReceiptStore {
  readonly #chat: ChatLike;
  readonly #maxEntries: number;
  readonly #entries = new Map<string, Entry>();
  readonly #publisher: ReceiptPublisher<Entry>;
  readonly #puller: CountPuller<Entry>;
  readonly #off: Array<() => void> = [];
  /** The last state described for each message object, so that tracking it later can keep that very object. */
  readonly #described = new WeakMap<MessageLike, ReceiptState>();
  #userID: string;
  /** The chat that receipts are sent through. */
  readonly sender: ReceiptSender;

  constructor(chat: ChatLike, options: ReceiptStoreOptions = {}) {
    this.#chat = chat;
    this.#publisher = new ReceiptPublisher<Entry>(
      (entry) => entry.facts.ID,
      (entry) => {
        const next = this.#stateOf(entry);
        if (sameReceiptState(next, entry.state)) return false;
        entry.state = next;
        return true;
      },
      options.schedule ?? publishByTimer,
    );
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#userID = chat.getLoginUser();
    this.sender = new ReceiptSender(chat);
    this.#puller = new CountPuller<Entry>(chat, (entries, answer) => this.#onPulled(entries, answer));
    this.#listen(EVENT.MESSAGE_READ_RECEIPT_RECEIVED, ({ data }) => {
      for (const item of data) this.#change(this.#entries.get(item.messageID), (e) => factsWithPush(e, item));
    });
    this.#listen(EVENT.MESSAGE_READ_BY_PEER, ({ data }) => {
      for (const message of data) {
        this.#change(this.#entries.get(message.ID), (e) => mergeFacts(e, { ...e, isPeerRead: true }));
      }
    });
    this.#listen(EVENT.MESSAGE_STATUS_CHANGED, ({ data }) => {
      for (const message of data) if (this.#entries.has(message.ID)) this.track(message);
    });
    this.#listen(EVENT.NET_STATE_CHANGE, ({ data }) => {
      if (data.state === 'connected') this.#onConnected();
    });
  }

  /** The signed-in user whose messages are followed. */
  get userID(): string {
    return this.#userID;
  }

  /** The current state of a message handed to {@link ReceiptStore.track}, or `undefined`. */
  get(messageID: string): ReceiptState | undefined {
    return this.#entries.get(messageID)?.state;
  }

  /**
   * The state a message shows by itself, before the store has heard of it (a first render, a server render).
   * Records nothing.
   */
  describe(message: MessageLike): ReceiptState {
    const facts = factsOfMessage(message);
    const supported = this.#chat.hasReadReceipts?.(message) ?? true;
    const state = receiptStateOf(facts, isTracked(facts, this.#userID, supported), null, false);
    const before = this.#described.get(message);
    if (before?.messageID === state.messageID && sameReceiptState(before, state)) return before;
    this.#described.set(message, state);
    return state;
  }

  /** Calls `listener` whenever the state of `messageID` changes. Returns a function that stops it. */
  subscribe(messageID: string, listener: () => void): () => void {
    return this.#publisher.subscribe(messageID, listener);
  }

  /**
   * Hands the store a message: what it says moves the known state forward (never back), and its counts are pulled
   * when they are needed and unknown. Any object with the message fields will do: a snapshot, the vendor SDK's
   * live object, or JSON from elsewhere. The object is read now and not kept for its values.
   */
  track(message: MessageLike): void {
    const facts = factsOfMessage(message);
    const supported = this.#chat.hasReadReceipts?.(message) ?? true;
    const entry = this.#entries.get(message.ID);
    if (!entry) {
      // Receipts pushed before the store heard of the message are in the client's own copy, if it keeps one.
      const own = this.#chat.findMessage ? this.#chat.findMessage(message.ID) : undefined;
      const held = own?.ID === message.ID;
      const created: Entry = {
        facts: held ? mergeFacts(facts, factsOfMessage(own)) : facts,
        message,
        supported,
        error: null,
        settled: false,
        unknownToClient: own === null,
        state: null!,
      };
      created.state = this.#stateOf(created);
      // The very object a render described, when it says the same: a view that showed it has nothing to redo.
      const described = this.#described.get(message);
      if (described?.messageID === message.ID && sameReceiptState(described, created.state))
        created.state = described;
      // Room is made first, so that the message just handed in is never the one forgotten.
      this.#evict(this.#maxEntries - 1);
      this.#entries.set(message.ID, created);
    } else {
      entry.message = message;
      // At once: a component that hands in a newer snapshot shows it in the same commit. A snapshot that says
      // nothing new (the common case: a re-render) publishes nothing.
      if (entry.supported !== supported) {
        entry.supported = supported;
        this.#publisher.changed(entry, 'now');
      }
      this.#change(entry, (current) => mergeFacts(current, facts), 'now');
    }
    const current = this.#entries.get(message.ID)!;
    this.#pullIfNeeded(current);
    // Whoever subscribed before the message was handed in hears of its first state.
    if (!entry) this.#publisher.created(current);
  }

  /** Forgets a failed pull and asks again. */
  refetch(messageID: string): void {
    const entry = this.#entries.get(messageID);
    if (!entry) return;
    if (entry.error) {
      entry.error = null;
      this.#publisher.changed(entry, 'soon');
    }
    entry.settled = false;
    this.#pullIfNeeded(entry);
  }

  /** Stops listening to the chat and forgets every message; the chat itself is left as it is. */
  destroy(): void {
    for (const off of this.#off.splice(0)) off();
    this.sender.setEnabled(false);
    this.#puller.cancel();
    this.#entries.clear();
    this.#publisher.clear();
    stores.delete(this.#chat);
  }

  #listen<K extends ChatLikeEventName>(name: K, handler: ChatLikeHandler<K>): void {
    this.#chat.on(name, handler);
    this.#off.push(() => this.#chat.off(name, handler));
  }

  #stateOf(entry: Entry): ReceiptState {
    const tracked = isTracked(entry.facts, this.#userID, entry.supported);
    return receiptStateOf(entry.facts, tracked, entry.error, entry.settled);
  }

  #needsCounts(entry: Entry): boolean {
    return (
      isTracked(entry.facts, this.#userID, entry.supported) &&
      entry.facts.sendStatus === 'success' &&
      (!hasCounts(entry.facts) || entry.unknownToClient)
    );
  }

  #pullIfNeeded(entry: Entry): void {
    if (entry.error || entry.settled || !this.#needsCounts(entry)) return;
    this.#puller.request(entry);
  }

  /** Moves an entry's facts forward; pushes publish on the schedule, everything else at once. */
  #change(
    entry: Entry | undefined,
    next: (facts: ReceiptFacts) => ReceiptFacts,
    when: PublishWhen = 'scheduled',
  ): void {
    if (!entry) return;
    const facts = next(entry.facts);
    if (facts === entry.facts) return;
    entry.facts = facts;
    this.#publisher.changed(entry, when);
  }

  #onPulled(entries: Entry[], answer: { messages: Map<string, MessageLike> } | { error: ReadByError }): void {
    for (const entry of entries) {
      if (this.#entries.get(entry.facts.ID) !== entry) continue;
      if ('error' in answer) {
        entry.error = answer.error;
      } else {
        const pulled = answer.messages.get(entry.facts.ID);
        if (pulled) entry.facts = mergeFacts(entry.facts, factsOfMessage(pulled, true));
        entry.settled = true;
        entry.unknownToClient = false;
        entry.error = null;
      }
      this.#publisher.changed(entry, 'soon');
    }
  }

  /**
   * The connection is back (or a user signed in): receipts sent meanwhile were never pushed, so the messages
   * someone is watching and that can still change are pulled again, and failed pulls are tried again.
   */
  #onConnected(): void {
    const userID = this.#chat.getLoginUser();
    const userChanged = userID !== this.#userID;
    this.#userID = userID;
    this.sender.resume();
    for (const entry of this.#entries.values()) {
      const watched = this.#publisher.isWatched(entry.facts.ID);
      // A client that was not ready may only now know which groups have receipts.
      const supported = this.#chat.hasReadReceipts?.(entry.message) ?? true;
      if (supported !== entry.supported) {
        entry.supported = supported;
        this.#publisher.changed(entry, 'soon');
      }
      if (userChanged || entry.error) {
        entry.error = null;
        this.#publisher.changed(entry, 'soon');
      }
      if (watched && !isFinal(entry.facts) && !this.#puller.has(entry)) entry.settled = false;
      if (watched) this.#resync(entry);
    }
  }

  #resync(entry: Entry): void {
    if (this.#puller.has(entry) || entry.facts.sendStatus !== 'success') return;
    if (!isTracked(entry.facts, this.#userID, entry.supported) || isFinal(entry.facts)) return;
    this.#puller.request(entry);
  }

  /** Forgets the oldest messages nobody watches until at most `limit` remain (or only watched ones do). */
  #evict(limit: number): void {
    if (this.#entries.size <= limit) return;
    for (const [id, entry] of this.#entries) {
      if (this.#entries.size <= limit) break;
      if (this.#publisher.isWatched(id) || this.#puller.has(entry)) continue;
      this.#entries.delete(id);
    }
  }
}

/** Without a schedule of its own, the store publishes pushes in a timer and the rest in a microtask, all at once. */
const publishByTimer: PublishSchedule = (publish, urgent) => {
  if (urgent) queueMicrotask(() => publish());
  else setTimeout(() => publish(), 0);
};

const stores = new WeakMap<ChatLike, ReceiptStore>();

/**
 * The receipt store of a chat: made on first use, then shared by everything that asks for the same chat, so that
 * one message has one state however many badges show it. `options` count only when the store is made.
 *
 * @example
 * ```ts
 * const store = getReceiptStore(chat);
 * store.track(message);
 * store.subscribe(message.ID, () => console.log(store.get(message.ID)?.status));
 * ```
 */
export function getReceiptStore(chat: ChatLike, options?: ReceiptStoreOptions): ReceiptStore {
  let store = stores.get(chat);
  if (!store) {
    store = new ReceiptStore(chat, options);
    stores.set(chat, store);
  }
  return store;
}
