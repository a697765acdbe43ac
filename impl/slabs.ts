/**
 * Slabs: small requests as fixed-size chunks of slabs, each slab one used
 * block of a Tlsf arena, with a bitmap of its free chunks ("a pool of
 * fixed-sized chunks, a bitmap of the available ones"). Chunks have no header.
 *
 *   slab: a used block of SLAB_BLOCK_SIZE bytes for every class, so that an
 *   emptied slab of one class fits any other; payload s (16-aligned),
 *   chunk size c = class · ALIGN_SIZE, chunks(class) = (SLAB_PAYLOAD - 32) / c
 *    s+0     s+4     s+8        s+12       s+16 … s+28          s+32
 *   ┌───────┬───────┬──────────┬──────────┬─────────────────────┬──────┬──────┬── … ─┐
 *   │ class │ used  │next slab │prev slab │ free bits, 4 words  │chunk0│chunk1│   …  │
 *   └───────┴───────┴──────────┴──────────┴─────────────────────┴──────┴──────┴── … ─┘
 *   free bits: bit i set ⇔ chunk i exists and is free; next/prev link the
 *   slabs of the class that have a free chunk (0 = none) from partial[class].
 *
 * A chunk pointer is found through the Tlsf's slab bitmap: the greatest slab
 * start at most SLAB_MAX_SIZE below it, then its index must be exact and its
 * chunk in use.
 *
 * Invariants: used = chunks(class) - free bits, 0 < used; a slab is in its
 * class's partial list iff used < chunks(class); an empty slab is freed at once.
 */
import { ctz32, popcount32 } from './bits.ts';
import { HEADER_SIZE, SLAB, type Tlsf, block_size } from './tlsf.ts';

const ALIGN_BITS = 4;
const ALIGN_MASK = (1 << ALIGN_BITS) - 1;
const CLASS_COUNT = 8;
/** The largest request slabs serve. */
export const SMALL_MAX_SIZE = CLASS_COUNT << ALIGN_BITS;
const CLASS = 0;
const USED = 4;
const NEXT = 8;
const PREV = 12;
const FREE = 16;
const FREE_WORDS = 4;
const FIRST_CHUNK = 32;
const CHUNKS_MAX = FREE_WORDS * 32;
const SLAB_BLOCK_BITS = 11;
export const SLAB_BLOCK_SIZE = 1 << SLAB_BLOCK_BITS;
const SLAB_PAYLOAD = SLAB_BLOCK_SIZE - HEADER_SIZE;

/** Chunks a slab of class c holds. */
function chunks(c: number): number {
  return Math.min(CHUNKS_MAX, Math.floor((SLAB_PAYLOAD - FIRST_CHUNK) / (c << ALIGN_BITS)));
}

/** Whether slabs serve `n` bytes: it is small, and a headed block would cost more than its chunk. */
export function is_small(n: number): boolean {
  return n <= SMALL_MAX_SIZE && block_size(n) > ((n + ALIGN_MASK) & ~ALIGN_MASK);
}

export class Slabs {
  protected readonly partial = new Uint32Array(CLASS_COUNT + 1);
  /** The slab and chunk index chunk_at found. */
  hit_slab = 0;
  hit_chunk = 0;

  constructor(readonly tlsf: Tlsf) {}

  /** A chunk for `n` (is_small) bytes as an arena offset, or 0 when there is no room. */
  alloc(n: number, may_grow: boolean): number {
    const a = this.tlsf.arena;
    const c = (n + ALIGN_MASK) >>> ALIGN_BITS;
    let s = this.partial[c]!;
    if (s === 0) {
      const h = this.tlsf.alloc(SLAB_BLOCK_SIZE, may_grow, SLAB);
      if (h === 0) return 0;
      s = h + HEADER_SIZE;
      a.set(s + CLASS, c);
      a.set(s + USED, 0);
      for (let w = 0, left = chunks(c); w < FREE_WORDS; w++, left -= 32) {
        a.set(s + FREE + (w << 2), left >= 32 ? 0xffffffff : left > 0 ? (1 << left) - 1 : 0);
      }
      this.push(s, c);
    }
    let word = s + FREE;
    while (a.get(word) === 0) word += 4;
    const bits = a.get(word);
    const bit = ctz32(bits);
    a.set(word, bits & ~(1 << bit));
    const used = a.get(s + USED) + 1;
    a.set(s + USED, used);
    if (used === chunks(c)) this.unlink(s, c);
    return s + FIRST_CHUNK + (((word - s - FREE) << 3) + bit) * (c << ALIGN_BITS);
  }

