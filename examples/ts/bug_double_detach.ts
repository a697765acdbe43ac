/**
 * Assignment 2, TypeScript kind: a binary buddy allocator. Every arena is a
 * 256 KiB dataspace that splits into halves, quarters, ... down to 32-byte
 * blocks; a freed block merges with its buddy (the other half of the block
 * they were split from) as long as that buddy is free and whole. An arena
 * whose blocks have all merged back into one goes back to Moe. A request too
 * big for an arena gets a dataspace of its own, given back on free.
 *
 *   block of order k (2^k bytes, at arena start + a multiple of 2^k):
 *     used:  | order (u8) | flags (u8) | pad | ....... payload ....... |
 *     free:  | order (u8) | flags (u8) | pad | next (u64) | prev (u64) |
 *            0            1                  16           24
 *   flags: FREE. The free lists (one per order) are doubly linked through
 *   the free blocks themselves; their heads live here.
 *
 * BUG: free gives an emptied arena back with release(), which detaches the
 * region and then calls drop() to forget the arena, and drop() detaches it
 * again before it frees the capability. The second rm.detach finds nothing
 * at that address and returns -L4_ENOENT, which nobody looks at. Nothing
 * leaks and no byte is wrong, so replaying the traces passes; but the call is
 * a misuse, and on a real L4Re task another thread could attach a region
 * there between the two calls and lose it. Shortest case: a 0 16; f 0.
 * Expected verdict: fail (environment: rm.detach where nothing is attached).
 */
import type { Allocator, Allocator_factory, L4re_env } from '../../l4re/index.ts';

// Copied from l4re/mem.ts and l4re/err.ts.
const L4RE_RM_F_RW = 0x3;
const L4RE_RM_F_SEARCH_ADDR = 0x20000;
const L4_PAGESIZE = 4096;
const L4_EINVAL = 22;
const L4_INVALID_CAP_BIT = 0x800;

const MIN_ORDER = 5;
const ARENA_ORDER = 18;
const ARENA_SIZE = 2 ** ARENA_ORDER;
const HDR = 16;
const MAX_REQUEST = 2 ** 46;

const FREE = 1;

interface Mapping {
  start: number;
  size: number;
  ds: number;
}

/** The order of the smallest block holding `n` payload bytes. */
function order_of(n: number): number {
  return Math.max(MIN_ORDER, Math.ceil(Math.log2(n + HDR)));
}

class Buddy implements Allocator {
  /** the first free block of each order, 0 for none */
  private readonly heads: number[] = new Array<number>(ARENA_ORDER + 1).fill(0);
  /** arena start -> its dataspace */
  private readonly arenas = new Map<number, Mapping>();
  /** big blocks by payload address */
  private readonly big = new Map<number, Mapping>();
  /** arena payload addresses handed out and not yet freed */
  private readonly live = new Set<number>();

  constructor(private readonly env: L4re_env) {}

  /** A new dataspace of `size` bytes, attached, or undefined. */
  private map_new(size: number): Mapping | undefined {
    const ds = this.env.cap_alloc.alloc();
    if ((ds & L4_INVALID_CAP_BIT) !== 0) return undefined;
    if (this.env.mem_alloc.alloc(size, ds) < 0) {
      this.env.cap_alloc.free(ds);
      return undefined;
    }
    const start = this.env.rm.attach(0, size, L4RE_RM_F_SEARCH_ADDR | L4RE_RM_F_RW, ds);
    if (start < 0) {
      this.env.cap_alloc.free(ds);
      return undefined;
    }
    return { start, size, ds };
  }

  // ---- free lists -------------------------------------------------------

  private push(blk: number, order: number): void {
    const head = this.heads[order]!;
    this.env.store_u8(blk, order);
    this.env.store_u8(blk + 1, FREE);
    this.env.store_u64(blk + 16, head);
    this.env.store_u64(blk + 24, 0);
    if (head !== 0) this.env.store_u64(head + 24, blk);
    this.heads[order] = blk;
  }

