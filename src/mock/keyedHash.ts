/**
 * HalfSipHash-2-4 with a 64-bit tag (Aumasson and Bernstein's keyed hash for 32-bit machines): what a caller who
 * does not know the key cannot compute. Pure JavaScript and synchronous, because the mock also runs in browsers
 * (stories), where `node:crypto` is missing and Web Crypto is asynchronous.
 */

/** A 64-bit key as two 32-bit words, little-endian: bytes 0–3, then bytes 4–7. */
export type HashKey = readonly [number, number];

/**
 * The 64-bit tag of `words` under `key`, as two 32-bit words (bytes 0–3 of the tag, then bytes 4–7), written into
 * `out` when given (a caller that hashes often need not allocate). The message is the words' bytes, little-endian,
 * 4 to a word: fixed-size fields such as a cursor's need no encoding step.
 *
 * @example
 * ```ts
 * halfSipHash64([0x03020100, 0x07060504], []); // [0x591f8d21, 0xc83cb8b9]
 * halfSipHash64([0x03020100, 0x07060504], [0x03020100]); // [0x178ae7d5, 0xa12ee55b]
 * ```
 */
export function halfSipHash64(
  key: HashKey,
  words: ArrayLike<number>,
  out: [number, number] = [0, 0],
): [number, number] {
  const [k0, k1] = key;
  // The state lives in locals, with the round written once below: V8 keeps them in registers, which makes the
  // hash several times faster than state in an array or in module variables.
  let v0 = k0 | 0;
  let v1 = (k1 ^ 0xee) | 0;
  let v2 = (0x6c796765 ^ k0) | 0;
  let v3 = (0x74656462 ^ k1) | 0;
  const n = words.length;
  let low = 0;
  // One step per message word (2 rounds), then the last block (2 rounds), then two finalisations (4 rounds each).
  for (let step = 0; step < n + 3; step++) {
    let m = 0;
    let count = 2;
    if (step < n) m = words[step]! | 0;
    // The last block holds no message bytes here, only the length in bytes (mod 256) in its top byte.
    else if (step === n) m = ((n * 4) & 0xff) << 24;
    else if (step === n + 1) {
      v2 ^= 0xee;
      count = 4;
    } else {
      low = (v1 ^ v3) >>> 0;
      v1 ^= 0xdd;
      count = 4;
    }
    v3 ^= m;
    for (let round = 0; round < count; round++) {
      v0 = (v0 + v1) | 0;
      v1 = ((v1 << 5) | (v1 >>> 27)) ^ v0;
      v0 = (v0 << 16) | (v0 >>> 16);
      v2 = (v2 + v3) | 0;
      v3 = ((v3 << 8) | (v3 >>> 24)) ^ v2;
      v0 = (v0 + v3) | 0;
      v3 = ((v3 << 7) | (v3 >>> 25)) ^ v0;
      v2 = (v2 + v1) | 0;
      v1 = ((v1 << 13) | (v1 >>> 19)) ^ v2;
      v2 = (v2 << 16) | (v2 >>> 16);
    }
    v0 ^= m;
  }
  out[0] = low;
  out[1] = (v1 ^ v3) >>> 0;
  return out;
}
