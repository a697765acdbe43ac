/** An Ipc_gate kernel object, and the server side a gate can be bound to. */
import type { Msg, Server_reply } from '../l4re/ipc.ts';
import type { Obj_space } from './obj_space.ts';

/** A server thread: it receives calls through the gates bound to it and dispatches each (L4::Basic_registry::dispatch). */
export interface Gate_server {
  /** The object space of the server's task: reply capabilities are mapped from it. */
  readonly space: Obj_space;
  /** One call; `label` is the gate's label or-ed with the caller's W and S bits. */
  dispatch(label: number, msg: Msg): Server_reply;
  /** The gate bound with `label` was destroyed (the deletion IRQ). */
  gate_deleted(label: number): void;
}

export interface Binding {
  readonly server: Gate_server;
  /** Never 0, both low bits clear. */
  readonly label: number;
}

export class Gate {
  readonly kind = 'gate';
  /** False once destroyed; a dead gate is in no capability table and bound to nothing. */
  alive = true;
  /** Counted capability copies. */
  count = 0;
  binding: Binding | undefined = undefined;

  destroy(): Binding | undefined {
    const b = this.binding;
    this.alive = false;
    this.binding = undefined;
    return b;
  }
}
