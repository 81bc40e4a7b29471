import type { MessageLike } from './chatLike';
import type { ReadByError } from './errors';
import type { ReceiptFacts } from './receiptFacts';
import type { PublishSchedule } from './receiptPublisher';
import type { ReceiptState } from './receiptState';

/**
 * Options of the receipt store, read when it is made.
 *
 * @example
 * ```ts
 * getReceiptStore(chat, { schedule: (publish) => requestAnimationFrame(() => publish()), maxEntries: 5_000 });
 * ```
 */
export interface ReceiptStoreOptions {
  /**
   * Runs the store's publications: every change that arrives before one runs is published in it, once. Default:
   * pushed receipts in a timer of 0 ms, everything else in a microtask, all at once. The React layer passes one
   * that waits for the next animation frame and tells only as many listeners per frame as it can draw in time.
   */
  schedule?: PublishSchedule;
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
