/**
 * Mem_alloc: L4Re::Mem_alloc (Moe) as one task reaches it; the quota is the
 * world's, shared by every task.
 *
 *   quota { used, limit }   used = Σ charge of live dataspaces (whole pages)
 */
import { L4_CAP_FPAGE_RWSD, slot_of_cap, type Cap } from '../l4re/cap.ts';
import { L4_EINVAL } from '../l4re/err.ts';
import type { Mem_alloc as L4_mem_alloc } from '../l4re/mem.ts';
import type { Impl_task } from './task.ts';

export class Mem_alloc implements L4_mem_alloc {
  constructor(protected readonly task: Impl_task) {}

  alloc(size: number, ds: Cap): number {
    if (!Number.isSafeInteger(size) || size <= 0) return -L4_EINVAL;
    const slot = slot_of_cap(ds);
    if (slot < 0) return -L4_EINVAL;
    return this.task.kernel.create_dataspace(this.task, slot, size, L4_CAP_FPAGE_RWSD);
  }

  quota(): { readonly used: number; readonly limit: number } {
    return this.task.kernel.quota();
  }
}
