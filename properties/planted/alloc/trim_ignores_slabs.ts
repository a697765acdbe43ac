/**
 * alloc counts only users' blocks as used, not slabs: once an arena's last
 * user block goes it looks empty, and trim gives back every segment, the
 * slabs' chunks still in use with them.
 */
import { LIVE, Tlsf } from '../../../impl/tlsf.ts';
import { SIZE_MASK } from './layout.ts';

export class Slab_blind_tlsf extends Tlsf {
  override alloc(need: number, may_grow: boolean, kind = LIVE): number {
    let h = this.find(need);
    if (h === 0) {
      if (!may_grow || !this.grow(need)) return 0;
      h = this.find(need);
    }
    const a = this.arena;
    const size = a.get(h) & SIZE_MASK;
    this.remove(h, size);
    this.place(h, size, need);
    this.mark(h, kind);
    if (kind === LIVE) this.used_blocks++;
    return h;
  }
}
