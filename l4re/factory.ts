/**
 * The L4::Factory protocol and its client stub. MR0 is the type of object to
 * create; the Vargs after it are the constructor arguments.
 *
 * Server conventions: caller's capability lacks S → -L4_EPERM; unknown type →
 * -L4_ENODEV; wrong argument type → -L4_EINVAL; success → L4_EOK with the new
 * object's capability mapped into the caller's receive slot.
 */
import { type Cap, l4_is_invalid_cap } from './cap.ts';
import { L4_ENOMEM } from './err.ts';
import { L4_PROTO_FACTORY, mword, nil, str, type Varg } from './ipc.ts';
import type { Task } from './task.ts';

/** A value as Lua's `cap:create(...)` passes it. */
export type Lua_value = string | number | null;

export function lua_varg(v: Lua_value): Varg {
  if (v === null) return nil();
  if (typeof v === 'string') return str(v);
  return mword(v);
}

/** `L4::Cap<L4::Factory>` held by a task. */
export class Factory_cap {
  constructor(
    readonly task: Task,
    readonly cap: Cap,
  ) {}

  /**
   * `factory->create(type, args...)`, or Lua's `log:create(0, "args")`: allocate a
   * receive slot, call, and return the new capability; on error free the slot and
   * return the negative error code (-L4_ENOMEM if no slot is left).
   */
  create(type: number, ...args: Lua_value[]): number {
    return this.create_vargs(type, args.map(lua_varg));
  }

  create_vargs(type: number, args: readonly Varg[]): number {
    const rcv = this.task.cap_alloc.alloc();
    if (l4_is_invalid_cap(rcv)) return -L4_ENOMEM;
    const r = this.task.invoke(this.cap, { proto: L4_PROTO_FACTORY, opcode: type, args, rcv });
    if (r.ret < 0) {
      this.task.cap_alloc.free(rcv);
      return r.ret;
    }
    return rcv;
  }
}
