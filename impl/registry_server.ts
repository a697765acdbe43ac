/**
 * Registry_server: the server thread of one task with its Object_registry.
 *
 *   caller ──invoke──> Kernel ──dispatch(label | W/S)──> Registry_server
 *                                                        recv → find(label & ~3)
 *                                                             → o.dispatch(label & 3, msg)
 *                                                             → reply
 *
 * Invariant: an unknown or stale label is answered -L4_ENOENT and reaches no object.
 */
import { L4_ENOENT } from '../l4re/err.ts';
import type { Msg, Server_reply } from '../l4re/ipc.ts';
import { Object_registry } from './object_registry.ts';
import type { Gate_server } from './object_table.ts';
import type { Impl_task } from './task.ts';
import type { World_parts } from './world.ts';

const RIGHTS_MASK = 3;

export class Registry_server implements Gate_server {
  readonly registry: Object_registry;

  /** A server in `task`, its registry of class `parts.Object_registry`. */
  constructor(
    readonly task: Impl_task,
    parts: Pick<World_parts, 'Object_registry'> = { Object_registry },
  ) {
    this.registry = new parts.Object_registry(this);
    task.kernel.servers.push(this);
  }

  dispatch(label: number, msg: Msg): Server_reply {
    const o = this.registry.find(label & ~RIGHTS_MASK);
    if (o === undefined) return { ret: -L4_ENOENT };
    return o.dispatch(label & RIGHTS_MASK, msg);
  }

  gate_deleted(label: number): void {
    this.registry.gate_deleted(label);
  }
}
