/**
 * Shared_heap: malloc, free and realloc (l4re/alloc.ts) on one heap that
 * several threads use at once, as the threads of one L4Re task share its
 * malloc. The heap is a SharedArrayBuffer; each thread (worker_threads) makes
 * its own Shared_heap on the same buffer, which a Worker is given by
 * reference, not copied. The objects hold nothing but views of the buffer.
 *
 *   thread 0 ─┐
 *   thread 1 ─┼─ lock() ── one call of Shared_buddy ── unlock()
 *   thread 2 ─┘   Heap_lock on LOCK_WORD      blocks, lists, bitmaps: all in the buffer
 *
 * An address is a byte offset into the buffer, 16-aligned; 0 is null (the
 * lock lives there). bytes is the buffer itself, for the callers' data.
 *
 * Invariant: every call runs whole between lock() and unlock() of the one
 * Heap_lock at LOCK_WORD, so no two calls' steps interleave: each takes
 * effect at one instant between its call and its return (it is
 * linearizable), and the heap's invariants (Shared_buddy) hold whenever the
 * lock is free. A call that throws still unlocks.
 */
import type { Allocator } from '../l4re/alloc.ts';
import { L4_EINVAL } from '../l4re/err.ts';
import { Heap_lock } from './heap_lock.ts';
import { with_parts } from './parts.ts';
import { BUDDY_MAX_SIZE, HEADER_SIZE, LOCK_WORD, order_for, Shared_buddy } from './shared_buddy.ts';

/** The classes a Shared_heap is built from (impl/parts.ts): a planted bug swaps the lock. */
export interface Shared_heap_parts {
  readonly Heap_lock: new (words: Int32Array, index: number) => Heap_lock;
}

export const SHARED_HEAP_PARTS: Shared_heap_parts = { Heap_lock };

function valid_size(n: number): boolean {
  return Number.isSafeInteger(n) && n > 0 && n <= BUDDY_MAX_SIZE;
}

export class Shared_heap implements Allocator {
  protected readonly lock: Heap_lock;
  protected readonly buddy: Shared_buddy;
  /** The whole buffer: a block's bytes are bytes[p, p + size). */
  readonly bytes: Uint8Array;

  /** A new buffer of `len` bytes holding an empty heap, for the threads to share. */
  static format(len: number): SharedArrayBuffer {
    return Shared_buddy.format(len);
  }

  /** This thread's handle on the heap in `sab` (one format() wrote), with `swap`'s parts swapped in. */
  constructor(sab: SharedArrayBuffer, swap: Partial<Shared_heap_parts> = {}) {
    this.buddy = new Shared_buddy(sab);
    this.lock = new (with_parts(SHARED_HEAP_PARTS, swap).Heap_lock)(new Int32Array(sab), LOCK_WORD);
    this.bytes = new Uint8Array(sab);
  }

  malloc(size: number): number {
    if (!valid_size(size)) return 0;
    return this.locked(() => this.alloc(size));
  }

  free(ptr: number): number {
    if (ptr === 0) return 0;
    return this.locked(() => {
      const h = this.buddy.block_at(ptr);
      if (h === 0) return -L4_EINVAL;
      this.buddy.free(h);
      return 0;
    });
  }

  realloc(ptr: number, size: number): number {
    if (ptr === 0) return this.malloc(size);
    return this.locked(() => {
      const b = this.buddy;
      const h = b.block_at(ptr);
      if (h === 0) return -L4_EINVAL;
      if (size === 0) {
        b.free(h);
        return 0;
      }
      if (!valid_size(size)) return 0;
      if (b.shrink(h, order_for(size))) return ptr;
      const q = this.alloc(size);
      if (q === 0) return 0;
      this.bytes.copyWithin(q, ptr, ptr + b.usable(h));
      b.free(h);
      return q;
    });
  }

  /** The number of live blocks. */
  live_blocks(): number {
    return this.locked(() => this.buddy.used_blocks());
  }

  /** Throws unless the heap's invariants hold (Shared_buddy.check_invariants), taken under the lock. */
  check_invariants(): void {
    this.locked(() => this.buddy.check_invariants());
  }

  /** A block of `size` bytes, or 0. Precondition: the caller holds the lock. */
  protected alloc(size: number): number {
    const h = this.buddy.alloc(order_for(size));
    return h === 0 ? 0 : h + HEADER_SIZE;
  }

  /** `call` run whole under the lock. */
  protected locked<T>(call: () => T): T {
    this.lock.lock();
    try {
      return call();
    } finally {
      this.lock.unlock();
    }
  }
}
