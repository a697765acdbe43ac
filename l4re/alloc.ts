/**
 * The allocator interface of assignment 2: malloc, free and realloc over the
 * environment a program on L4Re has. Addresses are numbers; 0 is null.
 *
 * A student's TypeScript allocator is a module whose default export is an
 * Allocator_factory. model/ and impl/ provide the reference and the optimized
 * allocator with the same shape.
 */
import type { Cap_alloc, Mem_alloc, Page_fault, Rm } from './mem.ts';
import type { Memory } from './memory.ts';

/** Every block malloc or realloc returns is aligned to this. */
export const MALLOC_ALIGNMENT = 16;

/**
 * What an L4Re program has to build malloc on: slots, dataspaces, the region
 * manager, and the memory it attached. Typed access (Memory: load_u32,
 * store_u64, copy, fill, …) is the fast path to that memory, and throws a
 * Page_fault_error on a stray access; read/write stay for whole byte ranges and
 * return a Page_fault. Every access outside attached memory faults, never a
 * silent success. A Task is an L4re_env.
 */
export interface L4re_env extends Memory {
  readonly cap_alloc: Cap_alloc;
  readonly mem_alloc: Mem_alloc;
  readonly rm: Rm;
  read(addr: number, len: number): Uint8Array | Page_fault;
  write(addr: number, data: Uint8Array): 0 | Page_fault;
}

export interface Allocator {
  /**
   * A block of at least `size` bytes, MALLOC_ALIGNMENT-aligned, inside attached
   * memory and overlapping no other live block; or 0 for a size that is not a
   * non-negative safe integer, a request past the quota, or one whose size
   * arithmetic would overflow — and then nothing changes. For size 0, as in C,
   * either 0 or a unique block that must be freed like any other (model/ and
   * impl/ give 0).
   */
  malloc(size: number): number;
  /**
   * Free a live block. free(0) does nothing and gives 0. A pointer that malloc
   * never returned, or one already freed, gives -L4_EINVAL and changes nothing.
   */
  free(ptr: number): number;
  /**
   * realloc(0, n) is malloc(n); realloc(p, 0) frees p and gives 0. Otherwise a
   * block of at least `size` bytes holding the first min(old, new) bytes of p's
   * block (p itself if it can grow or shrink in place), with p freed if it moved;
   * 0 on failure with p untouched; -L4_EINVAL (nothing changes) if p is not a live
   * block.
   */
  realloc(ptr: number, size: number): number;
}

export type Allocator_factory = (env: L4re_env) => Allocator;
