/**
 * Shared_buddy: a binary buddy allocator (Knowlton, 1965; Knuth, TAOCP 2.5;
 * the Fiasco kernel's Buddy_alloc) whose every bit of state lives in one
 * SharedArrayBuffer, so that every thread holding the buffer sees one heap.
 *
 *   byte 0      4      8           12     16             16 + 4·ORDERS
 *       ┌──────┬──────┬───────────┬──────┬──────────────┬───────────┬─────┬─────────┬─ … ─┬─────────┬──────┐
 *       │ lock │ used │ nonempty  │ len  │ heads[order] │ live bits │ pad │ top 0   │     │ top n-1 │ rest │
 *       └──────┴──────┴───────────┴──────┴──────────────┴───────────┴─────┴─────────┴─ … ─┴─────────┴──────┘
 *                                                                        base (≡ 8 mod 16)
 *   lock       LOCK_WORD, the owner's (Shared_heap's Heap_lock): it guards every other byte
 *   used       the number of used blocks;  len: the buffer's bytes, written by format()
 *   nonempty   bit k set ⇔ heads[k] ≠ 0;  heads[k]: the first free block of order k, 0 = none
 *   live       one bit per UNIT_SIZE bytes from base, set at the start of each used block
 *   top        the blocks of MAX_ORDER that tile [base, base + n · TOP_SIZE); the rest is unused
 *
 *   block of order k at h (2^k bytes, h - base a multiple of 2^k), its buddy at base + ((h - base) ^ 2^k)
 *    h        h+4         h+8
 *   ┌────────┬───────────┬───────────┬── … ──┐
 *   │ k|FREE │ (unused)  │ payload (2^k - 8 bytes, 16-aligned)        used
 *   │ k|FREE │ next free │ prev free │       │   free: in the list heads[k]
 *   └────────┴───────────┴───────────┴── … ──┘
 *
 * malloc takes the smallest free block of an order that fits, halving it down
 * and listing the upper halves; free merges a block with its buddy while the
 * buddy is free and whole, and lists the result. Offsets and links are byte
 * offsets into the buffer; 0 is none (the lock is there, never a block).
 *
 * impl's Tlsf cannot be shared: its fl_bitmap and block count are fields of a
 * JS object, its tables grow by reallocation, and its Arena reaches memory
 * through one task's regions. A buddy system needs no footers nor neighbours'
 * flags, only its lists and one header word a block.
 *
 * Invariants (check_invariants): blocks tile the tops, each aligned to its
 * size; no two free buddies of one order (they merge); a free block sits in
 * exactly the list of its order, linked back; nonempty says which lists are
 * not empty; a live bit is set exactly at each used block, and used counts them.
 *
 * Precondition of every method: the caller holds the lock at LOCK_WORD (or no
 * other thread has the buffer). Every loop is bounded, so a heap corrupted by
 * a missing lock throws or gives a wrong block, never hangs.
 */
import { hex } from '../l4re/hex.ts';
import { ctz32, popcount32 } from './bits.ts';

export const HEADER_SIZE = 8;
const MIN_ORDER = 5;
const UNIT_SIZE = 1 << MIN_ORDER;
const MAX_ORDER = 16;
const TOP_SIZE = 1 << MAX_ORDER;
/** The largest request a block holds. */
export const BUDDY_MAX_SIZE = TOP_SIZE - HEADER_SIZE;
const ORDERS = MAX_ORDER + 1;
const ORDER_MASK = 0x1f;
const FREE = 0x20;
const NEXT = 4;
const PREV = 8;
const WORD_BITS = 5;
const WORD_MASK = (1 << WORD_BITS) - 1;

/** The word of the buffer that holds the lock guarding the heap. */
export const LOCK_WORD = 0;
const USED_WORD = 1;
const NONEMPTY_WORD = 2;
const LEN_WORD = 3;
const HEADS_WORD = 4;
const LIVE_WORD = HEADS_WORD + ORDERS;

/** Words of live bits for a buffer of `len` bytes: one bit per unit, wherever base falls. */
function live_words(len: number): number {
  return Math.ceil(len / (UNIT_SIZE << WORD_BITS));
}

