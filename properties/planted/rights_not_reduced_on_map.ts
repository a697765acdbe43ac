/** map() copies the source's rights whatever mask the sender gave: a read-only copy can write. */
import { Kernel } from '../../impl/kernel.ts';

export class Rights_not_reduced_kernel extends Kernel {
  protected override map_rights(src: number, _rights: number): number {
    return src;
  }
}
