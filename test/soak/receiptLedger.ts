/**
 * Receipts held against the calls that sent them (R3.4, R3.5, R12). For each message and reader it counts the
 * calls that could have stored the receipt (on their way, succeeded, or lost on the network) and whether one
 * succeeded: a succeeded call's receipt must be on the server, a reader must be there at most once, and nobody
 * may be there without such a call. A receipt whose call was lost may or may not be there.
 */
import type { Invariants } from './invariants';
import { KIND } from './violationKinds';
import type { World } from './world';

export class ReceiptLedger {
  readonly #world: World;
  readonly #check: Invariants;
  readonly #receipts = new Map<string, Map<string, { possible: number; resolved: boolean }>>();

  constructor(world: World, check: Invariants) {
    this.#world = world;
    this.#check = check;
  }

  issued(reader: string, messageIDs: string[]): void {
    for (const ID of messageIDs) {
      const byReader = this.#receipts.get(ID) ?? new Map();
      this.#receipts.set(ID, byReader);
      const entry = byReader.get(reader) ?? { possible: 0, resolved: false };
      entry.possible += 1;
      byReader.set(reader, entry);
    }
  }

  /** The call succeeded: every receipt in it is on the server, once. */
  resolved(reader: string, messageIDs: string[]): void {
    for (const ID of messageIDs) {
      this.#receipts.get(ID)!.get(reader)!.resolved = true;
      const record = this.#world.records.get(ID);
      if (!record?.receipts || !record.recipients.has(reader)) continue;
      const present =
        record.conversationType === 'GROUP'
          ? (this.#check.groupTruth(ID)?.readUserIDList.includes(reader) ?? false)
          : this.#check.peerTruth(record).isPeerRead;
      if (!present) this.#check.report(KIND.missing, `${reader} on ${ID}`);
      this.checkReaders(ID);
    }
  }

  /** The server refused the call: none of its receipts may have been stored by it (R3.4). */
  refused(reader: string, messageIDs: string[]): void {
    for (const ID of messageIDs) this.#receipts.get(ID)!.get(reader)!.possible -= 1;
    for (const ID of messageIDs) this.checkReaders(ID);
  }

  /** A group message's readers: each once, each a recipient, each with a call that could have stored it. */
  checkReaders(messageID: string): void {
    const record = this.#world.records.get(messageID);
    if (!record?.receipts) return;
    const calls = this.#receipts.get(messageID);
    const mayHaveRead = (reader: string) => {
      const entry = calls?.get(reader);
      return entry !== undefined && (entry.possible > 0 || entry.resolved);
    };
    if (record.conversationType === 'C2C') {
      if (this.#check.peerTruth(record).isPeerRead && !mayHaveRead(record.to)) {
        this.#check.reportOnce(
          KIND.phantom,
          messageID,
          `${messageID}: read by ${record.to}, who sent no receipt`,
        );
      }
      return;
    }
    const readers = this.#check.groupTruth(messageID)?.readUserIDList ?? [];
    if (new Set(readers).size !== readers.length) {
      this.#check.reportOnce(KIND.twice, messageID, `${messageID}: ${readers.join(',')}`);
    }
    for (const reader of readers) {
      const subject = `${messageID} ${reader}`;
      if (!record.recipients.has(reader)) this.#check.reportOnce(KIND.notRecipient, subject, subject);
      else if (!mayHaveRead(reader)) {
        const spoofed = this.#world.spoofedReceipts.has(subject)
          ? ' (a hostile call sent one in their name)'
          : '';
        this.#check.reportOnce(KIND.phantom, subject, `${subject}, who sent no receipt${spoofed}`);
      }
    }
  }

  /** At the end: every reader list, and every receipt a call succeeded for. */
  sweep(): void {
    for (const [ID, record] of this.#world.records) {
      if (!record.receipts) continue;
      this.checkReaders(ID);
      const truth = record.conversationType === 'GROUP' ? this.#check.groupTruth(ID) : null;
      for (const [reader, entry] of this.#receipts.get(ID) ?? []) {
        if (!entry.resolved || !record.recipients.has(reader)) continue;
        const present = truth
          ? truth.readUserIDList.includes(reader)
          : this.#check.peerTruth(record).isPeerRead;
        if (!present) this.#check.report(KIND.missing, `${reader} on ${ID} (at the end)`);
      }
    }
  }
}