/** The first top block's offset in a buffer of `len` bytes: the first ≡ 8 (mod 16) past the live bits. */
function base_of(len: number): number {
  const tables = (LIVE_WORD + live_words(len)) << 2;
  return ((tables - HEADER_SIZE + 15) & ~15) + HEADER_SIZE;
}

/** The order of the block that holds `n` payload bytes (0 < n <= BUDDY_MAX_SIZE). */
export function order_for(n: number): number {
  return Math.max(MIN_ORDER, 32 - Math.clz32(n + HEADER_SIZE - 1));
}

export class Shared_buddy {
  protected readonly w: Uint32Array;
  readonly len: number;
  /** The first top block's offset. */
  readonly base: number;
  /** Top blocks: the heap is [base, base + tops · TOP_SIZE). */
  readonly tops: number;

  /** The heap format() wrote into `sab`; throws for a buffer format() did not write. */
  constructor(readonly sab: SharedArrayBuffer) {
    this.w = new Uint32Array(sab);
    this.len = sab.byteLength;
    this.base = base_of(this.len);
    this.tops = Math.floor((this.len - this.base) / TOP_SIZE);
    if (this.w[LEN_WORD] !== this.len) throw new Error(`Shared_buddy: a buffer of ${this.len} bytes whose len word is ${this.w[LEN_WORD]}: not a heap format() wrote`);
  }

  /** A new buffer of `len` bytes (a multiple of 16) holding an empty heap: every top block free. */
  static format(len: number): SharedArrayBuffer {
    if (!(Number.isSafeInteger(len) && len % 16 === 0 && len >= base_of(len) + TOP_SIZE && len <= 2 ** 31)) {
      throw new RangeError(`Shared_buddy.format: ${len} bytes is no heap size (a multiple of 16 from ${base_of(TOP_SIZE) + TOP_SIZE} to 2^31)`);
    }
    const sab = new SharedArrayBuffer(len);
    new Uint32Array(sab)[LEN_WORD] = len;
    const b = new Shared_buddy(sab);
    for (let t = b.tops - 1; t >= 0; t--) b.push(b.base + t * TOP_SIZE, MAX_ORDER);
    return sab;
  }

  /** The number of used blocks. */
  used_blocks(): number {
    return this.w[USED_WORD]!;
  }

  /** The used block whose payload is at offset `p`, or 0. */
  block_at(p: number): number {
    const u = p - HEADER_SIZE - this.base;
    if (!(u >= 0 && u < this.tops * TOP_SIZE) || u % UNIT_SIZE !== 0) return 0;
    return this.live(u) ? p - HEADER_SIZE : 0;
  }

  /** Payload bytes of used block h. */
  usable(h: number): number {
    return (1 << (this.w[h >>> 2]! & ORDER_MASK)) - HEADER_SIZE;
  }

  /** A used block of order k (MIN_ORDER..MAX_ORDER), halving a larger free one if need be; 0 if none is free. */
  alloc(k: number): number {
    const fits = this.w[NONEMPTY_WORD]! & (~0 << k);
    if (fits === 0) return 0;
    let j = ctz32(fits);
    const h = this.w[HEADS_WORD + j]!;
    this.unlink(h, j);
    while (j > k) this.push(h + (1 << --j), j);
    this.w[h >>> 2] = k;
    this.flip(h - this.base);
    this.w[USED_WORD]!++;
    return h;
  }

  /** Free used block h, merging it with its buddy while that is free and of its order. */
  free(h: number): void {
    let u = h - this.base;
    let k = this.w[h >>> 2]! & ORDER_MASK;
    this.flip(u);
    this.w[USED_WORD]!--;
    for (; k < MAX_ORDER; k++) {
      const buddy = this.base + (u ^ (1 << k));
      if (this.w[buddy >>> 2] !== (k | FREE)) break;
      this.unlink(buddy, k);
      u &= ~(1 << k);
    }
    this.push(this.base + u, k);
  }

  /** Shrink used block h to order k in place, listing the halves it gives up; false if k is larger than its order. */
  shrink(h: number, k: number): boolean {
    let j = this.w[h >>> 2]! & ORDER_MASK;
    if (k > j) return false;
    while (j > k) this.push(h + (1 << --j), j);
    this.w[h >>> 2] = k;
    return true;
  }

