/**
 * Slot_bitmap: which slots of a range are free, with summary levels so that the
 * lowest free slot is found in O(log32 n) and take/give cost O(log32 n).
 *
 *   levels[2]  [w0]                      bit i set ⇔ levels[1][i] ≠ 0
 *   levels[1]  [w0][w1]                  bit i set ⇔ levels[0][i] ≠ 0
 *   levels[0]  [w0][w1] … [w2047]        bit i set ⇔ slot i is free
 *              (65536 slots: 2048 + 64 + 2 + 1 words)
 *
 * Invariant: bits of levels[0] past `size` are clear; every summary bit is set
 * exactly when the word below it is non-zero.
 */
import { ctz32, popcount32 } from './bits.ts';

const WORD_SHIFT = 5;
const WORD_BITS = 1 << WORD_SHIFT;
const WORD_MASK = WORD_BITS - 1;

export class Slot_bitmap {
  protected readonly levels: Uint32Array[] = [];
  protected free_slots: number;

  constructor(readonly size: number) {
    let n = size;
    do {
      const words = Math.max(1, Math.ceil(n / WORD_BITS));
      this.levels.push(new Uint32Array(words));
      n = words;
    } while (n > 1);
    this.free_slots = size;
    for (let bits = size, l = 0; l < this.levels.length; l++, bits = Math.ceil(bits / WORD_BITS)) {
      const level = this.levels[l]!;
      level.fill(0xffff_ffff, 0, bits >>> WORD_SHIFT);
      if (bits & WORD_MASK) level[bits >>> WORD_SHIFT] = (1 << (bits & WORD_MASK)) - 1;
    }
  }

  /** The lowest free slot, or -1 when every slot is taken. */
  lowest_free(): number {
    let i = 0;
    for (let l = this.levels.length - 1; l >= 0; l--) {
      const w = this.levels[l]![i]!;
      if (w === 0) return -1;
      i = (i << WORD_SHIFT) + ctz32(w);
    }
    return i;
  }

  is_free(i: number): boolean {
    return (this.levels[0]![i >>> WORD_SHIFT]! & (1 << (i & WORD_MASK))) !== 0;
  }

  /** Mark free slot `i` taken. */
  take(i: number): void {
    this.free_slots--;
    for (const level of this.levels) {
      const w = i >>> WORD_SHIFT;
      level[w]! &= ~(1 << (i & WORD_MASK));
      if (level[w] !== 0) return;
      i = w;
    }
  }

  /** Mark taken slot `i` free. */
  give(i: number): void {
    this.free_slots++;
    for (const level of this.levels) {
      const w = i >>> WORD_SHIFT;
      const was = level[w]!;
      level[w] = was | (1 << (i & WORD_MASK));
      if (was !== 0) return;
      i = w;
    }
  }

  free_count(): number {
    return this.free_slots;
  }

  /** Throws unless every summary bit and the free count agree with levels[0]. */
  check_invariants(): void {
    let free = 0;
    const base = this.levels[0]!;
    for (let w = 0; w < base.length; w++) {
      const first = w << WORD_SHIFT;
      const in_range = Math.min(WORD_BITS, Math.max(0, this.size - first));
      const stray = in_range === WORD_BITS ? 0 : base[w]! >>> in_range;
      if (stray !== 0) throw new Error(`Slot_bitmap: slot ${first + in_range + ctz32(stray)} past size ${this.size} is marked free`);
      free += popcount32(base[w]!);
    }
    if (free !== this.free_slots) throw new Error(`Slot_bitmap: ${free} free bits, count says ${this.free_slots}`);
    for (let l = 1; l < this.levels.length; l++) {
      const below = this.levels[l - 1]!;
      const level = this.levels[l]!;
      for (let w = 0; w < below.length; w++) {
        const bit = (level[w >>> WORD_SHIFT]! >>> (w & WORD_MASK)) & 1;
        if (bit !== (below[w] !== 0 ? 1 : 0)) {
          throw new Error(`Slot_bitmap: summary level ${l} bit ${w} is ${bit} but word below is ${below[w]}`);
        }
      }
    }
  }
}
