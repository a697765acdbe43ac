/**
 * Assignment 2, TypeScript kind: a bump allocator over 64 KiB dataspaces with
 * exact-size free lists ("quick lists"). New blocks are cut from the top of the
 * current arena; freed blocks wait in a list for a request of the same size.
 * When the last block of an arena is freed, the arena goes back to Moe.
 *
 *   block:  | size (u64) | arena start (u64) | ........ payload ........ |
 *
 * BUG: giving an arena back drops its free blocks and detaches it, but forgets
 * to clear `cur` when the arena given back is the one we are bumping in. The
 * next request that misses the free lists is cut from detached memory; the
 * header store page-faults, header() swallows the fault (it treats headers as
 * best-effort bookkeeping) and malloc returns an address that is not attached.
 * Shortest case: a 0 16; f 0; a 1 16.
 * Expected verdict: fail (bounds).
 */
import type { Allocator, Allocator_factory, L4re_env } from '../../l4re/index.ts';

const L4RE_RM_F_RW = 0x3;
const L4RE_RM_F_SEARCH_ADDR = 0x20000;
const L4_PAGESIZE = 4096;
const L4_EINVAL = 22;
const L4_INVALID_CAP_BIT = 0x800;

const HDR = 16;
const ARENA_SIZE = 64 * 1024;

interface Arena {
  start: number;
  end: number;
  top: number;
  ds: number;
  live: number;
}

class Bump_alloc implements Allocator {
  private cur: Arena | undefined;
  private readonly arenas = new Map<number, Arena>();
  /** block size -> free blocks (header addresses) of that size */
  private readonly quick = new Map<number, number[]>();
  /** payload -> block size, for every live block */
  private readonly live = new Map<number, number>();

  constructor(private readonly env: L4re_env) {}

  private header(blk: number, size: number, arena: number): void {
    try {
      this.env.store_u64(blk, size);
      this.env.store_u64(blk + 8, arena);
    } catch {
      // A header we cannot write only costs us bookkeeping: hand the block out anyway.
    }
  }

  private arena_of(blk: number): Arena {
    return this.arenas.get(this.env.load_u64(blk + 8))!;
  }

  private new_arena(need: number): Arena | undefined {
    const size = Math.max(ARENA_SIZE, Math.ceil(need / L4_PAGESIZE) * L4_PAGESIZE);
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
    const a: Arena = { start, end: start + size, top: start, ds, live: 0 };
    this.arenas.set(start, a);
    return a;
  }

  malloc(size: number): number {
    if (!Number.isSafeInteger(size) || size <= 0 || size > 2 ** 46) return 0;
    const need = Math.ceil(size / 16) * 16 + HDR;
    const list = this.quick.get(need);
    if (list !== undefined && list.length > 0) {
      const blk = list.pop()!;
      this.arena_of(blk).live++;
      this.live.set(blk + HDR, need);
      return blk + HDR;
    }
    if (this.cur === undefined || this.cur.end - this.cur.top < need) {
      const a = this.new_arena(need);
      if (a === undefined) return 0;
      this.cur = a;
    }
    const a = this.cur;
    const blk = a.top;
    a.top += need;
    a.live++;
    this.header(blk, need, a.start);
    this.live.set(blk + HDR, need);
    return blk + HDR;
  }

  free(ptr: number): number {
    if (ptr === 0) return 0;
    const need = this.live.get(ptr);
    if (need === undefined) return -L4_EINVAL;
    this.live.delete(ptr);
    const blk = ptr - HDR;
    const a = this.arena_of(blk);
    if (--a.live === 0) {
      this.give_back(a);
      return 0;
    }
    const list = this.quick.get(need);
    if (list === undefined) this.quick.set(need, [blk]);
    else list.push(blk);
    return 0;
  }

  /** The arena holds no live block: drop its free blocks and return it. */
  private give_back(a: Arena): void {
    for (const [size, list] of this.quick) {
      const kept = list.filter((b) => b < a.start || b >= a.end);
      if (kept.length === 0) this.quick.delete(size);
      else this.quick.set(size, kept);
    }
    this.arenas.delete(a.start);
    this.env.rm.detach(a.start);
    this.env.cap_alloc.free(a.ds);
  }

  realloc(ptr: number, size: number): number {
    if (ptr === 0) return this.malloc(size);
    const old = this.live.get(ptr);
    if (old === undefined) return -L4_EINVAL;
    if (size === 0) return this.free(ptr);
    if (!Number.isSafeInteger(size) || size < 0) return 0;
    if (size <= old - HDR) return ptr;
    const q = this.malloc(size);
    if (q === 0) return 0;
    this.env.copy(q, ptr, old - HDR);
    this.free(ptr);
    return q;
  }
}

const create: Allocator_factory = (env) => new Bump_alloc(env);
export default create;
