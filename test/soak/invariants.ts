/**
 * The soak's checker. Every view a user could see (the sender's `findMessage`, the receipt store's state, the
 * events, the answers of calls) is compared, when it changes, with the server's truth and with the recipients
 * recorded when the message was stored; the server's reader lists are compared with the receipt calls the
 * clients made (in the {@link ReceiptLedger}). Nothing here repairs anything: a violation is recorded with the
 * operation it surfaced in.
 */
import { ERROR_CODE, type Message, type ReceiptItem, type WireMessage } from 'readby';
import type { ReceiptTruth } from 'readby/mock';
import { ReceiptLedger } from './receiptLedger';
import { KIND } from './violationKinds';
import {
  type Client,
  GROUPS,
  MAX_RECEIPT_GROUP_SIZE,
  type MessageRecord,
  RECEIPT_GROUP_TYPES,
  type World,
} from './world';

export { KIND } from './violationKinds';

export interface Violation {
  kind: string;
  op: number;
  detail: string;
}

export type PeerTruth = { isPeerRead: boolean; timestamp: number; markedRead: boolean };

/** How many examples of each kind are kept for the report. */
const EXAMPLES = 3;

export class Invariants {
  readonly #world: World;
  readonly counts = new Map<string, number>();
  readonly examples = new Map<string, Violation[]>();
  /** The highest read count each view has shown, keyed `<view>\n<user>\n<message>`; one-to-one: 1 once read. */
  readonly #highest = new Map<string, number>();
  /** What a reader list was already reported for: a list is checked again after every call, the fault stays. */
  readonly #reported = new Set<string>();
  checkedViews = 0;
  /** Receipts against the calls that sent them: exactly once (R3). */
  readonly receipts: ReceiptLedger;

