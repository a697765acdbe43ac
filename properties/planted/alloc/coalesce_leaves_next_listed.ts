/**
 * Freeing a block absorbs the free block after it without unlinking that one
 * from its free list: the same memory is free twice, and is handed out twice.
 */
import { Tlsf } from '../../../impl/tlsf.ts';
import { FOOTER, FREE, PREV_FREE, SIZE_MASK } from './layout.ts';

export class Listed_twice_tlsf extends Tlsf {
  protected override release(h: number): number {
    const a = this.arena;
    const hdr = a.get(h);
    let size = hdr & SIZE_MASK;
    const nh = a.get(h + size);
    if (nh & FREE) size += nh & SIZE_MASK;
    if (hdr & PREV_FREE) {
      const prev_size = a.get(h - FOOTER);
      h -= prev_size;
      this.remove(h, prev_size);
      size += prev_size;
    }
    a.set(h, size | FREE);
    this.insert(h, size);
    a.set(h + size, a.get(h + size) | PREV_FREE);
    return h;
  }
}
