import {
  type Chat,
  ERROR_CODE,
  EVENT,
  isTransientError,
  MAX_RECEIPT_BATCH,
  type Message,
  type ReadByError,
} from '../core/index';
import { perChat } from './perChat';

/** How long receipts wait for company before they go out, in ms. */
export const RECEIPT_BATCH_DELAY_MS = 300;
/** Failed sends are retried after 1 s, 2 s, 4 s … up to this many attempts in all. */
export const RECEIPT_MAX_ATTEMPTS = 6;
const RECEIPT_BACKOFF_MS = 1_000;
const RECEIPT_MAX_BACKOFF_MS = 30_000;

/**
 * Sends the read receipts of one chat: each message once, whoever asked and however often (remounts and
 * StrictMode included), batched per conversation (≤ 30 a call), retried with backoff when the network fails.
 * It outlives the components that feed it, so a receipt queued just before an unmount still goes out, and
 * receipts the network defeated are sent again when the connection comes back: a receipt is owed, not optional.
 */
export class ReceiptSender {
  readonly #chat: Chat;
  /**
   * Every message ever queued. Whatever became of its receipt, it is never queued again: a failed one is retried,
   * or parked for the next reconnect, with the batch it went out in.
   */
  readonly #queued = new Set<string>();
  readonly #queues = new Map<string, Message[]>();
  readonly #errorListeners = new Set<(error: ReadByError, messages: Message[]) => void>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Batches whose retries ran out while the network was down, waiting for it to come back. */
  #parked: Message[][] = [];

  constructor(chat: Chat) {
    this.#chat = chat;
    chat.on(EVENT.NET_STATE_CHANGE, ({ data }) => {
      if (data.state !== 'connected') return;
      for (const batch of this.#parked.splice(0)) this.#send(batch, 1);
    });
  }

  /** Whether the message was already queued or sent. */
  has(messageID: string): boolean {
    return this.#queued.has(messageID);
  }

  /** Queues a receipt; a message is queued at most once. */
  enqueue(message: Message): void {
    if (this.#queued.has(message.ID)) return;
    this.#queued.add(message.ID);
    const queue = this.#queues.get(message.conversationID) ?? [];
    queue.push(message);
    this.#queues.set(message.conversationID, queue);
    if (queue.length >= MAX_RECEIPT_BATCH) {
      this.#sendQueue(message.conversationID);
    } else if (this.#timer === undefined) {
      this.#timer = setTimeout(() => this.flush(), RECEIPT_BATCH_DELAY_MS);
    }
  }

  /** Sends everything queued now: on unmount and when the page is hidden. */
  flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    for (const conversationID of [...this.#queues.keys()]) this.#sendQueue(conversationID);
  }

  /**
   * Hears about receipts that could not be sent: refused by the server, or still failing after every retry (those
   * go out again on the next reconnect). Returns a function that stops listening.
   */
  onError(listener: (error: ReadByError, messages: Message[]) => void): () => void {
    this.#errorListeners.add(listener);
    return () => this.#errorListeners.delete(listener);
  }

  #sendQueue(conversationID: string): void {
    const queue = this.#queues.get(conversationID) ?? [];
    this.#queues.delete(conversationID);
    for (let start = 0; start < queue.length; start += MAX_RECEIPT_BATCH) {
      this.#send(queue.slice(start, start + MAX_RECEIPT_BATCH), 1);
    }
  }

  #send(batch: Message[], attempt: number): void {
    this.#chat.sendMessageReadReceipt(batch).catch((error: ReadByError) => {
      // Nothing left to acknowledge is success: the receipts were not needed.
      if (error.code === ERROR_CODE.READ_RECEIPT_MSG_LIST_EMPTY) return;
      const retryable = isTransientError(error);
      if (retryable && attempt < RECEIPT_MAX_ATTEMPTS) {
        const delay = Math.min(RECEIPT_BACKOFF_MS * 2 ** (attempt - 1), RECEIPT_MAX_BACKOFF_MS);
        setTimeout(() => this.#send(batch, attempt + 1), delay);
        return;
      }
      if (retryable) this.#parked.push(batch);
      for (const listener of this.#errorListeners) listener(error, batch);
    });
  }
}

/** The receipt sender of a chat: one per chat, so that no two trackers send the same receipt. */
export const getReceiptSender = perChat((chat) => new ReceiptSender(chat));
