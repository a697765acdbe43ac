/**
 * @thi.ng/malloc's MemPool as a benchmark allocator: a first-fit free list over
 * one ArrayBuffer of fixed size. 32-bit addresses bound the pool below 4 GiB;
 * a request past its end is out of memory (a failed trace, never a crash).
 * Utilization: peak payload / peak of the pool's top address (state and block
 * headers included).
 */
import { MemPool } from '@thi.ng/malloc';
import { MALLOC_ALIGNMENT } from '../l4re/alloc.ts';
import { js_driven } from './js_driven.ts';

/** The largest pool whose end address fits the pool's u32 state, in whole 64 KiB. */
const POOL_BYTES = 2 ** 32 - 2 ** 16;

/**
 * MemPool with l4check's Allocator semantics where they differ: realloc(0, n)
 * is malloc(n), realloc(p, 0) frees p, free(0) does nothing, and a request past
 * the pool is null (MemPool's size arithmetic is 32-bit: it would wrap). Fresh
 * pools share one buffer: a pool initializes its own state and never reads a
 * block it did not write.
 */
class Trace_pool extends MemPool {
  get top_address(): number {
    return this.top;
  }

  override malloc(bytes: number): number {
    return bytes > POOL_BYTES ? 0 : super.malloc(bytes);
  }

  override realloc(ptr: number, bytes: number): number {
    if (bytes > POOL_BYTES) return 0;
    if (ptr === 0) return this.malloc(bytes);
    if (bytes === 0) {
      super.free(ptr);
      return 0;
    }
    return super.realloc(ptr, bytes);
  }

  override free(ptr: number): boolean {
    return ptr !== 0 && super.free(ptr);
  }
}

let buffer: ArrayBuffer | undefined;

function fresh(): Trace_pool {
  buffer ??= new ArrayBuffer(POOL_BYTES);
  return new Trace_pool({ buf: buffer, align: MALLOC_ALIGNMENT });
}

export const thing_bench = js_driven('thi.ng', fresh, (pool) => pool.top_address);
