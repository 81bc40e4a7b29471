import { ByteArena } from './byteArena';
import type { ReadBlock } from './readBlock';

/**
 * Read-order blocks up to 1 kB live in the server's arena; larger ones are typed arrays of their own, whose ~200
 * bytes of headers are small beside what they hold.
 */
const ARENA_LIMIT = 1024;
/**
 * The read order starts as a 16-byte block and doubles while it lives in the arena: a message read by 3 of 100
 * members holds 16 bytes of it, and the first readers of a message to 100,000 do not move it eight times.
 */
const FIRST_ORDER_BYTES = 16;
/**
 * Beyond the arena it takes 4 kB chunks, which are never moved: a large order has at most one partly filled
 * chunk, where doubling would leave up to half of it unused.
 */
const CHUNK_SHIFT = 12;
const FULL = 0xffffffff;
const NO_ORDER = new Uint8Array(0);

type OrderArray = Uint8Array | Uint16Array | Uint32Array;

/**
 * Who has read one group message: a bit per recipient slot, in a row of a {@link ReadBlock} shared with the
 * messages sent just before and after it, plus the slots in the order they read, as 1, 2 or 4 bytes an entry (as
 * few as the largest slot needs) in a block that grows as readers come. At 100 members that is 32 bytes of bits
 * and summary and about a byte and a half per receipt; at 100,000, 12.9 kB of bits and 4 bytes per receipt in
 * 4 kB chunks. An object per receipt would be tens of bytes. Small blocks share pages of a {@link ByteArena}.
 *
 * @example
 * ```ts
 * const arena = new ByteArena();
 * const read = new ReadState(new ReadBlock(100, arena), 100, arena);
 * read.add(7); read.add(3);
 * read.count; // 2
 * read.at(0); // 7: the first to read
 * read.nextUnread(0, 100); // 0
 * ```
 */
export class ReadState {
  readonly #arena: ByteArena;
  readonly #block: ReadBlock;
  readonly #row: number;
  /** log2 of the bytes of a read-order entry. */
  readonly #entryShift: number;
  #order: OrderArray = NO_ORDER;
  /** The first entry of the read order in `#order`, which may be a page of the arena shared with others. */
  #orderAt = 0;
  /** The arena address of the read order's block, or -1 when it is in chunks (or there is none yet). */
  #orderAddress = -1;
  /**
   * The chunks of a large read order, or null while it is one block in the arena. `#order` is then the last chunk
   * and `#orderAt` minus the position of its first entry, so appending works alike either way.
   */
  #chunks: OrderArray[] | null = null;
  /** The first chunk, at hand: a message's first page of readers, the one asked for most, needs no other. */
  #head: OrderArray = NO_ORDER;
  #capacity = 0;
  #count = 0;
  /**
   * Words and read-order entries looked at so far: the cost of member-list pages in a unit that timing noise cannot
   * blur, which R7 says must not grow with the group.
   */
  probes = 0;

  /**
   * Takes the next row of `block`, which must fit `slots` (`block.fits(slots)`). `absent` has a bit per slot, set
   * for the slots that are no recipients: they start out set, as if read but not counted, so that an unread page
   * skips runs of departed members through the summary levels as it skips runs of readers. Nobody reads in them:
   * receipts only ever come for recipient slots (R1).
   */
  constructor(block: ReadBlock, slots: number, arena: ByteArena, absent?: Uint32Array) {
    this.#arena = arena;
    this.#block = block;
    const row = block.addRow();
    this.#row = row;
    this.#entryShift = slots <= 1 << 8 ? 0 : slots <= 1 << 16 ? 1 : 2;
    if (!absent) return;
    const words = block.words;
    for (let index = 0; index < absent.length; index++) words[block.wordAt(row, index)] = absent[index]!;
    for (let level = 0; level < block.levels; level++) {
      const start = block.levelStart[level]!;
      const above = block.levelStart[level + 1]!;
      for (let index = 0; index < block.levelLength[level]!; index++) {
        if (words[block.wordAt(row, start + index)] === FULL)
          words[block.wordAt(row, above + (index >>> 5))]! |= 1 << (index & 31);
      }
    }
  }

  get count(): number {
    return this.#count;
  }

