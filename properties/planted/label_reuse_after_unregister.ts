/**
 * Real L4Re's Basic_registry: unregister_obj only unmaps the server's copy of
 * the gate, and the freed label index is handed out again at the same
 * generation. A client still holding the old gate reaches the next session.
 */
import type { Epiface } from '../../l4re/epiface.ts';
import { L4_ENOENT } from '../../l4re/err.ts';
import { Object_registry } from '../../impl/object_registry.ts';

export class Label_reuse_registry extends Object_registry {
  protected override free_label(label: number): void {
    const index = (label >>> 2) & 0xffff;
    this.objs[index] = null;
    this.spare.push(index);
  }

  override unregister_obj(o: Epiface): number {
    const rec = this.recs.get(o);
    if (rec === undefined) return -L4_ENOENT;
    this.forget(o, rec);
    this.server.task.unmap(rec.cap);
    this.finish(o, rec);
    return 0;
  }
}
