/**
 * The reference allocator: obviously right, slow is fine.
 *
 * Memory comes in arenas, each a dataspace of its own attached with
 * Search_addr | RW: ARENA_SIZE bytes shared by small blocks, or one block of
 * more than LARGE bytes alone. Bookkeeping lives in plain JS, not in the heap.
 *
 * Invariants:
 * - every live block is MALLOC_ALIGNMENT-aligned, reserves `size` bytes (a
 *   multiple of MALLOC_ALIGNMENT) inside its arena, and overlaps no other;
 * - `arenas` is in address order, each arena's `blocks` too;
 * - every arena holds at least one live block: the last free detaches it and
 *   frees its slot, so an empty heap holds no slot, region or quota.
 */
import { type Allocator, type Allocator_factory, type L4re_env, MALLOC_ALIGNMENT } from '../l4re/alloc.ts';
import { type Cap, l4_is_invalid_cap } from '../l4re/cap.ts';
import { L4_EINVAL } from '../l4re/err.ts';
import { hex } from '../l4re/hex.ts';
import { L4RE_RM_END, L4RE_RM_F_RW, L4RE_RM_F_SEARCH_ADDR, is_page_fault, l4_round_page } from '../l4re/mem.ts';

const ARENA_SIZE = 128 * 1024;
/** Blocks reserving more than this get an arena of their own. */
const LARGE = 32 * 1024;
/** Bytes copied at once by a moving realloc. */
const COPY_CHUNK = 1 << 20;

interface Arena {
  readonly start: number;
  readonly size: number;
  readonly ds: Cap;
  readonly large: boolean;
  readonly blocks: Chunk[];
  /** Bytes its blocks reserve. */
  used: number;
}

interface Chunk {
  readonly ptr: number;
  /** Bytes reserved: the request rounded up to MALLOC_ALIGNMENT. */
  size: number;
  readonly arena: Arena;
}

/** The bytes reserved for a request, or undefined if no block can be that big. */
function reserve(size: number): number | undefined {
  if (!Number.isSafeInteger(size) || size <= 0 || size > L4RE_RM_END) return undefined;
  return Math.ceil(size / MALLOC_ALIGNMENT) * MALLOC_ALIGNMENT;
}

/** One arena as a heap walk draws it: its blocks live, the gaps between them free. */
export interface Model_strip {
  readonly start: number;
  readonly size: number;
  readonly blocks: { readonly offset: number; readonly size: number; readonly kind: 'live' | 'free' }[];
}

export class Model_malloc implements Allocator {
  private readonly arenas: Arena[] = [];
  private readonly live = new Map<number, Chunk>();

  constructor(private readonly env: L4re_env) {}

  malloc(size: number): number {
    const need = reserve(size);
    if (need === undefined) return 0;
    if (need > LARGE) return this.take(this.new_arena(l4_round_page(need), true), need);
    for (const a of this.arenas) {
      if (a.large || a.size - a.used < need) continue;
      const ptr = this.first_fit(a, need);
      if (ptr !== 0) return this.place(a, ptr, need);
    }
    return this.take(this.new_arena(ARENA_SIZE, false), need);
  }

  free(ptr: number): number {
    if (ptr === 0) return 0;
    const c = this.live.get(ptr);
    if (c === undefined) return -L4_EINVAL;
    this.release(c);
    return 0;
  }

  realloc(ptr: number, size: number): number {
    if (ptr === 0) return this.malloc(size);
    const c = this.live.get(ptr);
    if (c === undefined) return -L4_EINVAL;
    if (size === 0) {
      this.release(c);
      return 0;
    }
    const need = reserve(size);
    if (need === undefined) return 0;
    if ((need > LARGE) === c.arena.large && need <= this.room(c)) {
      c.arena.used += need - c.size;
      c.size = need;
      return ptr;
    }
    const q = this.malloc(size);
    if (q === 0) return 0;
    this.copy(q, ptr, Math.min(c.size, need));
    this.release(c);
    return q;
  }

