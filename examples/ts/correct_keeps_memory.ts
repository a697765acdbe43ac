/**
 * Assignment 2, TypeScript kind: segregated free lists over arenas that are
 * never given back. CORRECT: expected verdict pass.
 *
 * Memory comes from dataspaces of at least ARENA_SIZE bytes, attached with
 * Search_addr | RW. An arena is kept for the rest of the program: a free block
 * in it waits in the free list of its size class, for a request of any size.
 * A request too big for an arena gets an arena of its own size, which is kept
 * just the same once the block is freed. Before asking Moe for a dataspace we
 * check what is left of the quota, and give up (return 0) when even a
 * dataspace just big enough for the request does not fit.
 *
 *   arena:  | block | block | ... | block | end (32 bytes: size 0, used) |
 *
 *   every block:  | size | prev_size | flags | requested | ..... payload ..... |
 *                 0      8           16      24          32
 *   free block:   | size | prev_size | flags | requested | next | prev | ...... |
 *                                                         32     40
 *   all u64. size: the whole block; prev_size: the block before it in the
 *   arena (0 for the first), so free can merge backwards without footers;
 *   flags: FREE; requested: what malloc was asked for, all realloc copies.
 *
 * malloc(0) returns a real minimum block, which must be freed like any other.
 */
import type { Allocator, Allocator_factory, L4re_env } from '../../l4re/index.ts';

// Copied from l4re/mem.ts and l4re/err.ts.
const L4RE_RM_F_RW = 0x3;
const L4RE_RM_F_SEARCH_ADDR = 0x20000;
const L4_PAGESIZE = 4096;
const L4_EINVAL = 22;
const L4_INVALID_CAP_BIT = 0x800;

const ALIGN = 16;
const HDR = 32;
/** header + next + prev, rounded up to ALIGN */
const MIN_BLOCK = 48;
const ARENA_SIZE = 256 * 1024;
const MAX_REQUEST = 2 ** 46;

const FREE = 1;

/** Size classes: class k holds free blocks of [2^(k+5), 2^(k+6)) bytes; the last one everything bigger. */
const CLASSES = 42;

function round_up(x: number, to: number): number {
  return Math.ceil(x / to) * to;
}

function class_of(size: number): number {
  return Math.min(CLASSES - 1, Math.floor(Math.log2(size)) - 5);
}

class Keeps_memory implements Allocator {
  /** the first free block of each class, 0 for none */
  private readonly heads: number[] = new Array<number>(CLASSES).fill(0);
  /** payload addresses handed out and not yet freed */
  private readonly live = new Set<number>();

  constructor(private readonly env: L4re_env) {}

  // ---- headers ----------------------------------------------------------

  private size_of(blk: number): number {
    return this.env.load_u64(blk);
  }

  private is_free(blk: number): boolean {
    return (this.env.load_u64(blk + 16) & FREE) !== 0;
  }

  /** Write blk's size and flags, and tell the block after it how big blk is. */
  private set_block(blk: number, size: number, flags: number): void {
    this.env.store_u64(blk, size);
    this.env.store_u64(blk + 16, flags);
    this.env.store_u64(blk + size + 8, size);
  }

  // ---- free lists -------------------------------------------------------

  private push(blk: number): void {
    const k = class_of(this.size_of(blk));
    const head = this.heads[k]!;
    this.env.store_u64(blk + 32, head);
    this.env.store_u64(blk + 40, 0);
    if (head !== 0) this.env.store_u64(head + 40, blk);
    this.heads[k] = blk;
  }

  private unlink(blk: number): void {
    const next = this.env.load_u64(blk + 32);
    const prev = this.env.load_u64(blk + 40);
    if (prev === 0) this.heads[class_of(this.size_of(blk))] = next;
    else this.env.store_u64(prev + 32, next);
    if (next !== 0) this.env.store_u64(next + 40, prev);
  }

  /** A free block of at least `need` bytes, unlinked, or 0. */
  private take(need: number): number {
    for (let k = class_of(need); k < CLASSES; k++) {
      for (let b = this.heads[k]!; b !== 0; b = this.env.load_u64(b + 32)) {
        if (this.size_of(b) >= need) {
          this.unlink(b);
          return b;
        }
      }
    }
    return 0;
  }

