/** L4Re::Mem_alloc as one task reaches it; the quota is the kernel's, one for the world. */
import { L4_CAP_FPAGE_RWSD, type Cap, slot_of_cap } from '../l4re/cap.ts';
import { L4_EINVAL } from '../l4re/err.ts';
import type { Mem_alloc as Mem_alloc_api } from '../l4re/mem.ts';
import type { Kernel } from './kernel.ts';
import type { Obj_space } from './obj_space.ts';

export class Mem_alloc implements Mem_alloc_api {
  constructor(
    private readonly kernel: Kernel,
    private readonly space: Obj_space,
  ) {}

  /** `flags` and `align` are accepted and ignored. */
  alloc(size: number, ds: Cap): number {
    if (!Number.isSafeInteger(size) || size <= 0) return -L4_EINVAL;
    const slot = slot_of_cap(ds);
    if (slot < 0) return -L4_EINVAL;
    return this.kernel.create_dataspace(this.space, slot, size, L4_CAP_FPAGE_RWSD);
  }

  quota(): { readonly used: number; readonly limit: number } {
    return { used: this.kernel.quota_used, limit: this.kernel.quota_limit };
  }
}
