/**
 * Registry_server: the server thread of one task with its Object_registry.
 *
 *   caller ──invoke──> Kernel ──dispatch(label | W/S)──> Registry_server
 *                                                        recv → find(label & ~3)
 *                                                             → o.dispatch(label & 3, msg)
 *                                                             → reply
 *
 * The loop body is registry_dispatch (l4re/epiface.ts): an unknown or stale
 * label is answered -L4_ENOENT and reaches no object.
 */
import { registry_dispatch } from '../l4re/epiface.ts';
import type { Msg, Server_reply } from '../l4re/ipc.ts';
import { Object_registry } from './object_registry.ts';
import type { Gate_server } from './object_table.ts';
import type { Impl_task } from './task.ts';
import type { World_parts } from './world.ts';

export class Registry_server implements Gate_server {
  readonly registry: Object_registry;

  /** A server in `task`, its registry of class `parts.Object_registry`. */
  constructor(
    readonly task: Impl_task,
    parts: Pick<World_parts, 'Object_registry'> = { Object_registry },
  ) {
    this.registry = new parts.Object_registry(this);
    task.kernel.add_server(this);
  }

  dispatch(label: number, msg: Msg): Server_reply {
    return registry_dispatch(this.registry, label, msg);
  }

  gate_deleted(label: number): void {
    this.registry.gate_deleted(label);
  }
}
