/**
 * Freeing a large block detaches its segments but never frees their slots:
 * each slot keeps its dataspace alive, and its pages stay charged to the quota.
 */
import { Large_blocks } from '../../../impl/large_blocks.ts';
import type { Segment } from '../../../impl/segment.ts';

export class Leaky_large_blocks extends Large_blocks {
  protected override release_segment(s: Segment): void {
    this.task.rm.detach(s.start);
  }
}
