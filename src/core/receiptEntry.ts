import type { MessageLike } from './chatLike';
import type { ReadByError } from './errors';
import type { ReceiptFacts } from './receiptFacts';
import type { ReceiptState } from './receiptState';

/**
 * Options of the receipt store, read when it is made.
 *
 * @example
 * ```ts
 * getReceiptStore(chat, { schedule: (publish) => requestAnimationFrame(publish), maxEntries: 5_000 });
 * ```
 */
export interface ReceiptStoreOptions {
  /**
   * Runs the store's publication of pushed receipts: every push that arrives before it runs is published in one
   * update. Default: a timer of 0 ms. The React layer passes one that waits for the next animation frame.
   */
  schedule?: (publish: () => void) => void;
  /** How many messages nobody watches the store remembers before it forgets the oldest. Default 10,000. */
  maxEntries?: number;
}

/** One message as the receipt store knows it. Everything in it is plain data: the message object is only passed on. */
export interface ReceiptEntry {
  facts: ReceiptFacts;
  /** The latest object handed in, for calls that want the client's own message (the vendor SDK does). */
  message: MessageLike;
  supported: boolean;
  error: ReadByError | null;
  /** A pull answered, whether or not it knew the counts: nothing more to wait for. */
  settled: boolean;
  /**
   * The client does not hold the message (a JSON copy, a server render, another device's): one pull makes it
   * take the message in, so that its receipts are pushed from then on, whatever the copy said.
   */
  unknownToClient: boolean;
  state: ReceiptState;
}
