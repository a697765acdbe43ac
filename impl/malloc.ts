/**
 * The optimized allocator: malloc, free and realloc of l4re/alloc.ts over an
 * impl-world task, with block metadata inline in the task's memory.
 *
 *   request n bytes
 *     ├─ is_large(n) ──────> Large_blocks: a dataspace chain of its own, no header
 *     └─ otherwise ────────> Tlsf arenas: 8-byte headers, footers on free blocks,
 *                            immediate coalescing, the top block grows in place
 *
 *   address space   2^32 · k: arena k (grows upward)      elsewhere: large blocks
 *
 * Invariants: every live pointer is the payload of a used Tlsf block (its live
 * bit set) or the start of a large block; everything else is -L4_EINVAL and
 * changes nothing. Freeing everything gives back every segment: slots,
 * regions and quota return to where they were.
 */
import { L4_EINVAL } from '../l4re/err.ts';
import type { Allocator, Allocator_factory } from '../l4re/alloc.ts';
import { L4_PAGESIZE, L4RE_RM_END, l4_round_page } from '../l4re/mem.ts';
import { Large_blocks } from './large_blocks.ts';
import { Impl_task } from './task.ts';
import { block_size, HEADER_SIZE, Tlsf } from './tlsf.ts';

const LARGE_MIN_BITS = 17;
/** Requests of at least this many bytes get a dataspace of their own. */
const LARGE_MIN_SIZE = 1 << LARGE_MIN_BITS;
/** A request of half a page or more whose page rounding wastes at most n >> this is large too. */
const PAGE_FIT_SHIFT = 7;
/** The last arena gives back its trailing segments once they hold this much. */
const TRIM_MIN_SIZE = 1 << 16;
/** Copies between blocks go in pieces of this many bytes. */
const COPY_CHUNK_SIZE = 1 << 24;

function is_large(n: number): boolean {
  return n >= LARGE_MIN_SIZE || (n >= L4_PAGESIZE / 2 && l4_round_page(n) - n <= n >>> PAGE_FIT_SHIFT);
}

function valid_size(n: number): boolean {
  return Number.isSafeInteger(n) && n > 0 && n <= L4RE_RM_END;
}

/** Where a pointer lives, found by owner(). */
const NOWHERE = -1;
const LARGE = -2;

export class Impl_allocator implements Allocator {
  protected readonly arenas: Tlsf[] = [];
  protected readonly large: Large_blocks;
  /** The block owner() found, in the arena it returned. */
  protected hit = 0;

  constructor(protected readonly task: Impl_task) {
    this.large = new Large_blocks(task);
  }

  malloc(size: number): number {
    if (!valid_size(size)) return 0;
    if (is_large(size)) return this.large.alloc(size);
    const need = block_size(size);
    const arenas = this.arenas;
    for (let i = arenas.length - 1; i >= 0; i--) {
      const h = arenas[i]!.alloc(need, false);
      if (h !== 0) return arenas[i]!.base + h + HEADER_SIZE;
    }
    for (let i = arenas.length - 1; i >= 0; i--) {
      const h = arenas[i]!.alloc(need, true);
      if (h !== 0) return arenas[i]!.base + h + HEADER_SIZE;
    }
    const t = Tlsf.map(this.task, need);
    if (t === null) return 0;
    arenas.push(t);
    return t.base + t.alloc(need, false) + HEADER_SIZE;
  }

  free(ptr: number): number {
    if (ptr === 0) return 0;
    const i = this.owner(ptr);
    if (i === NOWHERE) return -L4_EINVAL;
    if (i === LARGE) this.large.free(ptr);
    else this.free_in(i, this.hit);
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
    } else {
      const t = this.arenas[i]!;
      const h = this.hit;
      if (size < LARGE_MIN_SIZE && t.resize(h, block_size(size))) return ptr;
      usable = t.usable(h);
    }
    const q = this.malloc(size);
    if (q === 0) return 0;
    this.copy(ptr, q, Math.min(usable, size));
    this.free(ptr);
    return q;
  }

  /** The arena holding live block `p` (and this.hit = its header), LARGE, or NOWHERE. */
  protected owner(p: number): number {
    const arenas = this.arenas;
    for (let i = arenas.length - 1; i >= 0; i--) {
      const h = arenas[i]!.block_at(p);
      if (h !== 0) {
        this.hit = h;
        return i;
      }
    }
    return this.large.has(p) ? LARGE : NOWHERE;
  }

  protected free_in(i: number, h: number): void {
    const t = this.arenas[i]!;
    t.free(h);
    if (t.trim(TRIM_MIN_SIZE)) this.arenas.splice(i, 1);
  }

  protected copy(from: number, to: number, n: number): void {
    for (let done = 0; done < n; done += COPY_CHUNK_SIZE) {
      const piece = this.task.read(from + done, Math.min(COPY_CHUNK_SIZE, n - done)) as Uint8Array;
      this.task.write(to + done, piece);
    }
  }

  /** Throws unless every arena and large block is consistent. */
  check_invariants(): void {
    for (const t of this.arenas) t.check_invariants();
    this.large.check_invariants();
  }
}

export const create_malloc: Allocator_factory = (env) => {
  if (!(env instanceof Impl_task)) throw new TypeError('impl/malloc: create_malloc needs a task of the impl world');
  return new Impl_allocator(env);
};
