/** cap_alloc.free() does not look whether the slot is allocated: a double free "succeeds". */
import { Cap_alloc } from '../../impl/cap_alloc.ts';

export class Double_free_cap_alloc extends Cap_alloc {
  protected override allocated(): boolean {
    return true;
  }
}
