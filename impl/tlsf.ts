/**
 * Tlsf: the blocks of one Arena, in TLSF's two-level segregated free lists,
 * with boundary tags inline in the arena's memory.
 *
 *   block at offset h (h ≡ 8 mod 16, so the payload is 16-aligned)
 *
 *    h          h+4         h+8                                  h+size-4  h+size
 *   ┌──────────┬───────────┬──────────────────────────── … ─────┬─────────┐
 *   │size|P|F  │ (unused)  │ payload (size - 8 bytes)                     │   used
 *   ├──────────┼───────────┼───────────┬──────────────── … ─────┼─────────┤
 *   │size|P|F  │ next free │ prev free │                        │ size    │   free
 *   └──────────┴───────────┴───────────┴──────────────── … ─────┴─────────┘
 *     F = FREE: this block is free       P = PREV_FREE: the block before is free
 *     size: a multiple of ALIGN_SIZE, at least BLOCK_MIN_SIZE; links are offsets, 0 = none
 *
 *   arena   0     8                                                    len-8  len
 *          ┌─────┬─────────┬─────────┬── … ──┬─────────────────────┬────────┐
 *          │ pad │ block   │ block   │       │ block               │sentinel│
 *          └─────┴─────────┴─────────┴── … ──┴─────────────────────┴────────┘
 *          the sentinel is a used header of size 0 closing the walk; growing
 *          the arena turns it into a free block and writes a new one at the end.
 *
 *   free lists: heads[fl << SL_BITS | sl]; sizes below SB_SIZE map linearly
 *   (fl 0, one list per ALIGN_SIZE), larger ones by their top SL_BITS + 1 bits.
 *   fl_bitmap bit fl ⇔ sl_bitmap[fl] ≠ 0; sl_bitmap[fl] bit sl ⇔ heads[…] ≠ 0.
 *   live, slab: one bit per ALIGN_SIZE granule; exactly one of them is set at the
 *   payload of each used block: live for a user's block, slab for a Slabs slab.
 *
 * Invariants (check_invariants): blocks tile [8, len-8); no two free blocks
 * are adjacent; P matches the block before; a free block's footer is its size
 * and it sits in exactly the list its size maps to.
 */
import { l4_round_page } from '../l4re/mem.ts';
import { Arena, ARENA_MAX_BITS } from './arena.ts';
import { ctz32 } from './bits.ts';
import type { Impl_task } from './task.ts';
import { widen } from './widen.ts';

const ALIGN_BITS = 4;
export const ALIGN_SIZE = 1 << ALIGN_BITS;
const ALIGN_MASK = ALIGN_SIZE - 1;
export const HEADER_SIZE = 8;
export const BLOCK_MIN_SIZE = 2 * HEADER_SIZE;
const FREE = 1;
const PREV_FREE = 2;
const TAGS_MASK = ALIGN_MASK;
const SIZE_MASK = ~TAGS_MASK >>> 0;
const NEXT = 4;
const PREV = 8;
const FOOTER = 4;
const FIRST_BLOCK = HEADER_SIZE;
/** Bytes of an arena that no block holds: the pad and the sentinel. */
export const ARENA_OVERHEAD = FIRST_BLOCK + HEADER_SIZE;

const SL_BITS = 5;
const SL_SIZE = 1 << SL_BITS;
const SL_MASK = SL_SIZE - 1;
const SB_BITS = SL_BITS + ALIGN_BITS;
const SB_SIZE = 1 << SB_BITS;
const FL_COUNT = ARENA_MAX_BITS - SB_BITS + 1;
/** Entries of the request's own list examined for the best fit before taking a larger list's head. */
const SCAN_MAX = 16;

const WORD_BITS = 5;
const WORD_MASK = (1 << WORD_BITS) - 1;
/** A grow adds at least len >> GROW_SHIFT bytes, bounding the number of segments. */
const GROW_SHIFT = 5;

/** Which bitmap marks a used block: a user's block, or a slab. */
export const LIVE = 0;
export const SLAB = 1;

/** The free list a block of `size` bytes belongs to: fl << SL_BITS | sl. */
function class_of(size: number): number {
  if (size < SB_SIZE) return size >>> ALIGN_BITS;
  const b = 31 - Math.clz32(size);
  return ((b - SB_BITS + 1) << SL_BITS) | ((size >>> (b - SL_BITS)) & SL_MASK);
}