  /** Whether the slot has read, or is no recipient. */
  has(slot: number): boolean {
    const block = this.#block;
    const word = block.words[block.wordAt(this.#row, slot >>> 5)]!;
    return ((word >>> (slot & 31)) & 1) === 1;
  }

  /** Records a read; false when the slot had already read (receipts are idempotent, R3.5). */
  add(slot: number): boolean {
    const block = this.#block;
    const words = block.words;
    const index = block.wordAt(this.#row, slot >>> 5);
    const before = words[index]!;
    const mask = 1 << (slot & 31);
    if ((before & mask) !== 0) return false;
    const after = before | mask;
    words[index] = after;
    if (after === -1 && block.levels > 0) this.#markFull(slot >>> 5);
    const count = this.#count;
    if (count === this.#capacity) this.#grow();
    this.#order[this.#orderAt + count] = slot;
    this.#count = count + 1;
    return true;
  }

  /** The slot that read at position `index` of the read order. */
  at(index: number): number {
    this.probes += 1;
    const chunks = this.#chunks;
    if (chunks === null) return this.#order[this.#orderAt + index]!;
    const perChunk = CHUNK_SHIFT - this.#entryShift;
    return chunks[index >>> perChunk]![index & ((1 << perChunk) - 1)]!;
  }

  /**
   * The users of the slots that read at positions `from` to `to` (exclusive) of the read order, given the user of
   * each slot: a page of readers, one entry looked at per reader.
   */
  readers(from: number, to: number, users: readonly string[]): string[] {
    const page = new Array<string>(Math.max(0, to - from));
    this.probes += page.length;
    const chunks = this.#chunks;
    if (chunks === null) {
      const order = this.#order;
      const at = this.#orderAt;
      for (let index = from; index < to; index++) page[index - from] = users[order[at + index]!]!;
      return page;
    }
    const perChunk = CHUNK_SHIFT - this.#entryShift;
    const mask = (1 << perChunk) - 1;
    for (let index = from; index < to; ) {
      const chunk = index >>> perChunk === 0 ? this.#head : chunks[index >>> perChunk]!;
      const end = Math.min(to, ((index >>> perChunk) + 1) << perChunk);
      for (; index < end; index++) page[index - from] = users[chunk[index & mask]!]!;
    }
    return page;
  }

  /**
   * The first recipient slot at or after `from` and before `end` that has not read; -1 when there is none. Climbs
   * the summary levels while the rest of a word is all readers, then comes down along the first word that is not.
   */
  nextUnread(from: number, end: number): number {
    if (from >= end) return -1;
    const block = this.#block;
    const words = block.words;
    const row = this.#row;
    const levels = block.levels;
    const starts = block.levelStart;
    const lengths = block.levelLength;
    let level = 0;
    let index = from;
    for (;;) {
      const word = index >>> 5;
      if (word >= lengths[level]!) return -1;
      this.probes += 1;
      const unread = ~words[block.wordAt(row, starts[level]! + word)]! >>> (index & 31);
      if (unread !== 0) {
        index += 31 - Math.clz32(unread & -unread);
        break;
      }
      if (level === levels) return -1;
      index = word + 1;
      level += 1;
    }
    while (level > 0) {
      level -= 1;
      // Padding bits past the last word of the level below read as "not full": there is nothing there.
      if (index >= lengths[level]!) return -1;
      this.probes += 1;
      const unread = ~words[block.wordAt(row, starts[level]! + index)]!;
      index = (index << 5) + (31 - Math.clz32(unread & -unread));
    }
    return index < end ? index : -1;
  }

  /**
   * Bytes held: the read order's block, filled or not, and, for the first message of a block, the whole block of
   * bits, so that summing over messages counts every block once.
   */
  get byteLength(): number {
    return (this.#capacity << this.#entryShift) + (this.#row === 0 ? this.#block.byteLength : 0);
  }

  /** Sets the summary bits above a word that has just become all readers, as far up as words fill. */
  #markFull(word: number): void {
    const block = this.#block;
    const words = block.words;
    let below = word;
    for (let level = 1; level <= block.levels; level++) {
      const index = block.wordAt(this.#row, block.levelStart[level]! + (below >>> 5));
      const after = words[index]! | (1 << (below & 31));
      words[index] = after;
      if (after !== -1) return;
      below >>>= 5;
    }
  }

  /** Makes room for one more reader: a block twice the size in the arena, or the next chunk. */
  #grow(): void {
    const shift = this.#entryShift;
    const oldBytes = this.#capacity << shift;
    const arena = this.#arena;
    if (oldBytes * 2 <= ARENA_LIMIT) {
      const bytes = oldBytes === 0 ? FIRST_ORDER_BYTES : oldBytes * 2;
      const address = arena.allocate(bytes);
      const order = shift === 0 ? arena.u8(address) : shift === 1 ? arena.u16(address) : arena.u32(address);
      const at = ByteArena.offset(address) >>> shift;
      this.#moveOrder(order, at);
      this.#orderAddress = address;
      this.#capacity = bytes >>> shift;
      return;
    }
    const length = (1 << CHUNK_SHIFT) >>> shift;
    const chunk =
      shift === 0 ? new Uint8Array(length) : shift === 1 ? new Uint16Array(length) : new Uint32Array(length);
    if (this.#chunks === null) {
      this.#moveOrder(chunk, 0);
      this.#orderAddress = -1;
      this.#chunks = [chunk];
      this.#head = chunk;
      this.#capacity = length;
    } else {
      this.#chunks.push(chunk);
      this.#order = chunk;
      this.#orderAt = -this.#capacity;
      this.#capacity += length;
    }
  }

  /** Copies the read order, which is still one block, to `order` from `at`, and gives its arena block back. */
  #moveOrder(order: OrderArray, at: number): void {
    const count = this.#count;
    const from = this.#order;
    const fromAt = this.#orderAt;
    if (count > 64) order.set(from.subarray(fromAt, fromAt + count), at);
    else for (let index = 0; index < count; index++) order[at + index] = from[fromAt + index]!;
    if (this.#orderAddress !== -1)
      this.#arena.release(this.#orderAddress, this.#capacity << this.#entryShift);
    this.#order = order;
    this.#orderAt = at;
  }
}
