/**
 * chunk_at finds a chunk by its slab and exact index but never looks at its
 * free bit: freeing a freed chunk succeeds, and its slab's count goes wrong.
 */
import { Slabs } from '../../../impl/slabs.ts';

export class Double_free_slabs extends Slabs {
  protected override chunk_free(): boolean {
    return false;
  }
}