/** The block size that holds `n` payload bytes (n below the arena size). */
export function block_size(n: number): number {
  return Math.max(BLOCK_MIN_SIZE, (n + HEADER_SIZE + ALIGN_MASK) & ~ALIGN_MASK);
}

export class Tlsf {
  protected fl_bitmap = 0;
  protected readonly sl_bitmap: Uint32Array;
  protected readonly heads: Uint32Array;
  protected live: Uint32Array;
  protected slab: Uint32Array;
  protected used_blocks = 0;

  /** Tables from `retired` (a Tlsf whose arena is gone: no block in use, so live and slab are all zero), or new ones. */
  protected constructor(
    readonly arena: Arena,
    retired: Tlsf | null,
  ) {
    if (retired === null) {
      this.sl_bitmap = new Uint32Array(FL_COUNT);
      this.heads = new Uint32Array(FL_COUNT << SL_BITS);
      this.live = this.slab = new Uint32Array(0);
    } else {
      this.sl_bitmap = retired.sl_bitmap.fill(0);
      this.heads = retired.heads.fill(0);
      this.live = retired.live;
      this.slab = retired.slab;
    }
    const len = arena.len;
    this.fit_live(len);
    const size = len - ARENA_OVERHEAD;
    arena.set(FIRST_BLOCK, size | FREE);
    this.insert(FIRST_BLOCK, size);
    arena.set(len - HEADER_SIZE, PREV_FREE);
  }

  /**
   * A new arena whose one free block holds `need` bytes, or null with nothing
   * changed; it takes the tables of `retired`, if given, rather than allocate its own.
   * A subclass maps arenas of its own class.
   */
  static map(task: Impl_task, need: number, retired: Tlsf | null): Tlsf | null {
    const a = Arena.map(task, l4_round_page(need + ARENA_OVERHEAD));
    return a === null ? null : new this(a, retired);
  }

  get base(): number {
    return this.arena.base;
  }

  /** Whether no block is in use. */
  empty(): boolean {
    return this.used_blocks === 0;
  }

  /** The used block whose payload is at address `p`, or 0. */
  block_at(p: number): number {
    const off = p - this.arena.base;
    if (!(off >= 0 && off < this.arena.len) || (off & ALIGN_MASK) !== 0) return 0;
    const g = off >>> ALIGN_BITS;
    return (this.live[g >>> WORD_BITS]! >>> (g & WORD_MASK)) & 1 ? off - HEADER_SIZE : 0;
  }

  /** Payload bytes of used block h. */
  usable(h: number): number {
    return (this.arena.get(h) & SIZE_MASK) - HEADER_SIZE;
  }

  /** A used block of `need` bytes (a block_size), growing the arena if allowed; 0 if there is no room. */
  alloc(need: number, may_grow: boolean, kind = LIVE): number {
    let h = this.find(need);
    if (h === 0) {
      if (!may_grow || !this.grow(need)) return 0;
      h = this.find(need);
    }
    const a = this.arena;
    const size = a.get(h) & SIZE_MASK;
    this.remove(h, size);
    this.place(h, size, need);
    this.mark(h, kind);
    if (this.counts(kind)) this.used_blocks++;
    return h;
  }

  /** Whether a used block of `kind` counts in used_blocks, which says when the arena is empty: every kind does. */
  protected counts(_kind: number): boolean {
    return true;
  }

  /** Free used block h of `kind`, merging it with free neighbours; returns the merged free block. */
  free(h: number, kind = LIVE): number {
    this.mark(h, kind);
    this.used_blocks--;
    return this.release(h);
  }

  /** Resize used block h to `need` bytes in place, growing the arena if h is the last block; false if it cannot. */
  resize(h: number, need: number): boolean {
    const a = this.arena;
    const size = a.get(h) & SIZE_MASK;
    if (need <= size) {
      if (size - need >= BLOCK_MIN_SIZE) {
        a.set(h, need | (a.get(h) & PREV_FREE));
        a.set(h + need, size - need);
        this.release(h + need);
      }
      return true;
    }
    const next = h + size;
    let nh = a.get(next);
    const after = nh & FREE ? next + (nh & SIZE_MASK) : next;
    let avail = size + (nh & FREE ? nh & SIZE_MASK : 0);
    if (avail < need) {
      if (after !== a.len - HEADER_SIZE || !this.grow(this.top_need(need, size, avail))) return false;
      nh = a.get(next);
      avail = size + (nh & SIZE_MASK);
    }
    this.remove(next, avail - size);
    this.place(h, avail, need);
    return true;
  }

