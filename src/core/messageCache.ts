import { TYPES } from './constants';
import {
  mergeReceiptInfo,
  messageFromWire,
  receiptInfoFromWire,
  receiptsSettled,
  withChanges,
} from './message';
import type { WireMessage, WireReceipt } from './protocol';
import type { Message } from './types';

/** How many messages a chat keeps by default (`ChatOptions.messageCacheSize`). */
export const DEFAULT_MESSAGE_CACHE_SIZE = 5_000;

/**
 * How many of the user's own messages a resync pulls at most: those with the latest activity (sent, loaded,
 * adopted or given new readers) among the ones whose receipts can still change. That is more than a user has on
 * screen across several conversations, and two pulls of 100 when they are all in one. Older messages lose
 * little: a group push carries absolute counts, so the next push for a message repairs a lost one, and a badge
 * that shows an old message pulls its counts itself.
 */
export const RESYNC_WINDOW = 200;

/**
 * The latest snapshot of each message the chat has sent, received, loaded or adopted, by ID: a least recently
 * used cache of at most `limit` messages, with an index by conversation and the list of own messages a resync
 * pulls. A message whose send has not settled (`'unSend'`) is held apart, outside the bound and never evicted:
 * its send is still to report on it, and it must not push settled messages out of the cache meanwhile.
 */
export class MessageCache {
  readonly #userID: string;
  readonly #limit: number;
  /** Oldest use first: a Map keeps insertion order, and a use moves a message to the end. */
  readonly #messages = new Map<string, Message>();
  /** Messages whose send has not settled. */
  readonly #unsent = new Map<string, Message>();
  /** Message IDs by conversation, so that a peer's read mark touches one conversation, not every message. */
  readonly #conversations = new Map<string, Set<string>>();
  /** Own messages whose receipts can still change, ID → conversation ID, oldest activity first. */
  readonly #watched = new Map<string, string>();
  /**
   * Messages whose send this client started and never had an answer to: the send may have landed, so sending one
   * again goes to the server even once history shows it sent (the server answers a repeated send with the stored
   * message).
   */
  readonly unanswered = new Set<string>();
  /**
   * Own messages given new readers by a caller's own pull, which announces nothing (R6), with the snapshot from
   * before it: the next resync announces those readers, so that whoever follows the events (a receipt store)
   * is not left behind when the push that would have told it was lost.
   */
  readonly unannounced = new Map<string, Message>();

  constructor(userID: string, limit: number) {
    this.#userID = userID;
    this.#limit = limit;
  }

  /** The latest snapshot, without counting as a use. */
  peek(ID: string): Message | undefined {
    return this.#messages.get(ID) ?? this.#unsent.get(ID);
  }

  /** The latest snapshot; a use that keeps it from eviction for longer. */
  get(ID: string): Message | undefined {
    const message = this.#messages.get(ID);
    if (!message) return this.#unsent.get(ID);
    this.#messages.delete(ID);
    this.#messages.set(ID, message);
    return message;
  }

  /** Stores a snapshot as the latest of its message, evicting the least recently used beyond the bound. */
  set(message: Message): void {
    const ID = message.ID;
    // A message keeps its conversation for life, so only a new one joins the index.
    const known = this.#messages.delete(ID) || (this.#unsent.size > 0 && this.#unsent.delete(ID));
    if (message.status === 'unSend') this.#unsent.set(ID, message);
    else this.#messages.set(ID, message);
    if (!known) {
      const ids = this.#conversations.get(message.conversationID);
      if (ids) ids.add(ID);
      else this.#conversations.set(message.conversationID, new Set([ID]));
    }
    if (message.from === this.#userID) this.#watch(message);
    while (this.#messages.size > this.#limit) this.#evictOldest();
  }

  /** Stores what the server sent, merged with what was known of the message. */
  setWire(wire: WireMessage): Message {
    const message = messageFromWire(wire, this.#userID, this.peek(wire.ID) ?? null);
    this.set(message);
    return message;
  }

  /** Applies a receipt state to an own message; returns the new snapshot, or null when it changed nothing. */
  applyReceipt(receipt: WireReceipt): Message | null {
    const message = this.#messages.get(receipt.messageID);
    if (!message || message.from !== this.#userID) return null;
    const kind = message.conversationType;
    const info = mergeReceiptInfo(kind, message.readReceiptInfo, receiptInfoFromWire(kind, receipt));
    const markedRead =
      kind === TYPES.CONV_C2C && 'markedRead' in receipt && receipt.markedRead && !message.isPeerRead;
    if (info === message.readReceiptInfo && !markedRead) return null;
    const next = withChanges(
      message,
      markedRead ? { readReceiptInfo: info, isPeerRead: true } : { readReceiptInfo: info },
    );
    this.set(next);
    return next;
  }

  /** The peer marked a one-to-one conversation read up to `sequence` (R9): the own messages it changed. */
  markPeerRead(conversationID: string, sequence: number): Message[] {
    const changed: Message[] = [];
    for (const id of [...(this.#conversations.get(conversationID) ?? [])]) {
      const message = this.#messages.get(id);
      if (message?.flow !== 'out' || message.status !== 'success') continue;
      if (message.isPeerRead || message.sequence > sequence) continue;
      const next = withChanges(message, { isPeerRead: true });
      this.set(next);
      changed.push(next);
    }
    return changed.sort((a, b) => a.sequence - b.sequence);
  }

  /**
   * The own messages a resync pulls, by conversation (a pull takes one conversation's messages): those of the
   * latest activity whose receipts can still change, at most {@link RESYNC_WINDOW}; only the conversations in
   * `only` when given.
   */
  watched(only?: ReadonlySet<string>): Map<string, string[]> {
    const byConversation = new Map<string, string[]>();
    for (const [ID, conversationID] of this.#watched) {
      if (only && !only.has(conversationID)) continue;
      const ids = byConversation.get(conversationID);
      if (ids) ids.push(ID);
      else byConversation.set(conversationID, [ID]);
    }
    return byConversation;
  }

  /** Files an own message's latest activity, or drops it from the watch once nothing can change. */
  #watch(message: Message): void {
    const ID = message.ID;
    this.#watched.delete(ID);
    if (!message.needReadReceipt || message.status !== 'success' || receiptsSettled(message)) return;
    this.#watched.set(ID, message.conversationID);
    if (this.#watched.size > RESYNC_WINDOW) this.#watched.delete(this.#watched.keys().next().value!);
  }

  #evictOldest(): void {
    const [ID, oldest] = this.#messages.entries().next().value!;
    this.#messages.delete(ID);
    this.#watched.delete(ID);
    this.unanswered.delete(ID);
    this.unannounced.delete(ID);
    const ids = this.#conversations.get(oldest.conversationID);
    ids?.delete(ID);
    if (ids?.size === 0) this.#conversations.delete(oldest.conversationID);
  }
}
