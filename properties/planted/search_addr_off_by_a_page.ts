/** Search_addr checks for room one page short of the region's size: the new region overlaps the next. */
import { L4_PAGESIZE } from '../../l4re/mem.ts';
import { Rm } from '../../impl/rm.ts';

export class Off_by_a_page_rm extends Rm {
  protected override search(start: number, size: number, align: number): number {
    return super.search(start, Math.max(L4_PAGESIZE, size - L4_PAGESIZE), align);
  }
}
