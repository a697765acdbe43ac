/**
 * Assignment 2, TypeScript kind: size-class slabs. A request of up to SLAB_MAX
 * bytes gets a block of its class (16, 32, 64, ..., 2048 bytes) from a 64 KiB
 * slab that holds blocks of that class only; a bigger one gets a dataspace of
 * its own. Slabs are attached aligned to their size, so a block's slab is its
 * address rounded down, and blocks need no header:
 *
 *   slab:  | header (64) | block | block | ... | block | unused |
 *   slab header:  | block size (u32) | live (u32) | free head (u64) | bump (u64) | ds (u64) |
 *                 0                  4            8                 16           24
 *   free block:   | next free block in this slab (u64) | ... |
 *   big block:    | requested size (u64) | pad | ..... payload ..... |
 *                 0                            16
 *
 * A slab whose last block is freed goes back to Moe, unless it is the only
 * slab of its class with room (so that one block coming and going does not
 * cost a dataspace each time). A big block goes back as soon as it is freed.
 *
 * BUG: giving a slab back only detaches it (`rm.detach`): the capability slot
 * named in its header, and the dataspace in it, are never freed (the
 * `cap_alloc.free(ds)` is missing), so every emptied slab leaks a slot and
 * 64 KiB of quota. Every block is still right, so replaying the traces passes;
 * only an account of what the allocator holds after everything is freed
 * finds it. Expected verdict: fail (leak).
 */
import type { Allocator, Allocator_factory, L4re_env } from '../../l4re/index.ts';

// Copied from l4re/mem.ts and l4re/err.ts.
const L4RE_RM_F_RW = 0x3;
const L4RE_RM_F_SEARCH_ADDR = 0x20000;
const L4_PAGESIZE = 4096;
const L4_EINVAL = 22;
const L4_INVALID_CAP_BIT = 0x800;

const SLAB_BITS = 16;
const SLAB_SIZE = 1 << SLAB_BITS;
const SLAB_HDR = 64;
const SLAB_MAX = 2048;
const MIN_CLASS = 16;
const BIG_HDR = 16;
const MAX_REQUEST = 2 ** 46;

interface Big {
  start: number;
  size: number;
  ds: number;
}

/** The block size of a small request: the next power of two, at least MIN_CLASS. */
function class_size(n: number): number {
  return Math.max(MIN_CLASS, 2 ** Math.ceil(Math.log2(n)));
}

class Slabs implements Allocator {
  /** block size -> slabs of that class with a free block or bump room */
  private readonly room = new Map<number, Set<number>>();
  /** big blocks by payload address */
  private readonly big = new Map<number, Big>();
  /** small payload addresses handed out and not yet freed */
  private readonly live = new Set<number>();

  constructor(private readonly env: L4re_env) {}

  /** A new dataspace of `size` bytes attached with 2^align alignment, or undefined. */
  private map_new(size: number, align: number): { start: number; ds: number } | undefined {
    const ds = this.env.cap_alloc.alloc();
    if ((ds & L4_INVALID_CAP_BIT) !== 0) return undefined;
    if (this.env.mem_alloc.alloc(size, ds) < 0) {
      this.env.cap_alloc.free(ds);
      return undefined;
    }
    const start = this.env.rm.attach(0, size, L4RE_RM_F_SEARCH_ADDR | L4RE_RM_F_RW, ds, 0, align);
    if (start < 0) {
      this.env.cap_alloc.free(ds);
      return undefined;
    }
    return { start, ds };
  }

  // ---- slabs ------------------------------------------------------------

  private rooms(size: number): Set<number> {
    let s = this.room.get(size);
    if (s === undefined) {
      s = new Set();
      this.room.set(size, s);
    }
    return s;
  }

  private new_slab(size: number): number {
    const m = this.map_new(SLAB_SIZE, SLAB_BITS);
    if (m === undefined) return 0;
    this.env.store_u32(m.start, size);
    this.env.store_u64(m.start + 16, m.start + SLAB_HDR);
    this.env.store_u64(m.start + 24, m.ds);
    this.rooms(size).add(m.start);
    return m.start;
  }

  private small_malloc(n: number): number {
    const size = class_size(n);
    const rooms = this.rooms(size);
    const slab = rooms.size > 0 ? rooms.values().next().value! : this.new_slab(size);
    if (slab === 0) return 0;
    let p = this.env.load_u64(slab + 8);
    if (p !== 0) {
      this.env.store_u64(slab + 8, this.env.load_u64(p));
    } else {
      p = this.env.load_u64(slab + 16);
      this.env.store_u64(slab + 16, p + size);
    }
    this.env.store_u32(slab + 4, this.env.load_u32(slab + 4) + 1);
    const bump = this.env.load_u64(slab + 16);
    if (this.env.load_u64(slab + 8) === 0 && bump + size > slab + SLAB_SIZE) rooms.delete(slab);
    this.live.add(p);
    return p;
  }

  private small_free(p: number): void {
    const slab = Math.floor(p / SLAB_SIZE) * SLAB_SIZE;
    const size = this.env.load_u32(slab);
    this.env.store_u64(p, this.env.load_u64(slab + 8));
    this.env.store_u64(slab + 8, p);
    const live = this.env.load_u32(slab + 4) - 1;
    this.env.store_u32(slab + 4, live);
    const rooms = this.rooms(size);
    rooms.add(slab);
    if (live === 0 && rooms.size > 1) {
      rooms.delete(slab);
      this.env.rm.detach(slab);
    }
  }

  // ---- big blocks -------------------------------------------------------

  private big_malloc(n: number): number {
    const size = Math.ceil((n + BIG_HDR) / L4_PAGESIZE) * L4_PAGESIZE;
    const m = this.map_new(size, 12);
    if (m === undefined) return 0;
    this.env.store_u64(m.start, n);
    this.big.set(m.start + BIG_HDR, { start: m.start, size, ds: m.ds });
    return m.start + BIG_HDR;
  }

  private big_free(p: number, b: Big): void {
    this.big.delete(p);
    this.env.rm.detach(b.start);
    this.env.cap_alloc.free(b.ds);
  }

  // ---- the interface ----------------------------------------------------

  malloc(n: number): number {
    if (!Number.isSafeInteger(n) || n <= 0 || n > MAX_REQUEST) return 0;
    return n <= SLAB_MAX ? this.small_malloc(n) : this.big_malloc(n);
  }

  free(p: number): number {
    if (p === 0) return 0;
    const b = this.big.get(p);
    if (b !== undefined) this.big_free(p, b);
    else if (this.live.delete(p)) this.small_free(p);
    else return -L4_EINVAL;
    return 0;
  }

  realloc(p: number, n: number): number {
    if (p === 0) return this.malloc(n);
    const b = this.big.get(p);
    if (b === undefined && !this.live.has(p)) return -L4_EINVAL;
    if (n === 0) return this.free(p);
    if (!Number.isSafeInteger(n) || n < 0 || n > MAX_REQUEST) return 0;
    const have = b !== undefined ? this.env.load_u64(b.start) : this.env.load_u32(Math.floor(p / SLAB_SIZE) * SLAB_SIZE);
    if (b !== undefined && n + BIG_HDR <= b.size) {
      this.env.store_u64(b.start, n);
      return p;
    }
    if (b === undefined && n <= have) return p;
    const q = this.malloc(n);
    if (q === 0) return 0;
    this.env.copy(q, p, Math.min(have, n));
    this.free(p);
    return q;
  }
}

const create: Allocator_factory = (env) => new Slabs(env);
export default create;
