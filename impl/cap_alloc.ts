/**
 * Cap_alloc: L4Re::Util::cap_alloc of one task, first fit over
 * [base, base + slots) with a Slot_bitmap.
 *
 *   slot      base   base+1  …  base+slots-1
 *   bitmap   [ 0  ][  1   ]  …  [  1  ]        1 = free; lowest free in O(log32 n)
 *
 * Invariant: in_use() = slots - free bits; a slot is allocated iff its bit is clear.
 */
import { cap_of_slot, L4_INVALID_CAP, slot_of_cap, type Cap } from '../l4re/cap.ts';
import { L4_EINVAL, L4_ENOENT } from '../l4re/err.ts';
import type { Cap_alloc as L4_cap_alloc } from '../l4re/mem.ts';
import { Slot_bitmap } from './bitmap.ts';
import type { Impl_task } from './task.ts';

export class Cap_alloc implements L4_cap_alloc {
  protected readonly bitmap: Slot_bitmap;

  constructor(
    protected readonly task: Impl_task,
    protected readonly base: number,
    protected readonly slots: number,
  ) {
    this.bitmap = new Slot_bitmap(slots);
  }

  alloc(): Cap {
    const i = this.bitmap.lowest_free();
    if (i < 0) return L4_INVALID_CAP;
    this.bitmap.take(i);
    return cap_of_slot(this.base + i);
  }

  free(cap: Cap): number {
    const i = this.index_of(cap);
    if (i < 0) return -L4_EINVAL;
    if (!this.allocated(i)) return -L4_ENOENT;
    this.task.unmap(cap);
    if (!this.bitmap.is_free(i)) this.bitmap.give(i);
    return 0;
  }

  /** Whether bitmap index i is allocated, as free() checks before it frees. */
  protected allocated(i: number): boolean {
    return !this.bitmap.is_free(i);
  }

  in_use(): number {
    return this.slots - this.bitmap.free_count();
  }

  /** The bitmap index of `cap`, or -1 when it is bad or outside the range. */
  protected index_of(cap: Cap): number {
    const slot = slot_of_cap(cap);
    const i = slot - this.base;
    return slot < 0 || i < 0 || i >= this.slots ? -1 : i;
  }

  check_invariants(): void {
    try {
      this.bitmap.check_invariants();
    } catch (e) {
      throw new Error(`Cap_alloc of ${this.task.name}: ${(e as Error).message}`);
    }
  }
}
