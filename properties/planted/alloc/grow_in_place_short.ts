/**
 * A realloc that grows the last block in place asks grow() for what the free
 * top lacks, but grow() subtracts the free top itself: the arena grows short
 * and the block runs past its end.
 */
import { Tlsf } from '../../../impl/tlsf.ts';

export class Short_grow_tlsf extends Tlsf {
  protected override top_need(need: number, _size: number, avail: number): number {
    return need - avail;
  }
}
