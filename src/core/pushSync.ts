import type { ChatCore } from './chatCore';
import { EVENT, MAX_RECEIPT_QUERY, type NetState, TYPES } from './constants';
import { ERROR_CODE, isTransientError, type ReadByError } from './errors';
import { readersOf, receiptItemOf } from './message';
import type { ServerPush, WireReceipt } from './protocol';
import { PushGaps } from './pushGaps';
import type { Message, ReceiptItem } from './types';

/**
 * A pushed item as the receipt it stands for. A pushed one-to-one item means read (the wire check refuses any
 * other); only a pull says the peer marked the chat read. Built field by field: spreading an object parsed from
 * JSON takes the engine's slow path, which in a burst of pushes cost more than the rest of applying them.
 */
function receiptOfPush(item: ReceiptItem): WireReceipt {
  return 'readCount' in item
    ? { messageID: item.messageID, readCount: item.readCount, unreadCount: item.unreadCount }
    : {
        messageID: item.messageID,
        isPeerRead: item.isPeerRead,
        timestamp: item.timestamp,
        markedRead: false,
      };
}

interface Pending {
  received: Message[];
  receipts: Map<string, ReceiptItem>;
  byPeer: Map<string, Message>;
}

/**
 * Keeps a chat's view in step with the server's pushes: applies them to the message cache, announces the pushes
 * of one task together (one event per kind), notices lost pushes by their numbers and by reconnects, and makes up
 * for them by pulling the receipt state of the own messages whose receipts can still change.
 */
