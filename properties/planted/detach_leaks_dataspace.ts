/** detach() removes the region but keeps its reference: the dataspace and its quota never come back. */
import { Rm } from '../../impl/rm.ts';

export class Leaky_detach_rm extends Rm {
  protected override release(): void {}
}
