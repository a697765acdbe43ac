/** cap_alloc.free() does not look whether the slot is allocated: a double free "succeeds". */
import { Cap_alloc } from '../../impl/cap_alloc.ts';
import type { Cap } from '../../l4re/cap.ts';
import { L4_EINVAL } from '../../l4re/err.ts';

export class Double_free_cap_alloc extends Cap_alloc {
  override free(cap: Cap): number {
    const i = this.index_of(cap);
    if (i < 0) return -L4_EINVAL;
    this.task.unmap(cap);
    if (!this.bitmap.is_free(i)) this.bitmap.give(i);
    return 0;
  }
}