  /**
   * Give back the trailing segments the last free block covers, if that frees
   * at least `min` bytes or the arena is empty (then every segment goes and
   * the arena is gone: returns true).
   */
  trim(min: number): boolean {
    const a = this.arena;
    const end = a.len - HEADER_SIZE;
    const tail = a.get(end);
    if (!(tail & PREV_FREE)) return false;
    const top_size = a.get(end - FOOTER);
    const top = end - top_size;
    if (this.used_blocks === 0) {
      a.shrink_to(0);
      return true;
    }
    let cut = a.segment_start_from(top + HEADER_SIZE);
    if (cut !== top + HEADER_SIZE && cut < top + HEADER_SIZE + BLOCK_MIN_SIZE) {
      cut = a.segment_start_from(top + HEADER_SIZE + BLOCK_MIN_SIZE);
    }
    if (a.len - cut < min) return false;
    this.remove(top, top_size);
    const rest = cut - HEADER_SIZE - top;
    if (rest > 0) {
      a.set(top, rest | FREE);
      this.insert(top, rest);
    }
    a.set(cut - HEADER_SIZE, rest > 0 ? PREV_FREE : 0);
    a.shrink_to(cut);
    return false;
  }

  /**
   * What the free top must hold for used block h of `size` bytes (with `avail`
   * bytes of it and the free block after it) to grow in place to `need`: grow()
   * counts the free top itself.
   */
  protected top_need(need: number, size: number, _avail: number): number {
    return need - size;
  }

  /** Attach memory at the end so that the last block, if free, grows to hold `need` bytes. */
  protected grow(need: number): boolean {
    const a = this.arena;
    const end = a.len - HEADER_SIZE;
    const avail = a.get(end) & PREV_FREE ? a.get(end - FOOTER) : 0;
    const add = l4_round_page(Math.max(need - avail, a.len >>> GROW_SHIFT, 1));
    if (!a.grow(add)) return false;
    this.fit_live(a.len);
    const top = end - avail;
    if (avail > 0) this.remove(top, avail);
    a.set(top, (avail + add) | FREE);
    this.insert(top, avail + add);
    a.set(a.len - HEADER_SIZE, PREV_FREE);
    return true;
  }

  /** Make used block h of `total` bytes hold `need`, splitting off the rest as a free block when it can stand alone. */
  protected place(h: number, total: number, need: number): void {
    const a = this.arena;
    const prev_free = a.get(h) & PREV_FREE;
    if (total - need >= BLOCK_MIN_SIZE) {
      a.set(h, need | prev_free);
      a.set(h + need, (total - need) | FREE);
      this.insert(h + need, total - need);
      return;
    }
    a.set(h, total | prev_free);
    const next = h + total;
    a.set(next, a.get(next) & ~PREV_FREE);
  }

  /** Turn block h (no longer used) into a free block merged with its free neighbours; returns the merged block. */
  protected release(h: number): number {
    const a = this.arena;
    const hdr = a.get(h);
    let size = hdr & SIZE_MASK;
    const nh = a.get(h + size);
    if (nh & FREE) {
      this.remove_next(h + size, nh & SIZE_MASK);
      size += nh & SIZE_MASK;
    }
    if (hdr & PREV_FREE) {
      const prev_size = a.get(h - FOOTER);
      h -= prev_size;
      this.remove(h, prev_size);
      size += prev_size;
    }
    a.set(h, size | FREE);
    this.insert(h, size);
    a.set(h + size, a.get(h + size) | PREV_FREE);
    return h;
  }

  /** Take free block `next`, of `size` bytes, off its list: release() merges it into the block before. */
  protected remove_next(next: number, size: number): void {
    this.remove(next, size);
  }