  /** Every arena in address order, its blocks (the bytes each reserves) live and the gaps between them free. */
  heap_strips(): Model_strip[] {
    return this.arenas.map((a) => {
      const blocks: Model_strip['blocks'][number][] = [];
      let at = 0;
      for (const c of a.blocks) {
        if (c.ptr - a.start > at) blocks.push({ offset: at, size: c.ptr - a.start - at, kind: 'free' });
        blocks.push({ offset: c.ptr - a.start, size: c.size, kind: 'live' });
        at = c.ptr - a.start + c.size;
      }
      if (a.size > at) blocks.push({ offset: at, size: a.size - at, kind: 'free' });
      return { start: a.start, size: a.size, blocks };
    });
  }

  /** Bytes from c's start to the next block or its arena's end. */
  private room(c: Chunk): number {
    const a = c.arena;
    const next = a.blocks[a.blocks.indexOf(c) + 1];
    return (next === undefined ? a.start + a.size : next.ptr) - c.ptr;
  }

  /** The lowest address in `a` where `need` bytes fit between its blocks, or 0. */
  private first_fit(a: Arena, need: number): number {
    let at = a.start;
    for (const c of a.blocks) {
      if (c.ptr - at >= need) return at;
      at = c.ptr + c.size;
    }
    return a.start + a.size - at >= need ? at : 0;
  }

  /** The first block of a new arena, or 0 if there is none. */
  private take(a: Arena | undefined, need: number): number {
    return a === undefined ? 0 : this.place(a, a.start, need);
  }

  private place(a: Arena, ptr: number, need: number): number {
    const c: Chunk = { ptr, size: need, arena: a };
    const i = a.blocks.findIndex((x) => x.ptr > ptr);
    a.blocks.splice(i < 0 ? a.blocks.length : i, 0, c);
    a.used += need;
    this.live.set(ptr, c);
    return ptr;
  }

  /** A new attached dataspace of `size` bytes, or undefined with nothing held. */
  private new_arena(size: number, large: boolean): Arena | undefined {
    const ds = this.env.cap_alloc.alloc();
    if (l4_is_invalid_cap(ds)) return undefined;
    const start = this.env.mem_alloc.alloc(size, ds) === 0 ? this.env.rm.attach(0, size, L4RE_RM_F_SEARCH_ADDR | L4RE_RM_F_RW, ds) : -1;
    if (start < 0) {
      this.env.cap_alloc.free(ds);
      return undefined;
    }
    const a: Arena = { start, size, ds, large, blocks: [], used: 0 };
    const i = this.arenas.findIndex((x) => x.start > start);
    this.arenas.splice(i < 0 ? this.arenas.length : i, 0, a);
    return a;
  }

  private release(c: Chunk): void {
    const a = c.arena;
    a.blocks.splice(a.blocks.indexOf(c), 1);
    a.used -= c.size;
    this.live.delete(c.ptr);
    if (a.blocks.length > 0) return;
    this.arenas.splice(this.arenas.indexOf(a), 1);
    const detached = this.env.rm.detach(a.start);
    const freed = this.env.cap_alloc.free(a.ds);
    if (detached < 0 || freed !== 0) throw new Error(`Model_malloc.release: detach gave ${detached}, cap_alloc.free gave ${freed}`);
  }

  /** memcpy of `len` bytes from `src` to `dst`, in the argument order of Memory.copy. */
  private copy(dst: number, src: number, len: number): void {
    for (let done = 0; done < len; done += COPY_CHUNK) {
      const bytes = this.env.read(src + done, Math.min(COPY_CHUNK, len - done));
      const w = is_page_fault(bytes) ? bytes : this.env.write(dst + done, bytes);
      if (w !== 0) throw new Error(`Model_malloc.copy: page fault (${w.fault} at ${hex(w.addr)})`);
    }
  }
}

export const create_malloc: Allocator_factory = (env) => new Model_malloc(env);
