/**
 * Real L4Re's Basic_registry: unregister_obj only unmaps the server's copy of
 * the gate, and the freed label index is handed out again at the same
 * generation. A client still holding the old gate reaches the next session.
 */
import { Object_registry, type Registration } from '../../impl/object_registry.ts';

export class Label_reuse_registry extends Object_registry {
  protected override bump_generation(): boolean {
    return true;
  }

  protected override drop_gate(rec: Registration): void {
    this.server.task.unmap(rec.cap);
  }
}
