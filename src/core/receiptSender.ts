import type { ChatLike, MessageLike } from './chatLike';
import { MAX_RECEIPT_BATCH } from './constants';
import { ERROR_CODE, isTransientError, type ReadByError } from './errors';

/** How long receipts wait for company before they go out, in ms. */
export const RECEIPT_BATCH_DELAY_MS = 300;
/** Failed sends are retried after 1 s, 2 s, 4 s … up to this many attempts in all. */
export const RECEIPT_MAX_ATTEMPTS = 6;
const RECEIPT_BACKOFF_MS = 1_000;
const RECEIPT_MAX_BACKOFF_MS = 30_000;

type ErrorListener = (error: ReadByError, messages: MessageLike[]) => void;

/**
 * Sends the read receipts of one chat: each message once, whoever asked and however often (remounts and
 * StrictMode included), batched per conversation (≤ 30 a call), retried with backoff when the network fails.
 * It outlives the components that feed it, so a receipt queued just before an unmount still goes out, and
 * receipts the network defeated are sent again when the connection comes back: a receipt is owed, not optional.
 * Unless the user turns receipts off: then nothing more goes out, not even what was already waiting.
 *
 * @example
 * ```ts
 * const sender = getReceiptStore(chat).sender;
 * sender.enqueue(message); // goes out within 300 ms, with any others of its conversation
 * sender.setEnabled(false); // the privacy switch: drops what waits, sends nothing more
 * ```
 */
export class ReceiptSender {
  readonly #chat: ChatLike;
  /**
   * Every message queued while enabled. Whatever became of its receipt, it is never queued again: a failed one is
   * retried, or parked for the next reconnect, with the batch it went out in.
   */
  readonly #queued = new Set<string>();
  readonly #queues = new Map<string, MessageLike[]>();
  readonly #errorListeners = new Set<ErrorListener>();
  /** The batch timer and the retry timers, so that turning receipts off can cancel them all. */
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  #batchTimer: ReturnType<typeof setTimeout> | undefined;
  /** Batches whose retries ran out while the network was down, waiting for it to come back. */
  #parked: MessageLike[][] = [];
  #enabled = true;
  /** Counts switches, so that a send already on its way when receipts were turned off is not retried. */
  #generation = 0;

  constructor(chat: ChatLike) {
    this.#chat = chat;
  }

  /** Whether receipts may be sent at all. */
  get enabled(): boolean {
    return this.#enabled;
  }

  /** Whether the message was already queued or sent. */
  has(messageID: string): boolean {
    return this.#queued.has(messageID);
  }

  /**
   * The privacy switch. Turned off, it drops every receipt waiting in a batch, a retry or the parked list, and
   * refuses new ones; the messages dropped may be queued again once it is turned back on.
   */
  setEnabled(enabled: boolean): void {
    if (enabled === this.#enabled) return;
    this.#enabled = enabled;
    this.#generation += 1;
    if (enabled) return;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#batchTimer = undefined;
    const dropped = [...this.#queues.values(), ...this.#parked].flat();
    for (const message of dropped) this.#queued.delete(message.ID);
    this.#queues.clear();
    this.#parked = [];
  }

  /** Queues a receipt; a message is queued at most once, and never while receipts are off. */
  enqueue(message: MessageLike): void {
    if (!this.#enabled || this.#queued.has(message.ID)) return;
    this.#queued.add(message.ID);
    const queue = this.#queues.get(message.conversationID) ?? [];
    queue.push(message);
    this.#queues.set(message.conversationID, queue);
    if (queue.length >= MAX_RECEIPT_BATCH) {
      this.#sendQueue(message.conversationID);
    } else if (this.#batchTimer === undefined) {
      this.#batchTimer = this.#later(() => {
        this.#batchTimer = undefined;
        this.flush();
      }, RECEIPT_BATCH_DELAY_MS);
    }
  }

  /** Sends everything queued now: on unmount and when the page is hidden. */
  flush(): void {
    if (this.#batchTimer !== undefined) {
      clearTimeout(this.#batchTimer);
      this.#timers.delete(this.#batchTimer);
      this.#batchTimer = undefined;
    }
    for (const conversationID of [...this.#queues.keys()]) this.#sendQueue(conversationID);
  }

  /** The connection is back: batches parked after their retries ran out go out again. */
  resume(): void {
    for (const batch of this.#parked.splice(0)) this.#send(batch, 1);
  }

  /**
   * Hears about receipts that could not be sent: refused by the server, or still failing after every retry (those
   * go out again on the next reconnect). Returns a function that stops listening.
   */
  onError(listener: ErrorListener): () => void {
    this.#errorListeners.add(listener);
    return () => this.#errorListeners.delete(listener);
  }

  #later(run: () => void, ms: number): ReturnType<typeof setTimeout> {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      run();
    }, ms);
    this.#timers.add(timer);
    return timer;
  }

  #sendQueue(conversationID: string): void {
    const queue = this.#queues.get(conversationID) ?? [];
    this.#queues.delete(conversationID);
    for (let start = 0; start < queue.length; start += MAX_RECEIPT_BATCH) {
      this.#send(queue.slice(start, start + MAX_RECEIPT_BATCH), 1);
    }
  }

  #send(batch: MessageLike[], attempt: number): void {
    if (!this.#enabled) return;
    const generation = this.#generation;
    this.#chat.sendMessageReadReceipt(batch).catch((error: ReadByError) => {
      if (generation !== this.#generation) return;
      // Nothing left to acknowledge is success: the receipts were not needed.
      if (error?.code === ERROR_CODE.READ_RECEIPT_MSG_LIST_EMPTY) return;
      const retryable = isTransientError(error);
      if (retryable && attempt < RECEIPT_MAX_ATTEMPTS) {
        const delay = Math.min(RECEIPT_BACKOFF_MS * 2 ** (attempt - 1), RECEIPT_MAX_BACKOFF_MS);
        this.#later(() => this.#send(batch, attempt + 1), delay);
        return;
      }
      if (retryable) this.#parked.push(batch);
      for (const listener of this.#errorListeners) listener(error, batch);
    });
  }
}