  /** List block h as free, of order k. */
  protected push(h: number, k: number): void {
    const w = this.w;
    const next = w[HEADS_WORD + k]!;
    w[h >>> 2] = k | FREE;
    w[(h + NEXT) >>> 2] = next;
    w[(h + PREV) >>> 2] = 0;
    if (next !== 0) w[(next + PREV) >>> 2] = h;
    w[HEADS_WORD + k] = h;
    w[NONEMPTY_WORD]! |= 1 << k;
  }

  /** Take free block h of order k off its list. */
  protected unlink(h: number, k: number): void {
    const w = this.w;
    const next = w[(h + NEXT) >>> 2]!;
    const prev = w[(h + PREV) >>> 2]!;
    if (next !== 0) w[(next + PREV) >>> 2] = prev;
    if (prev !== 0) w[(prev + NEXT) >>> 2] = next;
    else if ((w[HEADS_WORD + k] = next) === 0) w[NONEMPTY_WORD]! &= ~(1 << k);
  }

  /** Flip the live bit of the block `u` bytes past base. */
  protected flip(u: number): void {
    const g = u >>> MIN_ORDER;
    this.w[LIVE_WORD + (g >>> WORD_BITS)]! ^= 1 << (g & WORD_MASK);
  }

  /** Whether the block `u` bytes past base has its live bit set. */
  protected live(u: number): boolean {
    const g = u >>> MIN_ORDER;
    return ((this.w[LIVE_WORD + (g >>> WORD_BITS)]! >>> (g & WORD_MASK)) & 1) === 1;
  }

  /** Throws, naming the block or list, unless every invariant above holds. */
  check_invariants(): void {
    const where = 'Shared_buddy.check_invariants';
    const w = this.w;
    const free_blocks = new Map<number, number>();
    let used = 0;
    for (let u = 0, end = this.tops * TOP_SIZE; u < end; ) {
      const h = this.base + u;
      const k = w[h >>> 2]! & ORDER_MASK;
      const free = (w[h >>> 2]! & FREE) !== 0;
      if (k < MIN_ORDER || k > MAX_ORDER || u % (1 << k) !== 0) throw new Error(`${where}: block ${hex(h)} has order ${k}, which does not fit where it is`);
      if (this.live(u) === free) throw new Error(`${where}: block ${hex(h)} free=${free} but its live bit is ${free ? 1 : 0}`);
      if (free && k < MAX_ORDER && w[(this.base + (u ^ (1 << k))) >>> 2] === (k | FREE)) throw new Error(`${where}: free buddies ${hex(h)} and ${hex(this.base + (u ^ (1 << k)))} of order ${k} not merged`);
      if (free) free_blocks.set(h, k);
      else used++;
      u += 1 << k;
    }
    if (used !== this.used_blocks()) throw new Error(`${where}: ${used} used blocks, the count says ${this.used_blocks()}`);
    let bits = 0;
    for (let i = LIVE_WORD; i < LIVE_WORD + live_words(this.len); i++) bits += popcount32(w[i]!);
    if (bits !== used) throw new Error(`${where}: ${bits} live bits for ${used} used blocks`);
    this.check_lists(free_blocks, where);
  }

  protected check_lists(free_blocks: Map<number, number>, where: string): void {
    const w = this.w;
    let listed = 0;
    if (w[NONEMPTY_WORD]! >>> ORDERS !== 0) throw new Error(`${where}: nonempty ${hex(w[NONEMPTY_WORD]!)} names orders past ${MAX_ORDER}`);
    for (let k = 0; k < ORDERS; k++) {
      const head = w[HEADS_WORD + k]!;
      if (((w[NONEMPTY_WORD]! >>> k) & 1) !== (head !== 0 ? 1 : 0)) throw new Error(`${where}: nonempty bit ${k} disagrees with head ${hex(head)}`);
      for (let h = head, prev = 0; h !== 0; prev = h, h = w[(h + NEXT) >>> 2]!) {
        if (free_blocks.get(h) !== k || w[(h + PREV) >>> 2] !== prev || ++listed > free_blocks.size) {
          throw new Error(`${where}: list ${k} holds ${hex(h)}, which is not a free block of that order linked back to ${hex(prev)}, or the lists hold more than ${free_blocks.size} free blocks`);
        }
      }
    }
    if (listed !== free_blocks.size) throw new Error(`${where}: ${free_blocks.size} free blocks, the lists hold ${listed}`);
  }
}
