/**
 * L4Re::Util::Registry_server: a server thread in one task with its Object_registry.
 * Its loop body: find(label & ~3) → dispatch(label & 3, msg) → reply; an unknown or
 * stale label gets -L4_ENOENT and reaches no object.
 */
import { L4_ENOENT } from '../l4re/err.ts';
import type { Msg, Server_reply } from '../l4re/ipc.ts';
import type { Gate_server } from './gate.ts';
import type { Kernel } from './kernel.ts';
import { Object_registry } from './object_registry.ts';
import type { Obj_space } from './obj_space.ts';
import type { Task } from './task.ts';

const RIGHTS_MASK = 3;

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
    const o = this.registry.find(label & ~RIGHTS_MASK);
    if (o === undefined) return { ret: -L4_ENOENT };
    return o.dispatch(label & RIGHTS_MASK, msg);
  }

  gate_deleted(label: number): void {
    this.registry.gate_deleted(label);
  }
}
