/**
 * One side of an allocator pair: an allocator on a task of its own world,
 * watched by a Heap_checker, with the world's counts before the first call.
 */
import type { Allocator } from '../../l4re/alloc.ts';
import type { Task } from '../../l4re/task.ts';
import type { World, World_stats } from '../../l4re/world.ts';
import { flat_memory } from '../heap/flat_memory.ts';
import { Heap_checker } from '../heap_checker.ts';
import type { Allocator_under_test } from '../trace/replay.ts';

export type Alloc_op = 'malloc' | 'free' | 'realloc';

/** Generous: only deliberately huge requests run out of memory. */
export const ALLOC_QUOTA = 2 ** 32;

export class Alloc_side {
  readonly world: World;
  readonly task: Task;
  readonly allocator: Allocator;
  readonly checker: Heap_checker;
  readonly baseline: World_stats;

  constructor(readonly under: Allocator_under_test) {
    this.world = under.create_world({ quota: ALLOC_QUOTA });
    this.task = this.world.create_task('app');
    this.allocator = under.create_malloc(this.task);
    this.checker = new Heap_checker(this.task, flat_memory(this.task));
    this.baseline = this.world.stats();
  }

  /** malloc(size), free(ptr) or realloc(ptr, size); a live block at ptr is verified first. */
  call(op: Alloc_op, ptr: number, size: number | undefined): number {
    this.checker.before_free(ptr);
    if (op === 'malloc') return this.allocator.malloc(size!);
    return op === 'free' ? this.allocator.free(ptr) : this.allocator.realloc(ptr, size!);
  }

  /**
   * Tell the checker what a call on `ptr` (0 for malloc) returned: a new block,
   * a freed one, or nothing changed. `size` is undefined for free.
   */
  settle(ptr: number, size: number | undefined, r: number): void {
    const live = this.checker.block_at(ptr) !== undefined;
    if (r > 0 && size !== undefined) {
      if (live) this.checker.on_realloc(ptr, r, size);
      else this.checker.on_malloc(r, size);
    } else if (r === 0 && live && (size === undefined || size === 0)) this.checker.on_free(ptr);
    else if (ptr !== 0) this.checker.on_unchanged(ptr);
  }
}
