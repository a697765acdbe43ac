/** L4Re::Util::cap_alloc of one task: first fit over [L4RE_CAP_ALLOC_BASE, base + slots). */
import { type Cap, L4_INVALID_CAP, cap_of_slot, slot_of_cap } from '../l4re/cap.ts';
import { L4_EINVAL, L4_ENOENT } from '../l4re/err.ts';
import { L4RE_CAP_ALLOC_BASE, type Cap_alloc as Cap_alloc_api } from '../l4re/mem.ts';
import type { Kernel } from './kernel.ts';
import type { Obj_space } from './obj_space.ts';

export class Cap_alloc implements Cap_alloc_api {
  /** Allocated slots, all inside the range. */
  private readonly allocated = new Set<number>();

  constructor(
    private readonly kernel: Kernel,
    private readonly space: Obj_space,
    private readonly slots: number,
  ) {}

  alloc(): Cap {
    for (let s = L4RE_CAP_ALLOC_BASE; s < L4RE_CAP_ALLOC_BASE + this.slots; s++) {
      if (!this.allocated.has(s)) {
        this.allocated.add(s);
        return cap_of_slot(s);
      }
    }
    return L4_INVALID_CAP;
  }

  free(cap: Cap): number {
    const s = slot_of_cap(cap);
    if (s < L4RE_CAP_ALLOC_BASE || s >= L4RE_CAP_ALLOC_BASE + this.slots) return -L4_EINVAL;
    if (!this.allocated.has(s)) return -L4_ENOENT;
    this.kernel.unmap(this.space, cap);
    this.allocated.delete(s);
    return 0;
  }

  in_use(): number {
    return this.allocated.size;
  }

  check_invariants(): void {
    for (const s of this.allocated) {
      if (s < L4RE_CAP_ALLOC_BASE || s >= L4RE_CAP_ALLOC_BASE + this.slots) {
        throw new Error(`Cap_alloc ${this.space.name}: allocated slot ${s} outside the range`);
      }
    }
  }
}
