/**
 * L4Re::Util::Registry_server: a server thread in one task with its Object_registry.
 * Its loop body is registry_dispatch (l4re/epiface.ts), then the reply.
 */
import { registry_dispatch } from '../l4re/epiface.ts';
import type { Msg, Server_reply } from '../l4re/ipc.ts';
import type { Gate_server } from './gate.ts';
import type { Kernel } from './kernel.ts';
import { Object_registry } from './object_registry.ts';
import type { Obj_space } from './obj_space.ts';
import type { Task } from './task.ts';

export class Registry_server implements Gate_server {
  readonly registry: Object_registry;

  constructor(
    kernel: Kernel,
    readonly task: Task,
  ) {
    this.registry = new Object_registry(kernel, this, task);
  }

  get space(): Obj_space {
    return this.task.space;
  }

  dispatch(label: number, msg: Msg): Server_reply {
    return registry_dispatch(this.registry, label, msg);
  }

  gate_deleted(label: number): void {
    this.registry.gate_deleted(label);
  }
}
