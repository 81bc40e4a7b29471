/** Blocks are 4 bytes at least, so that a block can hold 32-bit words at any of its offsets. */
const MIN_SHIFT = 2;
/** Pages of 16 kB once the arena has grown: a page is the largest block, and the unit of growth. */
const PAGE_SHIFT = 14;
const PAGE_BYTES = 1 << PAGE_SHIFT;
/** The first page is 1 kB, each next one twice the last up to 16 kB, so a server with few messages holds little. */
const FIRST_PAGE_BYTES = 1024;

/**
 * Small blocks of memory packed into shared pages, for storage a typed array of its own would cost more to hold
 * than it holds: each typed array carries some 200 bytes of headers, while the receipts of a message read by 40 of
 * 100 members fit in 56 bytes. Blocks are a power of two in size and aligned to it (a buddy allocator): a block
 * given back joins its free twin to make a larger block again, so the room a growing block leaves behind is
 * reused by the next block that grows, whatever its size.
 *
 * An address is a number: the page times 16 kB, plus the offset in it. The page's views (`u8`, `u16`, `u32`)
 * never change, so a holder may keep the view and its offset.
 *
 * @example
 * ```ts
 * const arena = new ByteArena();
 * const address = arena.allocate(16);
 * arena.u32(address)[ByteArena.offset(address) / 4] = 7;
 * arena.release(address, 16);
 * ```
 */
export class ByteArena {
  readonly #u8: Uint8Array[] = [];
  readonly #u16: Uint16Array[] = [];
  readonly #u32: Uint32Array[] = [];
  /**
   * A bit per 4 bytes of each page, set where a free block starts; the block's first word holds its size class
   * (log2 of its size). This is the truth about free blocks: a page's 16 kB carry 512 bytes of it.
   */
  readonly #freeMarks: Uint32Array[] = [];
  /** Addresses of free blocks by size class, to find one fast; may hold addresses since merged or taken. */
  readonly #free: number[][] = Array.from({ length: PAGE_SHIFT + 1 }, () => []);
  #byteLength = 0;
  #bytesInUse = 0;

  /** Where an address lies in its page's views, in bytes. */
  static offset(address: number): number {
    return address & (PAGE_BYTES - 1);
  }

  /** Bytes of every page held, used or free, and of the marks that say which blocks are free. */
  get byteLength(): number {
    return this.#byteLength + (this.#byteLength >>> (MIN_SHIFT + 3));
  }

  /** Bytes of the blocks given out and not released. */
  get bytesInUse(): number {
    return this.#bytesInUse;
  }

  u8(address: number): Uint8Array {
    return this.#u8[address >>> PAGE_SHIFT]!;
  }

  u16(address: number): Uint16Array {
    return this.#u16[address >>> PAGE_SHIFT]!;
  }

  u32(address: number): Uint32Array {
    return this.#u32[address >>> PAGE_SHIFT]!;
  }

  /** A block of `bytes` (a power of two from 4 to 16 kB); its content is whatever the last holder left. */
  allocate(bytes: number): number {
    const shift = sizeClass(bytes);
    let found = shift;
    let address = -1;
    for (; found <= PAGE_SHIFT && address === -1; found++) address = this.#takeFree(found);
    found -= 1;
    if (address === -1) {
      const last = this.#u8.at(-1)?.length ?? FIRST_PAGE_BYTES / 2;
      const pageBytes = Math.max(bytes, Math.min(PAGE_BYTES, last * 2));
      address = this.#u8.length << PAGE_SHIFT;
      const buffer = new ArrayBuffer(pageBytes);
      this.#u8.push(new Uint8Array(buffer));
      this.#u16.push(new Uint16Array(buffer));
      this.#u32.push(new Uint32Array(buffer));
      this.#freeMarks.push(new Uint32Array(pageBytes >>> (MIN_SHIFT + 5)));
      this.#byteLength += pageBytes;
      found = sizeClass(pageBytes);
    }
    // Split down to the size asked for; the upper halves become free blocks.
    while (found > shift) {
      found -= 1;
      this.#putFree(address + (1 << found), found);
    }
    this.#bytesInUse += bytes;
    return address;
  }

  /** Gives back a block `allocate(bytes)` returned. */
  release(address: number, bytes: number): void {
    let shift = sizeClass(bytes);
    this.#bytesInUse -= bytes;
    // A twin outside a small first page is never free, so merging stops at the page's own size.
    while (shift < PAGE_SHIFT) {
      const twin = address ^ (1 << shift);
      if (!this.#isFree(twin, shift)) break;
      this.#setMark(twin, false);
      address = Math.min(address, twin);
      shift += 1;
    }
    this.#putFree(address, shift);
  }

  #isFree(address: number, shift: number): boolean {
    const page = address >>> PAGE_SHIFT;
    const unit = (address & (PAGE_BYTES - 1)) >>> MIN_SHIFT;
    const words = this.#u32[page]!;
    if (unit >= words.length) return false;
    return ((this.#freeMarks[page]![unit >>> 5]! >>> (unit & 31)) & 1) === 1 && words[unit] === shift;
  }

  #setMark(address: number, free: boolean): void {
    const marks = this.#freeMarks[address >>> PAGE_SHIFT]!;
    const unit = (address & (PAGE_BYTES - 1)) >>> MIN_SHIFT;
    if (free) marks[unit >>> 5]! |= 1 << (unit & 31);
    else marks[unit >>> 5]! &= ~(1 << (unit & 31));
  }

  #putFree(address: number, shift: number): void {
    this.#setMark(address, true);
    this.#u32[address >>> PAGE_SHIFT]![(address & (PAGE_BYTES - 1)) >>> MIN_SHIFT] = shift;
    this.#free[shift]!.push(address);
  }

  /** A free block of the class, or -1; skips addresses whose block has since been merged or taken. */
  #takeFree(shift: number): number {
    const list = this.#free[shift]!;
    while (list.length > 0) {
      const address = list.pop()!;
      if (this.#isFree(address, shift)) {
        this.#setMark(address, false);
        return address;
      }
    }
    return -1;
  }
}

function sizeClass(bytes: number): number {
  const shift = 31 - Math.clz32(bytes);
  if (bytes !== 1 << shift || shift < MIN_SHIFT || shift > PAGE_SHIFT) {
    throw new RangeError(`ByteArena: a block is a power of two from 4 to ${PAGE_BYTES} bytes, not ${bytes}`);
  }
  return shift;
}
