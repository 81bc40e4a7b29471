const CHUNK_BITS = 10;
const CHUNK_SIZE = 1 << CHUNK_BITS;

/**
 * Who has read one group message: a bit per recipient slot, plus the slots in the order they read, kept in
 * fixed chunks of 4 bytes an entry. At 100,000 recipients that is 12.5 kB of bits, and 4 bytes per receipt, with
 * at most one partly filled chunk of slack, instead of an object per receipt.
 */
export class ReadState {
  readonly bits: Uint32Array;
  #order: Uint32Array[] = [];
  #count = 0;

  constructor(slots: number) {
    this.bits = new Uint32Array(Math.ceil(slots / 32));
  }

  get count(): number {
    return this.#count;
  }

  has(slot: number): boolean {
    return ((this.bits[slot >>> 5]! >>> (slot & 31)) & 1) === 1;
  }

  /** Records a read; false when the slot had already read (receipts are idempotent, R3.5). */
  add(slot: number): boolean {
    const word = slot >>> 5;
    const mask = 1 << (slot & 31);
    if ((this.bits[word]! & mask) !== 0) return false;
    this.bits[word]! |= mask;
    const chunk = this.#count >>> CHUNK_BITS;
    if (chunk === this.#order.length) this.#order.push(new Uint32Array(CHUNK_SIZE));
    this.#order[chunk]![this.#count & (CHUNK_SIZE - 1)] = slot;
    this.#count += 1;
    return true;
  }

  /** The slot that read at position `index` of the read order. */
  at(index: number): number {
    return this.#order[index >>> CHUNK_BITS]![index & (CHUNK_SIZE - 1)]!;
  }

  /**
   * The first slot at or after `from` and before `end` that has not read, skipping whole words of readers at
   * once; -1 when there is none.
   */
  nextUnread(from: number, end: number): number {
    let slot = from;
    while (slot < end) {
      const word = slot >>> 5;
      const unread = ~this.bits[word]! >>> (slot & 31);
      if (unread === 0) {
        slot = (word + 1) << 5;
        continue;
      }
      const found = slot + (31 - Math.clz32(unread & -unread));
      return found < end ? found : -1;
    }
    return -1;
  }

  /** Bytes held: the bits and the order chunks. */
  get byteLength(): number {
    return this.bits.byteLength + this.#order.length * CHUNK_SIZE * 4;
  }
}
