/**
 * Assignment 2, TypeScript kind: malloc/free/realloc with an explicit free list.
 * CORRECT: expected verdict pass.
 *
 * Memory comes from dataspaces of at least ARENA_SIZE bytes, attached with
 * Search_addr | RW. Every block starts with a 16-byte header inside the
 * dataspace; a free block also carries list links and a footer, so free can
 * coalesce with both neighbours:
 *
 *   arena:  | block | block | ... | block | end (16 bytes, size 0, used) |
 *
 *   used block:  | size (u64) | flags (u8) | ........ payload ........ |
 *   free block:  | size (u64) | flags (u8) | next (u64) | prev (u64) | ... | size (u64) |
 *                0            8            16           24                 size-8
 *
 *   flags: FREE = this block is free, PREV_FREE = the block before it is free
 *          (only then may we read the footer in front of the header).
 *
 * A block that grows to cover its whole arena gives the dataspace back. A request
 * bigger than ARENA_SIZE simply gets an arena of its own size, so big blocks go
 * back to Moe as soon as they are freed.
 */
import type { Allocator, Allocator_factory, L4re_env } from '../../l4re/index.ts';

// Copied from l4re/mem.ts and l4re/err.ts.
const L4RE_RM_F_RW = 0x3;
const L4RE_RM_F_SEARCH_ADDR = 0x20000;
const L4_PAGESIZE = 4096;
const L4_EINVAL = 22;
const L4_INVALID_CAP_BIT = 0x800;

const ALIGN = 16;
const HDR = 16;
/** header + next + prev + footer, rounded up to ALIGN */
const MIN_BLOCK = 48;
const ARENA_SIZE = 64 * 1024;
const MAX_REQUEST = 2 ** 46;

const FREE = 1;
const PREV_FREE = 2;

interface Arena {
  start: number;
  size: number;
  ds: number;
}

function round_up(x: number, to: number): number {
  return Math.ceil(x / to) * to;
}

class First_fit implements Allocator {
  private free_head = 0;
  private readonly arenas = new Map<number, Arena>();
  /** payload addresses handed out and not yet freed */
  private readonly live = new Set<number>();

  constructor(private readonly env: L4re_env) {}

  // ---- block headers (every access page-faults outside our arenas) -----

  private size_of(blk: number): number {
    return this.env.load_u64(blk);
  }

  private flags_of(blk: number): number {
    return this.env.load_u8(blk + 8);
  }

  private set_header(blk: number, size: number, flags: number): void {
    this.env.store_u64(blk, size);
    this.env.store_u64(blk + 8, flags);
  }

  private set_flags(blk: number, flags: number): void {
    this.env.store_u8(blk + 8, flags);
  }

  // ---- free list --------------------------------------------------------

  private next_of(blk: number): number {
    return this.env.load_u64(blk + 16);
  }

  private prev_of(blk: number): number {
    return this.env.load_u64(blk + 24);
  }

  private push(blk: number): void {
    this.env.store_u64(blk + 16, this.free_head);
    this.env.store_u64(blk + 24, 0);
    if (this.free_head !== 0) this.env.store_u64(this.free_head + 24, blk);
    this.free_head = blk;
  }

  private unlink(blk: number): void {
    const next = this.next_of(blk);
    const prev = this.prev_of(blk);
    if (prev === 0) this.free_head = next;
    else this.env.store_u64(prev + 16, next);
    if (next !== 0) this.env.store_u64(next + 24, prev);
  }

  /**
   * Make [blk, blk+size) a free block: header, footer, PREV_FREE of the block
   * after it. The caller has already merged neighbours. `prev_free` is always
   * false here because free blocks never touch.
   */
  private mark_free(blk: number, size: number): void {
    this.set_header(blk, size, FREE);
    this.env.store_u64(blk + size - 8, size);
    const after = blk + size;
    this.set_flags(after, this.flags_of(after) | PREV_FREE);
  }