  private unlink(blk: number, order: number): void {
    const next = this.env.load_u64(blk + 16);
    const prev = this.env.load_u64(blk + 24);
    if (prev === 0) this.heads[order] = next;
    else this.env.store_u64(prev + 16, next);
    if (next !== 0) this.env.store_u64(next + 24, prev);
    this.env.store_u8(blk + 1, 0);
  }

  // ---- arenas -----------------------------------------------------------

  private arena_of(blk: number): Mapping {
    for (const a of this.arenas.values()) if (blk >= a.start && blk < a.start + a.size) return a;
    throw new Error(`buddy: 0x${blk.toString(16)} is in no arena`);
  }

  /** The arena is one free block again: give it back. */
  private release(a: Mapping): void {
    this.unlink(a.start, ARENA_ORDER);
    this.env.rm.detach(a.start);
    this.drop(a);
  }

  /** Forget the arena and its dataspace. */
  private drop(a: Mapping): void {
    this.arenas.delete(a.start);
    this.env.rm.detach(a.start);
    this.env.cap_alloc.free(a.ds);
  }

  /** A used block of `order`, split from the smallest free block that holds it, or 0. */
  private take(order: number): number {
    let k = order;
    while (k <= ARENA_ORDER && this.heads[k] === 0) k++;
    if (k > ARENA_ORDER) {
      const a = this.map_new(ARENA_SIZE);
      if (a === undefined) return 0;
      this.arenas.set(a.start, a);
      this.push(a.start, ARENA_ORDER);
      k = ARENA_ORDER;
    }
    const blk = this.heads[k]!;
    this.unlink(blk, k);
    while (k > order) {
      k--;
      this.push(blk + 2 ** k, k);
    }
    this.env.store_u8(blk, order);
    return blk;
  }

  /** Free `blk` of `order`, merging with its buddy while the buddy is free and whole. */
  private give(blk: number, order: number): void {
    const a = this.arena_of(blk);
    while (order < ARENA_ORDER) {
      const buddy = a.start + ((blk - a.start) ^ 2 ** order);
      if (this.env.load_u8(buddy + 1) !== FREE || this.env.load_u8(buddy) !== order) break;
      this.unlink(buddy, order);
      blk = Math.min(blk, buddy);
      order++;
    }
    this.push(blk, order);
    if (order === ARENA_ORDER) this.release(a);
  }

  // ---- the interface ----------------------------------------------------

  malloc(n: number): number {
    if (!Number.isSafeInteger(n) || n <= 0 || n > MAX_REQUEST) return 0;
    const order = order_of(n);
    if (order > ARENA_ORDER) {
      const m = this.map_new(Math.ceil((n + HDR) / L4_PAGESIZE) * L4_PAGESIZE);
      if (m === undefined) return 0;
      this.env.store_u64(m.start + 8, n);
      this.big.set(m.start + HDR, m);
      return m.start + HDR;
    }
    const blk = this.take(order);
    if (blk === 0) return 0;
    this.live.add(blk + HDR);
    return blk + HDR;
  }

  free(p: number): number {
    if (p === 0) return 0;
    const m = this.big.get(p);
    if (m !== undefined) {
      this.big.delete(p);
      this.env.rm.detach(m.start);
      this.env.cap_alloc.free(m.ds);
      return 0;
    }
    if (!this.live.delete(p)) return -L4_EINVAL;
    this.give(p - HDR, this.env.load_u8(p - HDR));
    return 0;
  }

  realloc(p: number, n: number): number {
    if (p === 0) return this.malloc(n);
    const m = this.big.get(p);
    if (m === undefined && !this.live.has(p)) return -L4_EINVAL;
    if (n === 0) return this.free(p);
    if (!Number.isSafeInteger(n) || n < 0 || n > MAX_REQUEST) return 0;
    const have = m !== undefined ? this.env.load_u64(m.start + 8) : 2 ** this.env.load_u8(p - HDR) - HDR;
    if (m !== undefined && n + HDR <= m.size) {
      this.env.store_u64(m.start + 8, n);
      return p;
    }
    if (m === undefined && n <= have) return p;
    const q = this.malloc(n);
    if (q === 0) return 0;
    this.env.copy(q, p, Math.min(have, n));
    this.free(p);
    return q;
  }
}

const create: Allocator_factory = (env) => new Buddy(env);
export default create;