  /** Whether offset `off` is a chunk in use; sets hit_slab and hit_chunk. */
  chunk_at(off: number): boolean {
    const h = this.tlsf.slab_below(off - FIRST_CHUNK, SLAB_PAYLOAD);
    if (h === 0) return false;
    const a = this.tlsf.arena;
    const s = h + HEADER_SIZE;
    const size = a.get(s + CLASS) << ALIGN_BITS;
    const i = (off - s - FIRST_CHUNK) / size;
    if (!Number.isInteger(i) || i >= chunks(size >>> ALIGN_BITS)) return false;
    if (this.chunk_free(s, i)) return false;
    this.hit_slab = s;
    this.hit_chunk = i;
    return true;
  }

  /** Whether chunk i of slab s is free, as chunk_at sees it. */
  protected chunk_free(s: number, i: number): boolean {
    return ((this.tlsf.arena.get(s + FREE + ((i >>> 5) << 2)) >>> (i & 31)) & 1) === 1;
  }

  /** Bytes chunks of slab `s` hold. */
  usable(s: number): number {
    return this.tlsf.arena.get(s + CLASS) << ALIGN_BITS;
  }

  /** Free chunk i of slab s (as chunk_at found them); an emptied slab goes back to the Tlsf. */
  free(s: number, i: number): void {
    const a = this.tlsf.arena;
    const c = a.get(s + CLASS);
    const word = s + FREE + ((i >>> 5) << 2);
    a.set(word, a.get(word) | (1 << (i & 31)));
    const used = a.get(s + USED) - 1;
    a.set(s + USED, used);
    if (used === chunks(c) - 1) this.push(s, c);
    if (used > 0) return;
    this.unlink(s, c);
    this.tlsf.free(s - HEADER_SIZE, SLAB);
  }

  /** Each chunk of slab `s` in address order, for a heap walk: its arena offset, its size and whether it is in use. */
  each_chunk(s: number, visit: (off: number, size: number, used: boolean) => void): void {
    const a = this.tlsf.arena;
    const c = a.get(s + CLASS);
    const size = c << ALIGN_BITS;
    for (let i = 0, n = chunks(c); i < n; i++) {
      visit(s + FIRST_CHUNK + i * size, size, ((a.get(s + FREE + ((i >>> 5) << 2)) >>> (i & 31)) & 1) === 0);
    }
  }

  protected push(s: number, c: number): void {
    const a = this.tlsf.arena;
    const next = this.partial[c]!;
    a.set(s + NEXT, next);
    a.set(s + PREV, 0);
    if (next !== 0) a.set(next + PREV, s);
    this.partial[c] = s;
  }

  protected unlink(s: number, c: number): void {
    const a = this.tlsf.arena;
    const next = a.get(s + NEXT);
    const prev = a.get(s + PREV);
    if (next !== 0) a.set(next + PREV, prev);
    if (prev !== 0) a.set(prev + NEXT, next);
    else this.partial[c] = next;
  }

  check_invariants(): void {
    const a = this.tlsf.arena;
    const where = `Slabs at ${a.base}`;
    const partial = new Set<number>();
    for (const h of this.tlsf.slab_blocks()) {
      const s = h + HEADER_SIZE;
      const c = a.get(s + CLASS);
      const used = a.get(s + USED);
      let free = 0;
      for (let w = 0; w < FREE_WORDS; w++) free += popcount32(a.get(s + FREE + (w << 2)));
      if (c < 1 || c > CLASS_COUNT || used < 1 || used + free !== chunks(c)) {
        throw new Error(`${where}: slab ${s} of class ${c} counts ${used} used and ${free} free chunks`);
      }
      if (used < chunks(c)) partial.add(s);
    }
    let listed = 0;
    for (let c = 1; c <= CLASS_COUNT; c++) {
      for (let s = this.partial[c]!, prev = 0; s !== 0; prev = s, s = a.get(s + NEXT)) {
        if (!partial.has(s) || a.get(s + CLASS) !== c || a.get(s + PREV) !== prev) {
          throw new Error(`${where}: partial list ${c} holds ${s}, not a partial slab of that class linked back to ${prev}`);
        }
        listed++;
      }
    }
    if (listed !== partial.size) throw new Error(`${where}: ${partial.size} partial slabs, lists hold ${listed}`);
  }
}
