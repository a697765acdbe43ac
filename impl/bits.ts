/**
 * Bit tricks on 32-bit words, for the bitmaps of Slot_bitmap, Tlsf and Slabs.
 *
 *   w        = 0b…0110_1000
 *   w & -w   = 0b…0000_1000   the lowest set bit alone: ctz32(w) = 3
 *   popcount32(w) = 3         SWAR: pairs, nibbles, bytes, then one multiply
 */

/** Index of the lowest set bit of a non-zero word (-1 for 0). */
export function ctz32(w: number): number {
  return 31 - Math.clz32(w & -w);
}

/** Number of set bits of a 32-bit word. */
export function popcount32(w: number): number {
  w -= (w >>> 1) & 0x5555_5555;
  w = (w & 0x3333_3333) + ((w >>> 2) & 0x3333_3333);
  return Math.imul((w + (w >>> 4)) & 0x0f0f_0f0f, 0x0101_0101) >>> 24;
}
