import { ByteArena } from './byteArena';

/** Messages a block holds: a reader's receipts for up to 32 consecutive messages land in one stretch of it. */
export const BLOCK_ROWS = 32;
/** Blocks up to 1 kB live in the server's arena; larger ones are arrays of their own. */
const ARENA_LIMIT = 1024;
/** A row's words lie side by side in runs of 4 (16 bytes), then the next row's run of the same words. */
const RUN_SHIFT = 2;
const RUN_MASK = (1 << RUN_SHIFT) - 1;

/**
 * The read bits of up to 32 consecutive messages of one group (one row each), with their summary levels, tiled. A
 * member's receipts for a run of messages (the common case) set the same word in consecutive rows, which lie
 * 16 bytes apart: a few cache lines for 30 messages instead of one far-off line per message. A message's member-list
 * page reads its own row word after word, which come in runs of 4 side by side, 32 slots a word.
 *
 * A row is `wordCount` words of bits (a bit per roster slot, set once read or when the slot is no recipient), then
 * the summary levels: in each a bit per word of the level below, set once that word is all set. Word `i` of row `r`
 * (counting across the levels) is `words[wordAt(r, i)]`. The block starts with room for one row and doubles it up
 * to 32, so a group with one message holds one row.
 *
 * @example
 * ```ts
 * const block = new ReadBlock(100, new ByteArena());
 * const row = block.addRow(); // 0
 * block.words[block.wordAt(row, 3)] |= 1; // slot 96 has read the first message
 * ```
 */
export class ReadBlock {
  readonly #arena: ByteArena;
  /** Words of bits a row has, for the slots its message had at the send. */
  readonly wordCount: number;
  /** Summary levels above the bits: none for one word, one up to 32 words, two up to 1,024, … */
  readonly levels: number;
  /** Where each level starts among a row's words (level 0 is the bits), and how many words it has. */
  readonly levelStart: Int32Array;
  readonly levelLength: Int32Array;
  /** Words a row takes, bits and levels, in whole runs. */
  readonly rowWords: number;
  words: Uint32Array;
  at = 0;
  /** log2 of the rows there is room for. */
  roomShift = 0;
  rows = 0;
  /** The arena address of the words, or -1 when they are an array of their own. */
  #address = -1;
  #bytes = 0;

  constructor(slots: number, arena: ByteArena) {
    this.#arena = arena;
    this.wordCount = wordsFor(slots);
    const starts = [0];
    const lengths = [this.wordCount];
    for (let length = this.wordCount; length > 1; ) {
      starts.push(starts.at(-1)! + length);
      length = Math.ceil(length / 32);
      lengths.push(length);
    }
    this.levels = starts.length - 1;
    this.levelStart = Int32Array.from(starts);
    this.levelLength = Int32Array.from(lengths);
    const words = starts.at(-1)! + lengths.at(-1)!;
    this.rowWords = Math.ceil(words / (RUN_MASK + 1)) * (RUN_MASK + 1);
    this.words = this.#place(0);
  }

  /** Where word `index` of row `row` is in `words`. */
  wordAt(row: number, index: number): number {
    return (
      this.at +
      (((index >>> RUN_SHIFT) << (this.roomShift + RUN_SHIFT)) | (row << RUN_SHIFT) | (index & RUN_MASK))
    );
  }

  /** Whether a message with this many roster slots can take the next row: the block has room and rows alike. */
  fits(slots: number): boolean {
    return this.rows < BLOCK_ROWS && wordsFor(slots) === this.wordCount;
  }

  /** Takes the next row, all clear; moves the block to twice the room when it is full. */
  addRow(): number {
    if (this.rows === 1 << this.roomShift) {
      const old = this.words;
      const oldAt = this.at;
      const oldShift = this.roomShift;
      const oldAddress = this.#address;
      const oldBytes = this.#bytes;
      const words = this.#place(oldShift + 1);
      for (let row = 0; row < this.rows; row++) {
        for (let index = 0; index < this.rowWords; index++) {
          const from =
            oldAt +
            (((index >>> RUN_SHIFT) << (oldShift + RUN_SHIFT)) | (row << RUN_SHIFT) | (index & RUN_MASK));
          words[this.wordAt(row, index)] = old[from]!;
        }
      }
      if (oldAddress !== -1) this.#arena.release(oldAddress, oldBytes);
    }
    const row = this.rows;
    for (let index = 0; index < this.rowWords; index++) this.words[this.wordAt(row, index)] = 0;
    this.rows += 1;
    return row;
  }

  /** Bytes held, filled rows or not. */
  get byteLength(): number {
    return this.#bytes;
  }

  /** Room for `2^shift` rows: in the arena when small, else an array of its own. Sets `at` and `roomShift`. */
  #place(shift: number): Uint32Array {
    const bytes = (this.rowWords << shift) * 4;
    this.roomShift = shift;
    if (bytes <= ARENA_LIMIT) {
      this.#bytes = 1 << (32 - Math.clz32(bytes - 1));
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
