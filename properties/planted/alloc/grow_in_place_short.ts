/**
 * A realloc that grows the last block in place asks grow() for what the free
 * top lacks, but grow() subtracts the free top itself: the arena grows short
 * and the block runs past its end.
 */
import { HEADER_SIZE, Tlsf } from '../../../impl/tlsf.ts';
import { BLOCK_MIN_SIZE, FREE, PREV_FREE, SIZE_MASK } from './layout.ts';

export class Short_grow_tlsf extends Tlsf {
  override resize(h: number, need: number): boolean {
    const a = this.arena;
    const size = a.get(h) & SIZE_MASK;
    if (need <= size) {
      if (size - need >= BLOCK_MIN_SIZE) {
        a.set(h, need | (a.get(h) & PREV_FREE));
        a.set(h + need, size - need);
        this.release(h + need);
      }
      return true;
    }
    const next = h + size;
    let nh = a.get(next);
    const after = nh & FREE ? next + (nh & SIZE_MASK) : next;
    let avail = size + (nh & FREE ? nh & SIZE_MASK : 0);
    if (avail < need) {
      if (after !== a.len - HEADER_SIZE || !this.grow(need - avail)) return false;
      nh = a.get(next);
      avail = size + (nh & SIZE_MASK);
    }
    this.remove(next, avail - size);
    this.place(h, avail, need);
    return true;
  }
}
