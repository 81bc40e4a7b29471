/**
 * A group's members as an append-only roster of slots in join order. A member who leaves keeps their slot
 * (marked with the tick at which they left), so that messages sent while they were a member still count them
 * (R1); a member who comes back gets a new slot, linked to the old one.
 */
export class Roster {
  /** The user of each slot. */
  readonly users: string[] = [];
  /** The server tick at which each slot left; 0 while a member. */
  readonly leftAt: number[] = [];
  /** The slot the same user had before this one, or -1. */
  readonly previousSlot: number[] = [];
  /**
   * One map, not one for members and one for latest slots: a member's slot is always their latest, so
   * `leftAt` tells the two apart, and every receipt costs one lookup in a 100,000-entry map fewer.
   */
  readonly #lastSlot = new Map<string, number>();
  /**
   * A bit per slot, set once it has left: what a message sent now copies (`absentAtSend`) so that its member-list
   * pages skip departed slots a word at a time, instead of looking at each one.
   */
  readonly #leftWords: number[] = [];
  #size = 0;

  get size(): number {
    return this.#size;
  }

  has(userID: string): boolean {
    return this.activeSlot(userID) !== undefined;
  }

  activeSlot(userID: string): number | undefined {
    const slot = this.#lastSlot.get(userID);
    return slot !== undefined && this.leftAt[slot] === 0 ? slot : undefined;
  }

  /** The user's latest slot, member or not. */
  lastSlot(userID: string): number | undefined {
    return this.#lastSlot.get(userID);
  }

  add(userID: string): boolean {
    if (this.has(userID)) return false;
    const slot = this.users.length;
    if ((slot & 31) === 0) this.#leftWords.push(0);
    this.users.push(userID);
    this.leftAt.push(0);
    this.previousSlot.push(this.#lastSlot.get(userID) ?? -1);
    this.#lastSlot.set(userID, slot);
    this.#size += 1;
    return true;
  }

  /** `tick` must be ≥ 1: 0 in `leftAt` means "still a member". */
  remove(userID: string, tick: number): boolean {
    const slot = this.activeSlot(userID);
    if (slot === undefined) return false;
    this.leftAt[slot] = tick;
    this.#leftWords[slot >>> 5]! |= 1 << (slot & 31);
    this.#size -= 1;
    return true;
  }

  /**
   * A bit per slot, set for the slots that are no recipients of a message sent now (R1): those who have left, and
   * the sender's. Every leave so far came before the send, and a slot never leaves twice, so this stays exact.
   */
  absentAtSend(senderSlot: number): Uint32Array {
    const words = Uint32Array.from(this.#leftWords);
    if (senderSlot >= 0) words[senderSlot >>> 5]! |= 1 << (senderSlot & 31);
    return words;
  }

  /** Members in join order: the slots nobody has left, since a member has exactly one. */
  members(): string[] {
    const members: string[] = [];
    for (let slot = 0; slot < this.users.length; slot++)
      if (this.leftAt[slot] === 0) members.push(this.users[slot]!);
    return members;
  }
}