  private mark_used(blk: number, size: number, prev_free: boolean): void {
    this.set_header(blk, size, prev_free ? PREV_FREE : 0);
    const after = blk + size;
    this.set_flags(after, this.flags_of(after) & ~PREV_FREE);
  }

  // ---- arenas -----------------------------------------------------------

  /** A new arena holding one free block of at least `need` bytes, or 0. */
  private grow(need: number): number {
    const size = Math.max(ARENA_SIZE, round_up(need + HDR, L4_PAGESIZE));
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
    this.arenas.set(start, { start, size, ds });
    const body = size - HDR;
    this.set_header(start + body, 0, 0); // end marker: a used block of size 0
    this.mark_free(start, body);
    this.push(start);
    return start;
  }

  /** If free block `blk` is its arena's only block, give the dataspace back. */
  private maybe_release(blk: number, size: number): boolean {
    const a = this.arenas.get(blk);
    if (a === undefined || size !== a.size - HDR) return false;
    this.arenas.delete(blk);
    this.env.rm.detach(a.start);
    this.env.cap_alloc.free(a.ds);
    return true;
  }

  // ---- the interface ----------------------------------------------------

  /** Block size for a request, or 0 if it cannot be served. */
  private block_size(size: number): number {
    if (!Number.isSafeInteger(size) || size <= 0 || size > MAX_REQUEST) return 0;
    return Math.max(MIN_BLOCK, round_up(size, ALIGN) + HDR);
  }

  /** Use `need` bytes of free block `blk` (already unlinked); split off the rest. */
  private place(blk: number, need: number): number {
    const size = this.size_of(blk);
    const prev_free = (this.flags_of(blk) & PREV_FREE) !== 0;
    if (size - need >= MIN_BLOCK) {
      this.mark_used(blk, need, prev_free);
      this.mark_free(blk + need, size - need);
      this.push(blk + need);
    } else {
      this.mark_used(blk, size, prev_free);
    }
    this.live.add(blk + HDR);
    return blk + HDR;
  }

  malloc(size: number): number {
    const need = this.block_size(size);
    if (need === 0) return 0;
    for (let b = this.free_head; b !== 0; b = this.next_of(b)) {
      if (this.size_of(b) >= need) {
        this.unlink(b);
        return this.place(b, need);
      }
    }
    const b = this.grow(need);
    if (b === 0) return 0;
    this.unlink(b);
    return this.place(b, need);
  }

  /** Free the block at `blk` of `size` bytes, merging with free neighbours. */
  private release(blk: number, size: number): void {
    const after = blk + size;
    if ((this.flags_of(after) & FREE) !== 0) {
      this.unlink(after);
      size += this.size_of(after);
    }
    if ((this.flags_of(blk) & PREV_FREE) !== 0) {
      const before = blk - this.env.load_u64(blk - 8);
      this.unlink(before);
      size += blk - before;
      blk = before;
    }
    this.mark_free(blk, size);
    if (!this.maybe_release(blk, size)) this.push(blk);
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
    const prev_free = (this.flags_of(blk) & PREV_FREE) !== 0;
    if (need <= cur) {
      if (cur - need >= MIN_BLOCK) {
        this.mark_used(blk, need, prev_free);
        this.set_header(blk + need, cur - need, 0);
        this.release(blk + need, cur - need);
      }
      return ptr;
    }
    // Grow into the next block if it is free and big enough.
    const after = blk + cur;
    if ((this.flags_of(after) & FREE) !== 0 && cur + this.size_of(after) >= need) {
      const total = cur + this.size_of(after);
      this.unlink(after);
      if (total - need >= MIN_BLOCK) {
        this.mark_used(blk, need, prev_free);
        this.mark_free(blk + need, total - need);
        this.push(blk + need);
      } else {
        this.mark_used(blk, total, prev_free);
      }
      return ptr;
    }
    const q = this.malloc(size);
    if (q === 0) return 0;
    this.env.copy(q, ptr, Math.min(cur - HDR, size));
    this.free(ptr);
    return q;
  }
}

const create: Allocator_factory = (env) => new First_fit(env);
export default create;
