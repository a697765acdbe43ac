/** A task: its object space, its address space and the environment L4Re gives it; typed memory access is Memory_by_read_write's, over read and write. */
import { type Cap, L4_INVALID_CAP, cap_of_slot } from '../l4re/cap.ts';
import type { Msg, Reply } from '../l4re/ipc.ts';
import type { Page_fault } from '../l4re/mem.ts';
import type { Task as Task_api } from '../l4re/task.ts';
import { Cap_alloc } from './cap_alloc.ts';
import type { Kernel } from './kernel.ts';
import { Mem_alloc } from './mem_alloc.ts';
import { Memory_by_read_write } from './memory.ts';
import type { Obj_space } from './obj_space.ts';
import { Rm } from './rm.ts';

export class Task extends Memory_by_read_write implements Task_api {
  readonly space: Obj_space;
  readonly cap_alloc: Cap_alloc;
  readonly mem_alloc: Mem_alloc;
  readonly rm: Rm;
  /** Environment capability name → slot. */
  readonly env = new Map<string, number>();

  constructor(
    readonly name: string,
    private readonly kernel: Kernel,
    cap_alloc_slots: number,
  ) {
    super();
    this.space = kernel.new_space(name);
    this.cap_alloc = new Cap_alloc(kernel, this.space, cap_alloc_slots);
    this.mem_alloc = new Mem_alloc(kernel, this.space);
    this.rm = new Rm(kernel, this.space);
  }

  get_cap(name: string): Cap {
    const slot = this.env.get(name);
    return slot === undefined ? L4_INVALID_CAP : cap_of_slot(slot);
  }

  invoke(cap: Cap, msg: Msg): Reply {
    return this.kernel.invoke(this.space, cap, msg);
  }

  map(cap: Cap, to: Task_api, dst: Cap, rights: number): number {
    return this.kernel.map(this.space, cap, model_task(to).space, dst, rights);
  }

  unmap(cap: Cap): number {
    return this.kernel.unmap(this.space, cap);
  }

  delete_obj(cap: Cap): number {
    return this.kernel.delete_obj(this.space, cap);
  }

  dec_refcnt(cap: Cap): number {
    return this.kernel.dec_refcnt(this.space, cap);
  }

  read(addr: number, len: number): Uint8Array | Page_fault {
    return this.rm.read(addr, len);
  }

  write(addr: number, data: Uint8Array): 0 | Page_fault {
    return this.rm.write(addr, data);
  }
}

/** A task of this model; a task of another world is a caller's bug. */
export function model_task(t: Task_api): Task {
  if (!(t instanceof Task)) throw new Error(`Task ${t.name}: not a task of the model world`);
  return t;
}
