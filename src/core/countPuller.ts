import type { ChatLike, MessageLike } from './chatLike';
import { MAX_RECEIPT_QUERY } from './constants';
import { type ReadByError, toReadByError } from './errors';

/** What a pull told: the messages it returned by ID, or why it failed. */
export type PullAnswer = { messages: Map<string, MessageLike> } | { error: ReadByError };

interface Pullable {
  readonly facts: { readonly ID: string; readonly conversationID: string };
  readonly message: MessageLike;
}

/**
 * Pulls receipt counts in as few calls as can be: everything asked for in one tick goes out together, one call per
 * conversation and at most 100 messages a call, and a message already on its way is not asked for again.
 *
 * @example
 * ```ts
 * const puller = new CountPuller(chat, (asked, answer) => console.log(asked.length, answer));
 * for (const entry of entries) puller.request(entry); // one call per conversation, at the end of the tick
 * ```
 */
export class CountPuller<T extends Pullable = Pullable> {
  readonly #chat: ChatLike;
  readonly #onAnswer: (asked: T[], answer: PullAnswer) => void;
  /** Asked for and not answered yet: queued for the tick, or on the wire. */
  readonly #pending = new Set<T>();
  #queued: Map<string, T[]> | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #cancelled = false;

  constructor(chat: ChatLike, onAnswer: (asked: T[], answer: PullAnswer) => void) {
    this.#chat = chat;
    this.#onAnswer = onAnswer;
  }

  /** Whether a pull of this item is queued or on its way. */
  has(item: T): boolean {
    return this.#pending.has(item);
  }

  request(item: T): void {
    if (this.#cancelled || this.#pending.has(item)) return;
    this.#pending.add(item);
    if (!this.#queued) {
      this.#queued = new Map();
      // At the end of the tick, after every badge mounted in it has asked.
      this.#timer = setTimeout(() => this.#flush(), 0);
    }
    const list = this.#queued.get(item.facts.conversationID) ?? [];
    list.push(item);
    this.#queued.set(item.facts.conversationID, list);
  }

  /** Drops what is queued and ignores answers still on their way. */
  cancel(): void {
    this.#cancelled = true;
    clearTimeout(this.#timer);
    this.#queued = null;
    this.#pending.clear();
  }

  #flush(): void {
    const batches = this.#queued;
    this.#queued = null;
    if (!batches) return;
    for (const items of batches.values()) {
      for (let start = 0; start < items.length; start += MAX_RECEIPT_QUERY) {
        this.#pull(items.slice(start, start + MAX_RECEIPT_QUERY));
      }
    }
  }

  #pull(items: T[]): void {
    const settle = (answer: PullAnswer) => {
      if (this.#cancelled) return;
      for (const item of items) this.#pending.delete(item);
      this.#onAnswer(items, answer);
    };
    let call: Promise<{ data: { messageList: MessageLike[] } }>;
    try {
      call = this.#chat.getMessageReadReceiptList(items.map((item) => item.message));
    } catch (error) {
      // A client may throw for bad input instead of rejecting: it is the same failure.
      call = Promise.reject(error);
    }
    call.then(
      ({ data }) => {
        const messages = new Map<string, MessageLike>();
        for (const message of data?.messageList ?? []) if (message) messages.set(message.ID, message);
        settle({ messages });
      },
      (error: unknown) => settle({ error: toReadByError(error) }),
    );
  }
}
