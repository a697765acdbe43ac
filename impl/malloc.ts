/**
 * The optimized allocator: malloc, free and realloc of l4re/alloc.ts over an
 * impl-world task, with block metadata inline in the task's memory.
 *
 *   request n bytes
 *     ├─ is_small(n) ─────────> Slabs: headerless chunks of slabs inside the arenas
 *     ├─ is_large(n) ─────────> Large_blocks: a dataspace chain of its own, no header
 *     └─ otherwise ───────────> Tlsf arenas: 8-byte headers, footers on free blocks,
 *                               immediate coalescing, the top block grows in place
 *
 *   address space   2^32 · k: arena k (grows upward)      elsewhere: large blocks
 *
 * Invariants: every live pointer is the payload of a used Tlsf block (its live
 * bit set), a used chunk of a slab, or the start of a large block; everything else is -L4_EINVAL and
 * changes nothing. Freeing everything gives back every segment: slots,
 * regions and quota return to where they were.
 */
import { L4_EINVAL } from '../l4re/err.ts';
import type { Allocator, Allocator_factory } from '../l4re/alloc.ts';
import { L4_PAGESIZE, L4RE_RM_END, l4_round_page } from '../l4re/mem.ts';
import { Large_blocks } from './large_blocks.ts';
import { with_parts } from './parts.ts';
import { is_small, SLAB_BLOCK_SIZE, Slabs } from './slabs.ts';
import { Impl_task } from './task.ts';
import { block_size, HEADER_SIZE, Tlsf } from './tlsf.ts';

const LARGE_MIN_BITS = 17;
/** Requests of at least this many bytes get a dataspace of their own. */
const LARGE_MIN_SIZE = 1 << LARGE_MIN_BITS;
/**
 * A request of half a page or more is large too when its pages waste at most
 * n >> this and yet its header would not fit in them: whole pages serve it best.
 */
const PAGE_FIT_SHIFT = 7;
/**
 * An arena gives back its trailing segments once they hold this much and
 * len >> TRIM_SHIFT: a tail that comes and goes costs no world calls.
 */
const TRIM_MIN_SIZE = 1 << 16;
const TRIM_SHIFT = 2;
/** Copies between blocks go in pieces of this many bytes. */
const COPY_CHUNK_SIZE = 1 << 24;

function is_large(n: number): boolean {
  if (n >= LARGE_MIN_SIZE) return true;
  const pages = l4_round_page(n);
  return n >= L4_PAGESIZE / 2 && pages - n <= n >>> PAGE_FIT_SHIFT && pages < block_size(n);
}

function valid_size(n: number): boolean {
  return Number.isSafeInteger(n) && n > 0 && n <= L4RE_RM_END;
}

/** Where a pointer lives, found by owner(): an arena index, or one of these. */
const NOWHERE = -1;
const LARGE = -2;
/** owner() adds this to the arena index of a slab chunk. */
const CHUNK = 1 << 20;

/** The classes an allocator is built from; who builds each with what: parts.ts. */
export interface Malloc_parts {
  readonly Impl_allocator: new (task: Impl_task, parts: Malloc_parts) => Impl_allocator;
  readonly Large_blocks: new (task: Impl_task) => Large_blocks;
  readonly Tlsf: Pick<typeof Tlsf, 'map'>;
  readonly Slabs: new (tlsf: Tlsf) => Slabs;
}

export class Impl_allocator implements Allocator {
  protected readonly arenas: Tlsf[] = [];
  /** The slabs of arenas[i]. */
  protected readonly slabs: Slabs[] = [];
  protected readonly large: Large_blocks;
  /** The block owner() found, in the arena it returned. */
  protected hit = 0;
  /** The last arena to go, whose tables the next new arena takes. */
  protected retired: Tlsf | null = null;

  constructor(
    protected readonly task: Impl_task,
    protected readonly parts: Malloc_parts,
  ) {
    this.large = new parts.Large_blocks(task);
  }

  malloc(size: number): number {
    if (!valid_size(size)) return 0;
    return is_large(size) ? this.large.alloc(size) : this.in_arena(size);
  }

  /** A chunk or block for `size` bytes from the arenas, the newest first, growing one or mapping a new one if need be. */
  protected in_arena(size: number): number {
    const small = is_small(size);
    const need = small ? SLAB_BLOCK_SIZE : this.arena_block_size(size);
    const arenas = this.arenas;
    for (let grow = 0; grow < 2; grow++) {
      for (let i = arenas.length - 1; i >= 0; i--) {
        const off = small ? this.slabs[i]!.alloc(size, grow === 1) : arenas[i]!.alloc(need, grow === 1) + HEADER_SIZE;
        if (off > HEADER_SIZE) return arenas[i]!.base + off;
      }
    }
    const t = this.parts.Tlsf.map(this.task, need, this.retired);
    if (t === null) return 0;
    this.retired = null;
    arenas.push(t);
    this.slabs.push(new this.parts.Slabs(t));
    return this.in_arena(size);
  }

