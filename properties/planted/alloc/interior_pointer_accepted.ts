/**
 * block_at rounds a pointer down to its 16-byte granule instead of refusing
 * an unaligned one: free(p + 8) frees p.
 */
import { ALIGN_SIZE } from './layout.ts';
import { Planted_tlsf } from './planted_tlsf.ts';

export class Rounding_tlsf extends Planted_tlsf {
  override block_at(p: number): number {
    return super.block_at(p - (p % ALIGN_SIZE));
  }
}
