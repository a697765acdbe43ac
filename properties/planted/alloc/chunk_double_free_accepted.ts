/**
 * chunk_at finds a chunk by its slab and exact index but never looks at its
 * free bit: freeing a freed chunk succeeds, and its slab's count goes wrong.
 */
import { Slabs } from '../../../impl/slabs.ts';
import { HEADER_SIZE } from '../../../impl/tlsf.ts';
import { ALIGN_SIZE, chunks, FIRST_CHUNK, SLAB_CLASS, SLAB_PAYLOAD } from './layout.ts';

export class Double_free_slabs extends Slabs {
  override chunk_at(off: number): boolean {
    const h = this.tlsf.slab_below(off - FIRST_CHUNK, SLAB_PAYLOAD);
    if (h === 0) return false;
    const s = h + HEADER_SIZE;
    const size = this.tlsf.arena.get(s + SLAB_CLASS) * ALIGN_SIZE;
    const i = (off - s - FIRST_CHUNK) / size;
    if (!Number.isInteger(i) || i >= chunks(size)) return false;
    this.hit_slab = s;
    this.hit_chunk = i;
    return true;
  }
}
