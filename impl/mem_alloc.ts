/**
 * Mem_alloc: L4Re::Mem_alloc (Moe) as one task reaches it; the quota is the
 * world's, shared by every task.
 *
 *   quota { used, limit }   used = Σ charge of live dataspaces (whole pages)
 */
import { L4_CAP_FPAGE_RWSD, slot_of_cap, type Cap } from '../l4re/cap.ts';
import { L4_EINVAL, L4_ENOMEM } from '../l4re/err.ts';
import { l4_round_page, type Mem_alloc as L4_mem_alloc } from '../l4re/mem.ts';
import { Dataspace } from './dataspace.ts';
import { DATASPACE } from './object_table.ts';
import type { Impl_task } from './task.ts';

export class Mem_alloc implements L4_mem_alloc {
  constructor(protected readonly task: Impl_task) {}

  alloc(size: number, ds: Cap): number {
    if (!Number.isSafeInteger(size) || size <= 0) return -L4_EINVAL;
    const slot = slot_of_cap(ds);
    if (slot < 0) return -L4_EINVAL;
    const kernel = this.task.kernel;
    const charge = l4_round_page(size);
    if (kernel.quota.used + charge > kernel.quota.limit) return -L4_ENOMEM;
    kernel.quota.used += charge;
    const index = kernel.create(this.task, slot, DATASPACE, L4_CAP_FPAGE_RWSD);
    kernel.objects.ds[index] = new Dataspace(size);
    return 0;
  }

  quota(): { readonly used: number; readonly limit: number } {
    const q = this.task.kernel.quota;
    return { used: q.used, limit: q.limit };
  }
}
