/**
 * Impl_task: one task as its programs see it, a thin facade over the Kernel.
 *
 *   Impl_task ── table: Cap_table        its object space
 *     ├─ env: Map<name, slot>             environment capabilities, slots 1, 2, …
 *     ├─ cap_alloc, mem_alloc, rm         its L4Re environment (classes from World_parts)
 *     └─ kernel                            the world it lives in
 *
 * Memory (read, write, load_*, store_*, copy, fill) is the Rm's: typed access
 * through Delegated_memory.
 */
import { cap_of_slot, L4_INVALID_CAP, type Cap } from '../l4re/cap.ts';
import type { Msg, Reply } from '../l4re/ipc.ts';
import { L4RE_CAP_ALLOC_BASE, L4RE_CAP_ALLOC_SLOTS, type Page_fault } from '../l4re/mem.ts';
import { Delegated_memory, type Memory } from '../l4re/memory.ts';
import type { Task } from '../l4re/task.ts';
import type { Cap_alloc } from './cap_alloc.ts';
import { Cap_table } from './cap_table.ts';
import type { Kernel } from './kernel.ts';
import type { Mem_alloc } from './mem_alloc.ts';
import type { Rm } from './rm.ts';
import type { World_parts } from './world.ts';

export class Impl_task extends Delegated_memory implements Task {
  readonly table = new Cap_table();
  readonly cap_alloc: Cap_alloc;
  readonly mem_alloc: Mem_alloc;
  readonly rm: Rm;
  protected readonly env = new Map<string, number>();

  constructor(
    readonly kernel: Kernel,
    readonly name: string,
    parts: Pick<World_parts, 'Cap_alloc' | 'Mem_alloc' | 'Rm'>,
  ) {
    super();
    this.cap_alloc = new parts.Cap_alloc(this, L4RE_CAP_ALLOC_BASE, kernel.config.cap_alloc_slots ?? L4RE_CAP_ALLOC_SLOTS);
    this.mem_alloc = new parts.Mem_alloc(this);
    this.rm = new parts.Rm(this);
  }

  /** Name the next environment slot `name`; returns that slot. */
  add_env(name: string): number {
    const slot = this.env.size + 1;
    if (slot >= L4RE_CAP_ALLOC_BASE) throw new Error(`Impl_task ${this.name}: more than ${L4RE_CAP_ALLOC_BASE - 1} environment capabilities`);
    this.env.set(name, slot);
    return slot;
  }

  get_cap(name: string): Cap {
    const slot = this.env.get(name);
    return slot === undefined ? L4_INVALID_CAP : cap_of_slot(slot);
  }

  invoke(cap: Cap, msg: Msg): Reply {
    return this.kernel.invoke(this, cap, msg);
  }

  map(cap: Cap, to: Task, dst: Cap, rights: number): number {
    if (!(to instanceof Impl_task) || to.kernel !== this.kernel) throw new Error(`Impl_task ${this.name}: map to a task of another world`);
    return this.kernel.map(this, cap, to, dst, rights);
  }

  unmap(cap: Cap): number {
    return this.kernel.unmap(this, cap);
  }

  delete_obj(cap: Cap): number {
    return this.kernel.delete_obj(this, cap);
  }

  dec_refcnt(cap: Cap): number {
    return this.kernel.dec_refcnt(this, cap);
  }

  read(addr: number, len: number): Uint8Array | Page_fault {
    return this.rm.read(addr, len);
  }

  write(addr: number, data: Uint8Array): 0 | Page_fault {
    return this.rm.write(addr, data);
  }

  protected get memory(): Memory {
    return this.rm;
  }

  /**
   * The fast path to attached memory, for impl's own allocator and the heap
   * checker (never a student's: a view outlives its region silently): the
   * bytes [addr, addr + len) aliasing their dataspace (see Rm.view). Valid
   * until that region is detached or its dataspace dies; undefined outside one
   * read-write region and for a sparse (huge) dataspace.
   */
  view(addr: number, len: number): Uint8Array | undefined {
    return this.rm.view(addr, len);
  }
}
