const CHUNK_BITS = 10;
const CHUNK_SIZE = 1 << CHUNK_BITS;
const FULL = 0xffffffff;

/**
 * Who has read one group message: a bit per recipient slot, plus the slots in the order they read, kept in
 * fixed chunks of 4 bytes an entry. At 100,000 recipients that is 12.5 kB of bits, and 4 bytes per receipt, with
 * at most one partly filled chunk of slack, instead of an object per receipt.
 */
export class ReadState {
  readonly bits: Uint32Array;
  /**
   * `bits`, then summary levels: in each level a bit per word of the level below, set once that word is all
   * readers. Skipping a long run of readers then climbs a level or two instead of walking every word, so an unread
   * page costs about the same at 1,000 and 1,000,000 recipients, for 1/31 more bits.
   */
  readonly #levels: Uint32Array[];
  #order: Uint32Array[] = [];
  #count = 0;
  /**
   * Words and read-order entries looked at so far: the cost of member-list pages in a unit that timing noise cannot
   * blur, which R7 says must not grow with the group.
   */
  probes = 0;

  /**
   * `absent`, a bit per slot (`Math.ceil(slots / 32)` words, taken over, not copied), marks the slots that are no
   * recipients: they start out set, as if read but not counted, so that an unread page skips runs of departed
   * members through the summary levels as it skips runs of readers. Nobody reads in them: receipts only ever come
   * for recipient slots (R1).
   */
  constructor(slots: number, absent?: Uint32Array) {
    this.bits = absent ?? new Uint32Array(Math.ceil(slots / 32));
    this.#levels = [this.bits];
    for (let words = this.bits.length; words > 1; ) {
      words = Math.ceil(words / 32);
      const below = this.#levels.at(-1)!;
      const level = new Uint32Array(words);
      for (let index = 0; index < below.length; index++)
        if (below[index] === FULL) level[index >>> 5]! |= 1 << (index & 31);
      this.#levels.push(level);
    }
  }

  get count(): number {
    return this.#count;
  }

  /** Whether the slot has read, or is no recipient. */
  has(slot: number): boolean {
    return ((this.bits[slot >>> 5]! >>> (slot & 31)) & 1) === 1;
  }

  /** Records a read; false when the slot had already read (receipts are idempotent, R3.5). */
  add(slot: number): boolean {
    const word = slot >>> 5;
    const mask = 1 << (slot & 31);
    if ((this.bits[word]! & mask) !== 0) return false;
    this.bits[word]! |= mask;
    for (let level = 1, below = word; level < this.#levels.length; level++) {
      if (this.#levels[level - 1]![below] !== FULL) break;
      this.#levels[level]![below >>> 5]! |= 1 << (below & 31);
      below >>>= 5;
    }
    const chunk = this.#count >>> CHUNK_BITS;
    if (chunk === this.#order.length) this.#order.push(new Uint32Array(CHUNK_SIZE));
    this.#order[chunk]![this.#count & (CHUNK_SIZE - 1)] = slot;
    this.#count += 1;
    return true;
  }

  /** The slot that read at position `index` of the read order. */
  at(index: number): number {
    this.probes += 1;
    return this.#order[index >>> CHUNK_BITS]![index & (CHUNK_SIZE - 1)]!;
  }

  /**
   * The first recipient slot at or after `from` and before `end` that has not read; -1 when there is none. Climbs the summary
   * levels while the rest of a word is all readers, then comes down along the first word that is not.
   */
  nextUnread(from: number, end: number): number {
    if (from >= end) return -1;
    let level = 0;
    let index = from;
    for (;;) {
      const words = this.#levels[level]!;
      const word = index >>> 5;
      if (word >= words.length) return -1;
      this.probes += 1;
      const unread = ~words[word]! >>> (index & 31);
      if (unread !== 0) {
        index += 31 - Math.clz32(unread & -unread);
        break;
      }
      if (level + 1 === this.#levels.length) return -1;
      index = word + 1;
      level += 1;
    }
    while (level > 0) {
      level -= 1;
      // Padding bits past the last word of the level below read as "not full": there is nothing there.
      if (index >= this.#levels[level]!.length) return -1;
      this.probes += 1;
      const unread = ~this.#levels[level]![index]!;
      index = (index << 5) + (31 - Math.clz32(unread & -unread));
    }
    return index < end ? index : -1;
  }

  /** Bytes held: the bits, their summary levels and the order chunks. */
  get byteLength(): number {
    let bytes = this.#order.length * CHUNK_SIZE * 4;
    for (const level of this.#levels) bytes += level.byteLength;
    return bytes;
  }
}
