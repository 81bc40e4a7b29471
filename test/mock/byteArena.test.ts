import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteArena } from '../../src/mock/byteArena';

/** Fixed, so that a failure names a run that replays. */
const SEED = 20_251_203;

const sizes = [4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 16_384] as const;

interface Live {
  address: number;
  bytes: number;
  fill: number;
}

function write(arena: ByteArena, { address, bytes, fill }: Live): void {
  arena.u8(address).fill(fill, ByteArena.offset(address), ByteArena.offset(address) + bytes);
}

function holds(arena: ByteArena, { address, bytes, fill }: Live): boolean {
  const offset = ByteArena.offset(address);
  return arena
    .u8(address)
    .subarray(offset, offset + bytes)
    .every((byte) => byte === fill);
}

describe('ByteArena: small blocks packed in shared pages (docs/rules.md §2: storage built for size)', () => {
  it('gives out blocks aligned to their size that never overlap: what one holder writes, no other sees', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ size: fc.constantFrom(...sizes), release: fc.nat() }), { maxLength: 200 }),
        (steps) => {
          const arena = new ByteArena();
          const live: Live[] = [];
          steps.forEach(({ size, release }, index) => {
            // Every third step gives a block back, one chosen by the run.
            if (index % 3 === 2 && live.length > 0) {
              const [gone] = live.splice(release % live.length, 1);
              arena.release(gone!.address, gone!.bytes);
              return;
            }
            const block = { address: arena.allocate(size), bytes: size, fill: (index % 255) + 1 };
            expect(ByteArena.offset(block.address) % size).toBe(0);
            expect(ByteArena.offset(block.address) + size).toBeLessThanOrEqual(
              arena.u8(block.address).length,
            );
            write(arena, block);
            live.push(block);
          });
          expect(live.filter((block) => !holds(arena, block))).toEqual([]);
          expect(arena.bytesInUse).toBe(live.reduce((sum, block) => sum + block.bytes, 0));
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('merges blocks given back, so that room freed in small blocks serves a large one', () => {
    const arena = new ByteArena();
    const small = Array.from({ length: 4096 }, () => arena.allocate(4));
    const held = arena.byteLength;
    for (const address of small) arena.release(address, 4);
    expect(arena.bytesInUse).toBe(0);
    // Every page is whole again: a page-sized block, and as many small ones again, fit without a new page.
    arena.allocate(16_384);
    for (let index = 0; index < 1024; index++) arena.allocate(4);
    expect(arena.byteLength).toBe(held);
  });

  it('starts with a 1 kB page and doubles pages up to 16 kB, counting a bit per 4 bytes that marks free blocks', () => {
    const arena = new ByteArena();
    expect(arena.byteLength).toBe(0);
    arena.allocate(16);
    expect(arena.byteLength).toBe(1024 + 1024 / 32);
    arena.allocate(1024);
    expect(arena.byteLength).toBe(1024 + 2048 + (1024 + 2048) / 32);
    arena.allocate(16_384);
    arena.allocate(16_384);
    expect(arena.byteLength).toBe((1024 + 2048 + 16_384 + 16_384) * (1 + 1 / 32));
    expect(arena.bytesInUse).toBe(16 + 1024 + 16_384 * 2);
  });

  it('refuses a size that is not a power of two from 4 bytes to 16 kB', () => {
    const arena = new ByteArena();
    for (const bytes of [0, 2, 12, 100, 32_768]) expect(() => arena.allocate(bytes)).toThrow(RangeError);
  });
});
