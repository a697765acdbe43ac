/**
 * The slides' "poor man's" logging server: one service gate, no sessions. hello(name)
 * hands out the next id; write(id, text) trusts whatever id the caller sends, so any
 * client can write under any other client's name. Deliberately unsafe.
 */
import type { Cap } from '../l4re/cap.ts';
import { L4_EINVAL, L4_ENOENT, L4_ENOSYS } from '../l4re/err.ts';
import {
  L4_PROTO_LOG,
  L4_VARG_TYPE_MWORD,
  L4_VARG_TYPE_STRING,
  type Msg,
  type Server_reply,
  mword,
  str,
} from '../l4re/ipc.ts';
import type { Task as Task_api } from '../l4re/task.ts';
import type { Boot_config } from '../l4re/world.ts';
import { boot_service } from './log_server.ts';
import { Epiface_t } from '../l4re/epiface.ts';
import type { Task } from './task.ts';
import type { World } from './world.ts';

export const POOR_OP_HELLO = 0;
export const POOR_OP_WRITE = 1;

export class Poor_man_log extends Epiface_t {
  /** Name of id n. */
  private readonly names: string[] = [];

  constructor(private readonly console: string[]) {
    super();
  }

  dispatch(_rights: number, msg: Msg): Server_reply {
    const [a, b] = msg.args;
    if (msg.opcode === POOR_OP_HELLO) {
      if (a?.type !== L4_VARG_TYPE_STRING) return { ret: -L4_EINVAL };
      this.names.push(a.value);
      return { ret: 0, words: [this.names.length - 1] };
    }
    if (msg.opcode === POOR_OP_WRITE) {
      if (a?.type !== L4_VARG_TYPE_MWORD || b?.type !== L4_VARG_TYPE_STRING) return { ret: -L4_EINVAL };
      const name = this.names[a.value];
      if (name === undefined) return { ret: -L4_ENOENT };
      this.console.push(`${name}: ${b.value}`);
      return { ret: 0 };
    }
    return { ret: -L4_ENOSYS };
  }
}

export interface Poor_man_system {
  readonly world: World;
  readonly server: Task;
  readonly clients: readonly Task[];
  readonly console: readonly string[];
}

export function boot_poor_man(config: Boot_config): Poor_man_system {
  const b = boot_service(config, (_server, _rs, console) => new Poor_man_log(console));
  return { world: b.world, server: b.server, clients: b.clients, console: b.console };
}

/** hello(name): the id the server assigned, or a negative error. */
export function poor_hello(task: Task_api, cap: Cap, name: string): number {
  const r = task.invoke(cap, { proto: L4_PROTO_LOG, opcode: POOR_OP_HELLO, args: [str(name)] });
  return r.ret < 0 ? r.ret : r.words[0]!;
}

/** write(id, text): 0 or a negative error. */
export function poor_write(task: Task_api, cap: Cap, id: number, text: string): number {
  return task.invoke(cap, { proto: L4_PROTO_LOG, opcode: POOR_OP_WRITE, args: [mword(id), str(text)] }).ret;
}