  /** Make [blk, blk + size) free, merged with free neighbours, and list it. */
  private release(blk: number, size: number): void {
    const after = blk + size;
    if (this.is_free(after)) {
      this.unlink(after);
      size += this.size_of(after);
    }
    const prev_size = this.env.load_u64(blk + 8);
    if (prev_size !== 0 && this.is_free(blk - prev_size)) {
      blk -= prev_size;
      this.unlink(blk);
      size += prev_size;
    }
    this.set_block(blk, size, FREE);
    this.push(blk);
  }

  // ---- arenas -----------------------------------------------------------

  /**
   * A new arena holding one free block of at least `need` bytes (unlisted), or
   * 0. Only a dataspace we could not attach goes back to Moe.
   */
  private grow(need: number): number {
    const quota = this.env.mem_alloc.quota();
    const left = quota.limit - quota.used;
    const just_enough = round_up(need + HDR, L4_PAGESIZE);
    if (just_enough > left) return 0;
    const roomy = Math.max(ARENA_SIZE, just_enough);
    const size = roomy <= left ? roomy : just_enough;
    const ds = this.env.cap_alloc.alloc();
    if ((ds & L4_INVALID_CAP_BIT) !== 0) return 0;
    if (this.env.mem_alloc.alloc(size, ds) < 0) {
      this.env.cap_alloc.free(ds);
      return 0;
    }
    const start = this.env.rm.attach(0, size, L4RE_RM_F_SEARCH_ADDR | L4RE_RM_F_RW, ds);
    if (start < 0) {
      this.env.cap_alloc.free(ds);
      return 0;
    }
    // A new dataspace reads as zero: the end block (size 0, used) and the first
    // block's prev_size 0 are there already.
    this.set_block(start, size - HDR, FREE);
    return start;
  }

  // ---- the interface ----------------------------------------------------

  /** Block size for a request (0 bytes get the minimum block), or 0 if it cannot be served. */
  private block_size(size: number): number {
    if (!Number.isSafeInteger(size) || size < 0 || size > MAX_REQUEST) return 0;
    return Math.max(MIN_BLOCK, round_up(size, ALIGN) + HDR);
  }

  /** Use `need` bytes of unlisted block `blk` for a request of `size`; list the rest. */
  private place(blk: number, need: number, size: number): number {
    const have = this.size_of(blk);
    if (have - need >= MIN_BLOCK) {
      this.set_block(blk, need, 0);
      this.release(blk + need, have - need);
    } else {
      this.set_block(blk, have, 0);
    }
    this.env.store_u64(blk + 24, size);
    this.live.add(blk + HDR);
    return blk + HDR;
  }

  malloc(size: number): number {
    const need = this.block_size(size);
    if (need === 0) return 0;
    const blk = this.take(need) || this.grow(need);
    return blk === 0 ? 0 : this.place(blk, need, size);
  }

  free(ptr: number): number {
    if (ptr === 0) return 0;
    if (!this.live.delete(ptr)) return -L4_EINVAL;
    const blk = ptr - HDR;
    this.release(blk, this.size_of(blk));
    return 0;
  }

  realloc(ptr: number, size: number): number {
    if (ptr === 0) return this.malloc(size);
    if (!this.live.has(ptr)) return -L4_EINVAL;
    if (size === 0) return this.free(ptr);
    const need = this.block_size(size);
    if (need === 0) return 0;
    const blk = ptr - HDR;
    const cur = this.size_of(blk);
    const after = blk + cur;
    const room = this.is_free(after) ? cur + this.size_of(after) : cur;
    if (need <= room) {
      if (room > cur) {
        this.unlink(after);
        this.set_block(blk, room, 0);
      }
      this.live.delete(ptr);
      return this.place(blk, need, size);
    }
    const q = this.malloc(size);
    if (q === 0) return 0;
    this.env.copy(q, ptr, Math.min(this.env.load_u64(blk + 24), size));
    this.free(ptr);
    return q;
  }
}

const create: Allocator_factory = (env) => new Keeps_memory(env);
export default create;
