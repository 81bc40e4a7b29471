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
  readonly #active = new Map<string, number>();
  readonly #lastSlot = new Map<string, number>();

  get size(): number {
    return this.#active.size;
  }

  has(userID: string): boolean {
    return this.#active.has(userID);
  }

  activeSlot(userID: string): number | undefined {
    return this.#active.get(userID);
  }

  /** The user's latest slot, member or not. */
  lastSlot(userID: string): number | undefined {
    return this.#lastSlot.get(userID);
  }

  add(userID: string): boolean {
    if (this.#active.has(userID)) return false;
    const slot = this.users.length;
    this.users.push(userID);
    this.leftAt.push(0);
    this.previousSlot.push(this.#lastSlot.get(userID) ?? -1);
    this.#active.set(userID, slot);
    this.#lastSlot.set(userID, slot);
    return true;
  }

  remove(userID: string, tick: number): boolean {
    const slot = this.#active.get(userID);
    if (slot === undefined) return false;
    this.leftAt[slot] = tick;
    this.#active.delete(userID);
    return true;
  }

  /** Members in join order. */
  members(): string[] {
    return [...this.#active.keys()].sort((a, b) => this.#active.get(a)! - this.#active.get(b)!);
  }
}