  constructor(world: World) {
    this.#world = world;
    this.receipts = new ReceiptLedger(world, this);
    world.server.onMessage((wire) => this.#onStored(wire));
  }

  report(kind: string, detail: string, op = this.#world.op): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    const examples = this.examples.get(kind) ?? [];
    if (examples.length < EXAMPLES) examples.push({ kind, op, detail });
    this.examples.set(kind, examples);
  }

  /** Reports a fault of one subject (a reader on a message) once, however often it is seen again. */
  reportOnce(kind: string, subject: string, detail: string): void {
    const key = `${kind}\n${subject}`;
    if (this.#reported.has(key)) return;
    this.#reported.add(key);
    this.report(kind, detail);
  }

  /** R1 and R8 at the moment the server stores a message: its recipients are the members then, less the sender. */
  #onStored(wire: WireMessage): void {
    const { server, records } = this.#world;
    const known = records.get(wire.ID);
    // A second message under a known ID: only a legitimate send displaces what a hostile call stored.
    if (known && (this.#world.hostileInFlight || !known.hostile)) return;
    const group = wire.conversationType === 'GROUP';
    const members = group ? server.getGroupMemberList(wire.to) : [];
    const recipients = new Set(group ? members.filter((user) => user !== wire.from) : [wire.to]);
    const record: MessageRecord = {
      ID: wire.ID,
      from: wire.from,
      conversationType: wire.conversationType,
      to: wire.to,
      receipts: wire.needReadReceipt,
      recipients,
      hostile: this.#world.hostileInFlight,
    };
    records.set(wire.ID, record);
    const asked = this.#world.asked.get(wire.ID);
    if (asked !== undefined && !record.hostile) {
      const type = GROUPS.find(({ groupID }) => groupID === wire.to)?.type;
      const possible =
        !group || (RECEIPT_GROUP_TYPES.includes(type!) && members.length <= MAX_RECEIPT_GROUP_SIZE);
      if (wire.needReadReceipt !== (asked && possible)) {
        this.report(
          KIND.support,
          `${wire.ID} to ${wire.to} (${members.length} members): needReadReceipt ${wire.needReadReceipt}`,
        );
      }
    }
    if (group && record.receipts) {
      const truth = server.getReceiptTruth(wire.ID);
      if (truth?.recipientCount !== recipients.size || truth.readCount !== 0) {
        this.report(
          KIND.recipients,
          `${wire.ID}: ${recipients.size} members besides the sender, server ${JSON.stringify(truth)}`,
        );
      }
    }
  }

  /** R8 in the answer of a send, and the answer's counts as a view. */
  onSent(client: Client, draftID: string, message: Message, readReceiptCode: number | undefined): void {
    const record = this.#world.records.get(draftID);
    if (!record) {
      this.report(KIND.support, `${draftID}: the send succeeded but the server stored no such message`);
      return;
    }
    const asked = this.#world.asked.get(draftID) ?? false;
    const code = asked && !record.receipts ? ERROR_CODE.READ_RECEIPT_NOT_SUPPORTED : undefined;
    if (message.needReadReceipt !== record.receipts || readReceiptCode !== code) {
      this.report(
        KIND.support,
        `${draftID} to ${record.to}: answer needReadReceipt ${message.needReadReceipt}, readReceiptCode ${readReceiptCode}; server ${record.receipts}`,
      );
    }
    this.observeMessage(client, message, 'answer');
  }

  /** The client's own copy, as `findMessage` shows it. */
  observeChat(client: Client, messageID: string): void {
    const message = client.chat.findMessage(messageID);
    if (message) this.observeMessage(client, message, 'chat');
  }

  /** A snapshot of an own message, from the cache or from an answer (which is the cache's latest copy). */
  observeMessage(client: Client, message: Message, view: 'chat' | 'answer'): void {
    if (message.from !== client.userID || message.status !== 'success') return;
    const record = this.#world.records.get(message.ID);
    if (!record?.receipts || record.hostile) return;
    const info = message.readReceiptInfo;
    if (record.conversationType === 'GROUP') {
      this.#observeCounts(client, record, 'chat', view, info.readCount, info.unreadCount);
    } else {
      this.#observePeer(client, record, 'chat', view, info.isPeerRead === true, message.isPeerRead);
    }
  }

  observeStore(client: Client, messageID: string): void {
    const state = client.store.get(messageID);
    const record = this.#world.records.get(messageID);
    if (!state || !record?.receipts || record.hostile) return;
    if (record.conversationType === 'C2C') {
      this.#observePeer(client, record, 'store', 'store', state.isPeerRead, state.isPeerRead);
      return;
    }
    const { readCount, unreadCount, total, status } = state;
    this.#observeCounts(client, record, 'store', 'store', readCount, unreadCount);
    if (readCount === undefined || unreadCount === undefined) return;
    const expected = readCount === 0 ? 'unread' : unreadCount === 0 ? 'allRead' : 'partial';
    if (total !== readCount + unreadCount || (status !== expected && status !== 'sending')) {
      this.report(
        KIND.status,
        `${client.userID} ${messageID}: ${status} with ${readCount} + ${unreadCount} = ${total}`,
      );
    }
  }

  /** R5: pushed counts are absolute, and `findMessage` already shows them when the handler runs. */
  onReceiptEvent(client: Client, items: ReceiptItem[]): void {
    for (const item of items) {
      const record = this.#world.records.get(item.messageID);
      if (!record?.receipts || record.hostile) continue;
      if ('readCount' in item) {
        this.#observeCounts(client, record, 'event', 'event', item.readCount, item.unreadCount);
        const shown = client.chat.findMessage(item.messageID)?.readReceiptInfo.readCount;
        if (shown !== undefined && shown !== item.readCount) {
          this.report(
            KIND.pushBehind,
            `${client.userID} ${item.messageID}: event ${item.readCount}, findMessage ${shown}`,
          );
        }
      } else {
        this.#observePeer(client, record, 'event', 'event', item.isPeerRead, false);
      }
      this.observeChat(client, item.messageID);
    }
  }

  #observeCounts(
    client: Client,
    record: MessageRecord,
    view: string,
    label: string,
    readCount: number | undefined,
    unreadCount: number | undefined,
  ): void {
    this.checkedViews += 1;
    const where = `${client.userID}'s ${label} view of ${record.ID}`;
    if (
      readCount !== undefined &&
      unreadCount !== undefined &&
      readCount + unreadCount !== record.recipients.size
    ) {
      this.report(KIND.sum, `${where}: ${readCount} + ${unreadCount}, ${record.recipients.size} recipients`);
    }
    if (readCount === undefined) return;
    const key = `${view}\n${client.userID}\n${record.ID}`;
    const highest = this.#highest.get(key) ?? 0;
    if (readCount < highest) this.report(KIND.decreased, `${where}: ${readCount} after ${highest}`);
    else this.#highest.set(key, readCount);
    const truth = this.#world.server.getReceiptTruth(record.ID);
    if (truth && readCount > truth.readCount) {
      this.report(KIND.ahead, `${where}: ${readCount} read, server ${truth.readCount}`);
    }
  }

  #observePeer(
    client: Client,
    record: MessageRecord,
    view: string,
    label: string,
    read: boolean,
    marked: boolean,
  ): void {
    this.checkedViews += 1;
    const where = `${client.userID}'s ${label} view of ${record.ID}`;
    const key = `${view}\n${client.userID}\n${record.ID}`;
    if (!read && !marked) {
      if (this.#highest.get(key) === 1) this.report(KIND.decreased, `${where}: unread after read`);
      return;
    }
    this.#highest.set(key, 1);
    const truth = this.peerTruth(record);
    // The store folds the two into one `isPeerRead`: either one on the server backs it.
    const backed =
      view === 'store'
        ? truth.isPeerRead || truth.markedRead
        : (!read || truth.isPeerRead) && (!marked || truth.markedRead);
    if (!backed)
      this.report(KIND.ahead, `${where}: read ${read}, marked ${marked}; server ${JSON.stringify(truth)}`);
  }

  /** The server's receipt state of a one-to-one message, asked of it directly (no client, no transport). */
  peerTruth(record: MessageRecord): PeerTruth {
    const [receipt] = this.#world.server.request(record.from, 'getMessageReadReceiptList', {
      messageIDs: [record.ID],
    }).receipts;
    return receipt && 'markedRead' in receipt
      ? receipt
      : { isPeerRead: false, timestamp: 0, markedRead: false };
  }

  groupTruth(messageID: string): ReceiptTruth | null {
    return this.#world.server.getReceiptTruth(messageID);
  }

  /** A legitimate call failed: the network may fail it (R12); the server may refuse it only for a fair reason. */
  callFailed(what: string, error: unknown, fair: () => boolean): void {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code !== 'number' || !(error instanceof Error)) {
      this.report(KIND.threw, `${what}: ${String(error)}`);
      return;
    }
    if (code === ERROR_CODE.NETWORK_ERROR || code === ERROR_CODE.REQUEST_TIMEOUT) return;
    if (code === ERROR_CODE.PERMISSION_DENIED && fair()) return;
    this.report(KIND.refused, `${what}: ${code} ${error.message}`);
  }
}