  /** A free block of at least `size` bytes, or 0: the best of the first SCAN_MAX in its own list, else the head of the next larger list. */
  protected find(size: number): number {
    const a = this.arena;
    const c = class_of(size);
    let best = 0;
    let best_size = Infinity;
    for (let h = this.heads[c]!, n = 0; h !== 0 && n < SCAN_MAX; h = a.get(h + NEXT), n++) {
      const s = a.get(h) & SIZE_MASK;
      if (s >= size && s < best_size) {
        best = h;
        best_size = s;
        if (s === size) break;
      }
    }
    if (best !== 0) return best;
    let fl = c >>> SL_BITS;
    const sl = c & SL_MASK;
    let sl_map = sl === SL_MASK ? 0 : this.sl_bitmap[fl]! & (~0 << (sl + 1));
    if (sl_map === 0) {
      const fl_map = this.fl_bitmap & (~0 << (fl + 1));
      if (fl_map === 0) return 0;
      fl = ctz32(fl_map);
      sl_map = this.sl_bitmap[fl]!;
    }
    return this.heads[(fl << SL_BITS) | ctz32(sl_map)]!;
  }

  protected insert(h: number, size: number): void {
    const a = this.arena;
    const c = class_of(size);
    const next = this.heads[c]!;
    a.set(h + NEXT, next);
    a.set(h + PREV, 0);
    if (next !== 0) a.set(next + PREV, h);
    this.heads[c] = h;
    this.fl_bitmap |= 1 << (c >>> SL_BITS);
    this.sl_bitmap[c >>> SL_BITS]! |= 1 << (c & SL_MASK);
    a.set(h + size - FOOTER, size);
  }

  protected remove(h: number, size: number): void {
    const a = this.arena;
    const next = a.get(h + NEXT);
    const prev = a.get(h + PREV);
    if (next !== 0) a.set(next + PREV, prev);
    if (prev !== 0) {
      a.set(prev + NEXT, next);
      return;
    }
    const c = class_of(size);
    this.heads[c] = next;
    if (next !== 0) return;
    const fl = c >>> SL_BITS;
    const sl_map = (this.sl_bitmap[fl]! &= ~(1 << (c & SL_MASK)));
    if (sl_map === 0) this.fl_bitmap &= ~(1 << fl);
  }

  /**
   * The slab block whose payload starts at the greatest offset <= `off` and
   * at most `reach` bytes below it, or 0.
   */
  slab_below(off: number, reach: number): number {
    if (!(off >= 0 && off < this.arena.len)) return 0;
    const g = off >>> ALIGN_BITS;
    const lowest = Math.max(0, g - (reach >>> ALIGN_BITS)) >>> WORD_BITS;
    let w = g >>> WORD_BITS;
    let bits = this.slab[w]! & (0xffffffff >>> (WORD_MASK - (g & WORD_MASK)));
    while (bits === 0 && w > lowest) bits = this.slab[--w]!;
    if (bits === 0) return 0;
    const start = ((w << WORD_BITS) + 31 - Math.clz32(bits)) << ALIGN_BITS;
    return off - start <= reach ? start - HEADER_SIZE : 0;
  }

  /** Flip block h's bit in the bitmap of `kind`. */
  protected mark(h: number, kind: number): void {
    const g = (h + HEADER_SIZE) >>> ALIGN_BITS;
    const map = kind === LIVE ? this.live : this.slab;
    map[g >>> WORD_BITS]! ^= 1 << (g & WORD_MASK);
  }

  protected fit_live(len: number): void {
    const words = Math.ceil(len / (ALIGN_SIZE << WORD_BITS));
    if (words <= this.live.length) return;
    const n = Math.max(words, this.live.length * 2);
    this.live = widen(this.live, new Uint32Array(n));
    this.slab = widen(this.slab, new Uint32Array(n));
  }

  /**
   * Every block in address order, for a heap walk (impl/heap_walk.ts): its
   * offset, its size (header included) and whether it is free, a user's block
   * or a slab. The pad before the first block and the sentinel are no block.
   */
  each_block(visit: (h: number, size: number, kind: 'free' | 'live' | 'slab') => void): void {
    const a = this.arena;
    for (let h = FIRST_BLOCK, end = a.len - HEADER_SIZE; h < end; ) {
      const hdr = a.get(h);
      const size = hdr & SIZE_MASK;
      const g = (h + HEADER_SIZE) >>> ALIGN_BITS;
      visit(h, size, hdr & FREE ? 'free' : (this.live[g >>> WORD_BITS]! >>> (g & WORD_MASK)) & 1 ? 'live' : 'slab');
      h += size;
    }
  }

