/**
 * The plain way to store who read what, written fairly, as the baseline of the receipt benchmarks: a
 * `Map<messageID, Set<userID>>` of readers, keeping the rules readby's server keeps.
 *
 * - R1: a message's recipients are the members when it is sent. Each message keeps the member set of its send;
 *   messages sent while membership does not change share one copy, and a change of membership starts a new one
 *   (copy on write), so a thousand messages to 100,000 members hold one set of members, not a thousand.
 * - The sender is no recipient: their own receipts are dropped, and the unread count leaves them out.
 * - R3.5: a receipt counts once per reader (a set).
 * - A receipt from someone who was no member at the send counts for nothing; one from someone who is not a member
 *   now is refused, as is one for a message that does not exist, before anything is stored (R3.3, R3.4).
 */
export class NaiveReceipts {
  readonly #members = new Set<string>();
  /** The member set new messages share; null once membership has changed since it was taken. */
  #snapshot: Set<string> | null = null;
  readonly #messages = new Map<string, NaiveMessage>();
  /** Reused by every receipt call: the messages it names, looked up before anything is stored. */
  readonly #found: NaiveMessage[] = [];

  addMembers(userIDs: readonly string[]): void {
    for (const userID of userIDs) this.#members.add(userID);
    this.#snapshot = null;
  }

  removeMembers(userIDs: readonly string[]): void {
    for (const userID of userIDs) this.#members.delete(userID);
    this.#snapshot = null;
  }

  send(messageID: string, sender: string): void {
    if (!this.#members.has(sender)) throw new Error(`${sender} is not a member`);
    this.#snapshot ??= new Set(this.#members);
    this.#messages.set(messageID, { sender, recipients: this.#snapshot, readers: new Set() });
  }

  /** Stores `userID`'s receipts for the messages, all or none; returns how many were new. */
  sendReadReceipt(userID: string, messageIDs: readonly string[]): number {
    if (!this.#members.has(userID)) throw new Error(`${userID} is not a member`);
    const found = this.#found;
    found.length = 0;
    for (const messageID of messageIDs) {
      const message = this.#messages.get(messageID);
      if (!message) throw new Error(`no message ${messageID}`);
      found.push(message);
    }
    let added = 0;
    // Messages sent while membership stood still share a member set: one look-up answers for all of them.
    let recipients: Set<string> | null = null;
    let isRecipient = false;
    for (const message of found) {
      if (message.recipients !== recipients) {
        recipients = message.recipients;
        isRecipient = recipients.has(userID);
      }
      if (message.sender === userID || !isRecipient) continue;
      const before = message.readers.size;
      message.readers.add(userID);
      added += message.readers.size - before;
    }
    return added;
  }

  readCount(messageID: string): number {
    return this.#message(messageID).readers.size;
  }

  unreadCount(messageID: string): number {
    const message = this.#message(messageID);
    return message.recipients.size - 1 - message.readers.size;
  }

  /** Readers in the order they read (a Set keeps insertion order), `count` of them from `offset`. */
  readers(messageID: string, offset: number, count: number): string[] {
    const page: string[] = [];
    let index = 0;
    for (const reader of this.#message(messageID).readers) {
      if (index++ < offset) continue;
      if (page.length === count) break;
      page.push(reader);
    }
    return page;
  }

  /** Every reader, in the order they read. */
  allReaders(messageID: string): string[] {
    return [...this.#message(messageID).readers];
  }

  #message(messageID: string): NaiveMessage {
    const message = this.#messages.get(messageID);
    if (!message) throw new Error(`no message ${messageID}`);
    return message;
  }
}

interface NaiveMessage {
  sender: string;
  recipients: Set<string>;
  readers: Set<string>;
}
