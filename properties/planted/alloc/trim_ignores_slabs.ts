/**
 * alloc counts only users' blocks as used, not slabs: once an arena's last
 * user block goes it looks empty, and trim gives back every segment, the
 * slabs' chunks still in use with them.
 */
import { LIVE, Tlsf } from '../../../impl/tlsf.ts';

export class Slab_blind_tlsf extends Tlsf {
  protected override counts(kind: number): boolean {
    return kind === LIVE;
  }
}