  /** The slab blocks, in address order (for checks). */
  slab_blocks(): number[] {
    const out: number[] = [];
    for (let h = FIRST_BLOCK, end = this.arena.len - HEADER_SIZE; h < end; h += this.arena.get(h) & SIZE_MASK) {
      const g = (h + HEADER_SIZE) >>> ALIGN_BITS;
      if ((this.slab[g >>> WORD_BITS]! >>> (g & WORD_MASK)) & 1) out.push(h);
    }
    return out;
  }

  check_invariants(): void {
    const a = this.arena;
    a.check_invariants();
    const where = `Tlsf at ${a.base}`;
    const free_blocks = new Set<number>();
    let used = 0;
    let prev_free = false;
    let h = FIRST_BLOCK;
    const end = a.len - HEADER_SIZE;
    for (; h < end; ) {
      const hdr = a.get(h);
      const size = hdr & SIZE_MASK;
      if (size < BLOCK_MIN_SIZE || h + size > end) throw new Error(`${where}: block ${h} has size ${size}`);
      if (!!(hdr & PREV_FREE) !== prev_free) throw new Error(`${where}: block ${h} PREV_FREE is ${hdr & PREV_FREE}`);
      const free = (hdr & FREE) !== 0;
      if (free && prev_free) throw new Error(`${where}: free blocks adjacent at ${h}`);
      const g = (h + HEADER_SIZE) >>> ALIGN_BITS;
      const live = (this.live[g >>> WORD_BITS]! >>> (g & WORD_MASK)) & 1;
      const slab = (this.slab[g >>> WORD_BITS]! >>> (g & WORD_MASK)) & 1;
      if (live + slab !== (free ? 0 : 1)) throw new Error(`${where}: block ${h} free=${free} but live bit ${live}, slab bit ${slab}`);
      if (free) {
        if (a.get(h + size - FOOTER) !== size) throw new Error(`${where}: free block ${h} footer ${a.get(h + size - FOOTER)} ≠ ${size}`);
        free_blocks.add(h);
      } else used++;
      prev_free = free;
      h += size;
    }
    if (h !== end || (a.get(end) & SIZE_MASK) !== 0 || !!(a.get(end) & PREV_FREE) !== prev_free) {
      throw new Error(`${where}: blocks end at ${h}, sentinel at ${end} reads ${a.get(end)}`);
    }
    if (used !== this.used_blocks) throw new Error(`${where}: ${used} used blocks, count says ${this.used_blocks}`);
    this.check_lists(free_blocks, where);
  }

  protected check_lists(free_blocks: Set<number>, where: string): void {
    const a = this.arena;
    let listed = 0;
    for (let c = 0; c < this.heads.length; c++) {
      const fl = c >>> SL_BITS;
      const bit = (this.sl_bitmap[fl]! >>> (c & SL_MASK)) & 1;
      if (bit !== (this.heads[c] !== 0 ? 1 : 0)) throw new Error(`${where}: sl_bitmap bit ${c} is ${bit}, head ${this.heads[c]}`);
      for (let h = this.heads[c]!, prev = 0; h !== 0; prev = h, h = a.get(h + NEXT)) {
        if (!free_blocks.has(h) || class_of(a.get(h) & SIZE_MASK) !== c || a.get(h + PREV) !== prev) {
          throw new Error(`${where}: list ${c} holds ${h}, which is not a free block of that class linked back to ${prev}`);
        }
        listed++;
      }
    }
    for (let fl = 0; fl < FL_COUNT; fl++) {
      if (((this.fl_bitmap >>> fl) & 1) !== (this.sl_bitmap[fl] !== 0 ? 1 : 0)) throw new Error(`${where}: fl_bitmap bit ${fl} disagrees`);
    }
    if (listed !== free_blocks.size) throw new Error(`${where}: ${free_blocks.size} free blocks, lists hold ${listed}`);
  }
}
