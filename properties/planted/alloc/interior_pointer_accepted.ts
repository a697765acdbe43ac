/**
 * block_at rounds a pointer down to its 16-byte granule instead of refusing
 * an unaligned one: free(p + 8) frees p.
 */
import { ALIGN_SIZE, Tlsf } from '../../../impl/tlsf.ts';

export class Rounding_tlsf extends Tlsf {
  override block_at(p: number): number {
    return super.block_at(p - (p % ALIGN_SIZE));
  }
}
