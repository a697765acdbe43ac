/**
 * Freeing a large block detaches its segments but never frees their slots:
 * each slot keeps its dataspace alive, and its pages stay charged to the quota.
 */
import { Large_blocks } from '../../../impl/large_blocks.ts';

export class Leaky_large_blocks extends Large_blocks {
  override free(p: number): void {
    for (const s of this.blocks.get(p)!) this.task.rm.detach(s.start);
    this.blocks.delete(p);
  }
}
