import { ByteArena } from './byteArena';

/** Messages a block holds: a reader's receipts for up to 32 consecutive messages touch one run of 32 words. */
export const BLOCK_ROWS = 32;
/** Blocks up to 1 kB live in the server's arena; larger ones are arrays of their own. */
const ARENA_LIMIT = 1024;

/**
 * The read bits of up to 32 consecutive messages of one group (one row each), with their summary levels, tiled:
 * word `w` of every row lies side by side, so a member's receipts for a run of messages, the common case, set bits
 * in one or two cache lines instead of one far-off line per message. Each message still reads its own row word by
 * word, 32 slots at a time, for its member-list pages.
 *
 * A row is `wordCount` words of bits (a bit per roster slot, set once read or when the slot is no recipient), then
 * the summary levels: in each a bit per word of the level below, set once that word is all set. Row `r`'s word `i`
 * (counting across the levels) is `words[at + (i << strideShift) + r]`. The block starts with room for one row and
 * doubles it up to 32, so a group with one message holds one row.
 *
 * @example
 * ```ts
 * const block = new ReadBlock(100, new ByteArena());
 * const row = block.addRow(); // 0
 * block.words[block.at + (3 << block.strideShift) + row] |= 1; // slot 96 of the first message
 * ```
 */
export class ReadBlock {
  readonly #arena: ByteArena;
  /** Words of bits a row has, for the slots its message had at the send. */
  readonly wordCount: number;
  /** Summary levels above the bits: none for one word, one up to 32 words, two up to 1,024, … */
  readonly levels: number;
  /** Words a row has, bits and levels. */
  readonly rowWords: number;
  words: Uint32Array;
  at = 0;
  /** log2 of the rows there is room for: the distance between a row's consecutive words. */
  strideShift = 0;
  rows = 0;
  /** The arena address of the words, or -1 when they are an array of their own. */
  #address = -1;
  #bytes = 0;

  constructor(slots: number, arena: ByteArena) {
    this.#arena = arena;
    this.wordCount = wordsFor(slots);
    let rowWords = this.wordCount;
    let levels = 0;
    for (let length = this.wordCount; length > 1; levels++) {
      length = Math.ceil(length / 32);
      rowWords += length;
    }
    this.levels = levels;
    this.rowWords = rowWords;
    this.words = this.#place(0);
  }

  /** Whether a message with this many roster slots can take the next row: the block has room and rows alike. */
  fits(slots: number): boolean {
    return this.rows < BLOCK_ROWS && wordsFor(slots) === this.wordCount;
  }

  /** Takes the next row, all clear; moves the block to twice the room when it is full. */
  addRow(): number {
    if (this.rows === 1 << this.strideShift) {
      const old = this.words;
      const oldAt = this.at;
      const oldShift = this.strideShift;
      const oldAddress = this.#address;
      const oldBytes = this.#bytes;
      const words = this.#place(oldShift + 1);
      for (let index = 0; index < this.rowWords; index++) {
        for (let row = 0; row < this.rows; row++)
          words[this.at + (index << this.strideShift) + row] = old[oldAt + (index << oldShift) + row]!;
      }
      if (oldAddress !== -1) this.#arena.release(oldAddress, oldBytes);
    }
    const row = this.rows;
    for (let index = 0; index < this.rowWords; index++)
      this.words[this.at + (index << this.strideShift) + row] = 0;
    this.rows += 1;
    return row;
  }

  /** Bytes held, filled rows or not. */
  get byteLength(): number {
    return this.#bytes;
  }

  /** Room for `2^shift` rows: in the arena when small, else an array of its own. Sets `at`, `strideShift`. */
  #place(shift: number): Uint32Array {
    const bytes = (this.rowWords << shift) * 4;
    this.strideShift = shift;
    if (bytes <= ARENA_LIMIT) {
      this.#bytes = Math.max(4, 1 << (32 - Math.clz32(bytes - 1)));
      this.#address = this.#arena.allocate(this.#bytes);
      this.at = ByteArena.offset(this.#address) >>> 2;
      this.words = this.#arena.u32(this.#address);
    } else {
      this.#bytes = bytes;
      this.#address = -1;
      this.at = 0;
      this.words = new Uint32Array(bytes / 4);
    }
    return this.words;
  }
}

function wordsFor(slots: number): number {
  return Math.max(1, Math.ceil(slots / 32));
}