export class PushSync {
  readonly #core: ChatCore;
  #netState: NetState = TYPES.NET_STATE_CONNECTING;
  #wasConnected = false;
  readonly #gaps = new PushGaps(() => {
    if (this.#core.requester.destroyed) return;
    this.#markAllStale();
    this.#requestResync();
  });
  #pending: Pending | null = null;
  #resyncing = false;
  #resyncAgain = false;
  /** Conversations whose news may have been lost and not yet made up for by a pull; the next push pulls them. */
  readonly #stale = new Set<string>();
  /**
   * Stale conversations whose pull the server refused (the user was outside the group at that moment). They keep
   * their mark until a pull succeeds, but wait for the next heartbeat, lost push or reconnect rather than being
   * asked again on every push while the refusal lasts.
   */
  readonly #refused = new Set<string>();

  constructor(core: ChatCore) {
    this.#core = core;
  }

  get netState(): NetState {
    return this.#netState;
  }

  /** Drops what was waiting to be announced: a destroyed chat announces nothing. */
  clear(): void {
    this.#pending = null;
    this.#gaps.stop();
  }

  onPush(value: ServerPush): void {
    if (this.#core.requester.destroyed) return;
    let push: ServerPush;
    try {
      push = this.#core.wire.push(value);
    } catch (error) {
      // Dropped whole, its number too: if it carried news, the gap it leaves makes the client pull that news.
      this.#core.report(error as ReadByError);
      return;
    }
    // A lost push's news can only be recovered by pulling.
    if (push.seq !== undefined) this.#gaps.see(push.seq, push.type === 'sync');
    if (push.type === 'sync') this.#moveRefusedToStale();
    if (this.#stale.size > 0) this.#requestResync();
    if (push.type === 'sync') return;
    const { cache } = this.#core;
    const pending = this.#queue();
    switch (push.type) {
      case 'message': {
        // A push seen twice (a retried or duplicated delivery) is announced once.
        if (cache.peek(push.message.ID)?.status === 'success') return;
        pending.received.push(cache.setWire(push.message));
        return;
      }
      case 'receipts': {
        for (const item of push.items) {
          const next = cache.applyReceipt(receiptOfPush(item));
          if (next) pending.receipts.set(item.messageID, receiptItemOf(next));
          // A push carries the latest counts: whatever a caller's pull learnt first is announced now.
          const quiet = cache.unannounced.get(item.messageID);
          if (quiet) {
            cache.unannounced.delete(item.messageID);
            const latest = next ?? cache.peek(item.messageID);
            if (latest && !next) pending.receipts.set(item.messageID, receiptItemOf(latest));
          }
        }
        return;
      }
      case 'peerRead': {
        for (const message of cache.markPeerRead(`${TYPES.CONV_C2C}${push.userID}`, push.sequence)) {
          pending.byPeer.set(message.ID, message);
        }
        return;
      }
    }
  }

  onStateChange(value: NetState): void {
    if (this.#core.requester.destroyed) return;
    let state: NetState;
    try {
      state = this.#core.wire.state(value);
    } catch (error) {
      this.#core.report(error as ReadByError);
      return;
    }
    if (state === this.#netState) return;
    this.#netState = state;
    this.#core.emit(EVENT.NET_STATE_CHANGE, { state });
    // Every connection numbers its pushes afresh.
    this.#gaps.reset();
    if (state !== TYPES.NET_STATE_CONNECTED) return;
    if (this.#wasConnected) {
      this.#markAllStale();
      this.#requestResync();
    }
    this.#wasConnected = true;
  }

  #markAllStale(): void {
    this.#moveRefusedToStale();
    for (const conversationID of this.#core.cache.watched().keys()) this.#stale.add(conversationID);
  }

  #moveRefusedToStale(): void {
    for (const conversationID of this.#refused) this.#stale.add(conversationID);
    this.#refused.clear();
  }

  /** Pushes that arrive in the same task are announced together, one event per kind. */
  #queue(): Pending {
    if (!this.#pending) {
      this.#pending = { received: [], receipts: new Map(), byPeer: new Map() };
      queueMicrotask(() => this.#flush());
    }
    return this.#pending;
  }

  #flush(): void {
    const pending = this.#pending;
    this.#pending = null;
    if (!pending || this.#core.requester.destroyed) return;
    const core = this.#core;
    if (pending.received.length > 0) core.emit(EVENT.MESSAGE_RECEIVED, pending.received);
    if (pending.receipts.size > 0)
      core.emit(EVENT.MESSAGE_READ_RECEIPT_RECEIVED, [...pending.receipts.values()]);
    if (pending.byPeer.size > 0) core.emit(EVENT.MESSAGE_READ_BY_PEER, [...pending.byPeer.values()]);
  }

  /** One resync at a time; a request during one runs another after it, since it may have missed the news. */
  #requestResync(): void {
    if (this.#resyncing) {
      this.#resyncAgain = true;
      return;
    }
    this.#resyncing = true;
    queueMicrotask(() => {
      void this.#resync().finally(() => {
        this.#resyncing = false;
        if (this.#resyncAgain && !this.#core.requester.destroyed) {
          this.#resyncAgain = false;
          this.#requestResync();
        }
      });
    });
  }

  /**
   * Pushes lost in a gap or while the connection was down are made up for by pulling the receipt state of the
   * own messages of the stale conversations that can still change, and announcing what changed as if the pushes
   * had arrived.
   */
  async #resync(): Promise<void> {
    const stale = new Set(this.#stale);
    this.#stale.clear();
    const targets = [...this.#core.cache.watched(stale)];
    for (const [index, [conversationID, ids]] of targets.entries()) {
      const outcome = await this.#pull(ids);
      if (outcome === 'pulled' || this.#core.requester.destroyed) continue;
      if (outcome === 'refused') {
        this.#refused.add(conversationID);
        continue;
      }
      // The network failed: this conversation and those not pulled yet stay stale, for the next push to retry.
      for (const [rest] of targets.slice(index)) this.#stale.add(rest);
      return;
    }
  }

  /** Pulls one conversation's messages, 100 a request, and announces what a push would have. */
  async #pull(ids: string[]): Promise<'pulled' | 'refused' | 'lost'> {
    for (let start = 0; start < ids.length; start += MAX_RECEIPT_QUERY) {
      let receipts: WireReceipt[];
      try {
        ({ receipts } = await this.#core.requester.request('getMessageReadReceiptList', {
          messageIDs: ids.slice(start, start + MAX_RECEIPT_QUERY),
        }));
      } catch (error) {
        if ((error as ReadByError).code === ERROR_CODE.INVALID_RESPONSE)
          this.#core.report(error as ReadByError);
        return isTransientError(error) ? 'lost' : 'refused';
      }
      const { cache } = this.#core;
      const pending = this.#queue();
      for (const receipt of receipts) {
        // Readers a caller's own pull learnt are still news to everyone else.
        const quiet = cache.unannounced.get(receipt.messageID);
        cache.unannounced.delete(receipt.messageID);
        const before = quiet ?? cache.peek(receipt.messageID);
        const next = cache.applyReceipt(receipt) ?? (quiet ? cache.peek(receipt.messageID) : null);
        if (!next || !before) continue;
        // Announce only what a push would have: new readers. Counts merely learnt (0 of 3, not read) are no news.
        if (readersOf(next) > readersOf(before)) pending.receipts.set(next.ID, receiptItemOf(next));
        if (next.isPeerRead && !before.isPeerRead) pending.byPeer.set(next.ID, next);
      }
    }
    return 'pulled';
  }
}