  /** The Tlsf block size in_arena asks for to hold `size` bytes. */
  protected arena_block_size(size: number): number {
    return block_size(size);
  }

  free(ptr: number): number {
    if (ptr === 0) return 0;
    const i = this.owner(ptr);
    if (i === NOWHERE) return -L4_EINVAL;
    if (i === LARGE) this.large.free(ptr);
    else if (i >= CHUNK) {
      const slabs = this.slabs[i - CHUNK]!;
      slabs.free(slabs.hit_slab, slabs.hit_chunk);
      this.trim(i - CHUNK);
    } else {
      this.arenas[i]!.free(this.hit);
      this.trim(i);
    }
    return 0;
  }

  realloc(ptr: number, size: number): number {
    if (ptr === 0) return this.malloc(size);
    const i = this.owner(ptr);
    if (i === NOWHERE) return -L4_EINVAL;
    if (size === 0) return this.free(ptr);
    if (!valid_size(size)) return 0;
    let usable: number;
    if (i === LARGE) {
      if (this.large.resize(ptr, size)) return ptr;
      usable = this.large.usable(ptr);
    } else if (i >= CHUNK) {
      const slabs = this.slabs[i - CHUNK]!;
      usable = slabs.usable(slabs.hit_slab);
      if (size <= usable && size > usable - 16) return ptr;
    } else {
      const t = this.arenas[i]!;
      const h = this.hit;
      if (size < LARGE_MIN_SIZE && t.resize(h, block_size(size))) return ptr;
      usable = t.usable(h);
    }
    const q = this.malloc(size);
    if (q === 0) return 0;
    this.copy(q, ptr, Math.min(usable, size));
    this.free(ptr);
    return q;
  }

  /**
   * The arena holding live block `p` (and this.hit = its header), CHUNK + the
   * arena holding live chunk `p` (its Slabs hold the hit), LARGE, or NOWHERE.
   */
  protected owner(p: number): number {
    const arenas = this.arenas;
    for (let i = arenas.length - 1; i >= 0; i--) {
      const t = arenas[i]!;
      const h = t.block_at(p);
      if (h !== 0) {
        this.hit = h;
        return i;
      }
      if (this.slabs[i]!.chunk_at(p - t.base)) return CHUNK + i;
    }
    return this.large.has(p) ? LARGE : NOWHERE;
  }

  /** Give back the tail of arena i, or all of it once it is empty. */
  protected trim(i: number): void {
    const t = this.arenas[i]!;
    if (!t.trim(Math.max(TRIM_MIN_SIZE, t.arena.len >>> TRIM_SHIFT))) return;
    this.retired = t;
    this.arenas.splice(i, 1);
    this.slabs.splice(i, 1);
  }

  /** memcpy of `len` bytes from `src` to `dst` (two blocks that do not overlap), in the argument order of Memory.copy. */
  protected copy(dst: number, src: number, len: number): void {
    for (let done = 0; done < len; done += COPY_CHUNK_SIZE) {
      const piece = this.task.read(src + done, Math.min(COPY_CHUNK_SIZE, len - done)) as Uint8Array;
      this.task.write(dst + done, piece);
    }
  }

  /** What holds its memory, for a heap walk (impl/heap_walk.ts): the arenas, their slabs (slabs[i] in arenas[i]) and the large blocks. */
  heap_parts(): { readonly arenas: readonly Tlsf[]; readonly slabs: readonly Slabs[]; readonly large: Large_blocks } {
    return { arenas: this.arenas, slabs: this.slabs, large: this.large };
  }

  /** Throws unless every arena and large block is consistent. */
  check_invariants(): void {
    for (const t of this.arenas) t.check_invariants();
    for (const s of this.slabs) s.check_invariants();
    this.large.check_invariants();
  }
}

export const MALLOC_PARTS: Malloc_parts = { Impl_allocator, Large_blocks, Tlsf, Slabs };

/** The create_malloc of an allocator built from MALLOC_PARTS with `swap` swapped in. */
export function create_malloc_with(swap: Partial<Malloc_parts>): Allocator_factory {
  const parts = with_parts(MALLOC_PARTS, swap);
  return (env) => {
    if (!(env instanceof Impl_task)) throw new TypeError('impl/malloc: create_malloc needs a task of the impl world');
    return new parts.Impl_allocator(env, parts);
  };
}

export const create_malloc: Allocator_factory = create_malloc_with({});
