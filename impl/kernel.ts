/**
 * Kernel: the object and capability operations of one world, on top of the
 * Object_table and each task's Cap_table. Its tables are its own: the rest of
 * impl reaches them only through the operations below.
 *
 *   Kernel ── objects: Object_table ── index → kind, gen, count, ds | server+label
 *     ├─ loader: Impl_task            holds one counted copy of every channel
 *     ├─ tasks:  Impl_task[]          in creation order (new_task); each has a Cap_table
 *     ├─ servers: Registry_server[]    registries (add_server), for stats and invariants
 *     └─ quota_used ≤ quota_limit     Moe's one quota for the world
 *
 * Invariant (check_invariants): count[i] of a live object equals its counted
 * entries in every table plus the regions attached to it, and is at least 1;
 * quota_used is the charge of the live dataspaces. Every operation here is
 * O(1) apart from what a destruction notifies.
 */
import { L4_CAP_FPAGE_D, L4_CAP_FPAGE_R, L4_CAP_FPAGE_S, L4_CAP_FPAGE_W, slot_of_cap, type Cap } from '../l4re/cap.ts';
import { L4_EBADPROTO, L4_EEXIST, L4_EINVAL, L4_EMSGTOOLONG, L4_ENOENT, L4_ENOMEM, L4_EPERM, L4_IPC_NOT_EXISTENT_ERR } from '../l4re/err.ts';
import { L4_UTCB_GENERIC_DATA_SIZE, msg_words, type Msg, type Reply } from '../l4re/ipc.ts';
import type { World_config, World_stats } from '../l4re/world.ts';
import { Dataspace } from './dataspace.ts';
import { DATASPACE, GATE, type Gate_server, type Kind, type Object_table } from './object_table.ts';
import type { Registry_server } from './registry_server.ts';
import { Impl_task } from './task.ts';
import type { World_parts } from './world.ts';

export class Kernel {
  protected readonly objects: Object_table;
  protected quota_used = 0;
  private readonly quota_limit: number;
  private readonly tasks: Impl_task[] = [];
  private readonly servers: Registry_server[] = [];
  readonly loader: Impl_task;

  constructor(
    readonly config: World_config,
    protected readonly parts: World_parts,
  ) {
    this.objects = new parts.Object_table();
    this.quota_limit = config.quota;
    this.loader = new Impl_task(this, 'loader', parts);
  }

  /** A new task with the environment the world's parts make, listed in `tasks`. */
  new_task(name: string): Impl_task {
    const task = new Impl_task(this, name, this.parts);
    this.tasks.push(task);
    return task;
  }

  /** A server whose registry the world's stats count and check_invariants checks. */
  add_server(server: Registry_server): void {
    this.servers.push(server);
  }

  /** The live object in `slot` of `task`, or -1. O(1). */
  lookup(task: Impl_task, slot: number): number {
    const t = task.table;
    const index = t.object_at(slot);
    return index >= 0 && this.objects.is_live(index, t.gen[slot]!) ? index : -1;
  }

  /** The live object behind selector `cap`, or -1 for a bad selector or an empty slot. */
  lookup_cap(task: Impl_task, cap: Cap): number {
    const slot = slot_of_cap(cap);
    return slot < 0 ? -1 : this.lookup(task, slot);
  }

  /** Whether (index, gen) names a live object. */
  is_live(index: number, gen: number): boolean {
    return this.objects.is_live(index, gen);
  }

  /** The generation of object `index`: with the index, a reference that goes stale when the object dies. */
  gen(index: number): number {
    return this.objects.gen[index]!;
  }

  /** The dataspace of live object `index`, or null when it is a gate or dead. */
  dataspace(index: number): Dataspace | null {
    return this.objects.ds[index] as Dataspace | null;
  }

  /** The live gate behind `cap` if no server is bound to it yet, or -1. */
  unbound_gate(task: Impl_task, cap: Cap): number {
    const index = this.lookup_cap(task, cap);
    return index >= 0 && this.objects.kind[index] === GATE && this.objects.server[index] == null ? index : -1;
  }

  /** The label of live object `index` if it is a bound gate, or undefined. */
  gate_label(index: number): number | undefined {
    return this.objects.kind[index] === GATE && this.objects.server[index] != null ? this.objects.label[index] : undefined;
  }

  /** Moe's quota: the bytes the live dataspaces' pages use, and the most they may. */
  quota(): { readonly used: number; readonly limit: number } {
    return { used: this.quota_used, limit: this.quota_limit };
  }

  /** The world's counts (World.stats): every task's slots and regions, live objects, the quota used, registered objects. */
  stats(): World_stats {
    let objects = 0;
    for (const s of this.servers) objects += s.registry.size();
    return {
      tasks: this.tasks.map((t) => ({ name: t.name, slots: t.cap_alloc.in_use(), regions: t.rm.regions() })),
      gates: this.objects.live.gates,
      dataspaces: this.objects.live.dataspaces,
      quota_used: this.quota_used,
      objects,
    };
  }

  /** A new unbound gate as a counted copy in `slot`, replacing what it held as map does; its index. */
  create_gate(task: Impl_task, slot: number, rights: number): number {
    return this.create(task, slot, GATE, rights);
  }

  /** A new dataspace of `size` bytes, charged to the quota, as a counted copy in `slot`; 0, or -L4_ENOMEM past the quota. */
  create_dataspace(task: Impl_task, slot: number, size: number, rights: number): number {
    const ds = new Dataspace(size);
    if (this.quota_used + ds.charge > this.quota_limit) return -L4_ENOMEM;
    this.quota_used += ds.charge;
    this.create(task, slot, DATASPACE, rights, ds);
    return 0;
  }

  /** A new object of `kind` (with `ds` for a dataspace) as a counted copy in `slot`, replacing what it held as map does. */
  protected create(task: Impl_task, slot: number, kind: Kind, rights: number, ds: Dataspace | null = null): number {
    if (this.lookup(task, slot) >= 0) this.remove_entry(task, slot);
    const index = this.objects.alloc(kind, ds);
    this.insert(task, slot, index, rights);
    return index;
  }

  /** The live object behind `cap`, or -L4_EINVAL (bad selector), -L4_ENOENT (empty slot). */
  protected entry(task: Impl_task, cap: Cap): number {
    const slot = slot_of_cap(cap);
    if (slot < 0) return -L4_EINVAL;
    const index = this.lookup(task, slot);
    return index < 0 ? -L4_ENOENT : index;
  }

  unmap(task: Impl_task, cap: Cap): number {
    const index = this.entry(task, cap);
    if (index < 0) return index;
    this.remove_entry(task, slot_of_cap(cap));
    return 0;
  }

  delete_obj(task: Impl_task, cap: Cap): number {
    const index = this.entry(task, cap);
    if (index < 0) return index;
    if (!(task.table.rights[slot_of_cap(cap)]! & L4_CAP_FPAGE_D)) return -L4_EPERM;
    this.destroy(index);
    return 0;
  }

  dec_refcnt(task: Impl_task, cap: Cap): number {
    const index = this.entry(task, cap);
    if (index < 0) return index;
    const slot = slot_of_cap(cap);
    if (!task.table.counted[slot]) return -L4_EEXIST;
    task.table.counted[slot] = 0;
    this.drop(index);
    return 0;
  }

  map(task: Impl_task, cap: Cap, to: Impl_task, dst: Cap, rights: number): number {
    const s = slot_of_cap(cap);
    const d = slot_of_cap(dst);
    if (s < 0 || d < 0 || (task === to && s === d)) return -L4_EINVAL;
    const index = this.lookup(task, s);
    if (index < 0) return -L4_ENOENT;
    const r = this.map_rights(task.table.rights[s]!, rights);
    const old = this.lookup(to, d);
    if (old === index) {
      to.table.rights[d] = r;
      return 0;
    }
    const gen = this.objects.gen[index]!;
    if (old >= 0) this.remove_entry(to, d);
    if (!this.objects.is_live(index, gen)) return -L4_ENOENT;
    this.insert(to, d, index, r);
    return 0;
  }

  /** The rights of a mapped copy: never more than the source's, always R. */
  protected map_rights(src: number, rights: number): number {
    return src & (rights | L4_CAP_FPAGE_R);
  }

  invoke(task: Impl_task, cap: Cap, msg: Msg): Reply {
    const slot = slot_of_cap(cap);
    const index = slot < 0 ? -1 : this.lookup(task, slot);
    if (index < 0) return { ret: L4_IPC_NOT_EXISTENT_ERR, words: [] };
    if (this.objects.kind[index] === DATASPACE) return { ret: -L4_EBADPROTO, words: [] };
    if (msg_words(msg) > L4_UTCB_GENERIC_DATA_SIZE) return { ret: -L4_EMSGTOOLONG, words: [] };
    if (msg.rcv !== undefined && slot_of_cap(msg.rcv) < 0) return { ret: -L4_EINVAL, words: [] };
    const server = this.objects.server[index];
    if (server == null) return { ret: L4_IPC_NOT_EXISTENT_ERR, words: [] };
    const label = this.objects.label[index]! | (task.table.rights[slot]! & (L4_CAP_FPAGE_W | L4_CAP_FPAGE_S));
    const reply = server.dispatch(label, msg);
    if (reply.cap !== undefined && msg.rcv !== undefined) {
      this.map(server.task, reply.cap.cap, task, msg.rcv, reply.cap.rights);
    }
    reply.after?.();
    return { ret: reply.ret, words: reply.words ?? [] };
  }

  /** Bind live unbound gate `index` to `server` under `label`. */
  bind(index: number, server: Gate_server, label: number): void {
    this.objects.server[index] = server;
    this.objects.label[index] = label;
  }

  unbind(index: number): void {
    this.objects.server[index] = null;
  }

  /** Destroy a live object: every copy everywhere goes stale at once, then its owner hears of it. */
  destroy(index: number): void {
    const o = this.objects;
    const kind = o.kind[index];
    const server = o.server[index];
    const label = o.label[index]!;
    const ds = o.ds[index];
    o.free(index);
    if (kind === DATASPACE) this.quota_used -= ds!.charge;
    else if (kind === GATE && server != null) server.gate_deleted(label);
  }

  /** One counted copy of live object `index` goes. */
  drop(index: number): void {
    if (--this.objects.count[index]! === 0) this.destroy(index);
  }

  /** One counted copy of live object `index` comes. */
  hold(index: number): void {
    this.objects.count[index]!++;
  }

  protected insert(task: Impl_task, slot: number, index: number, rights: number): void {
    task.table.set(slot, index, this.objects.gen[index]!, rights, true);
    this.hold(index);
  }

  protected remove_entry(task: Impl_task, slot: number): void {
    const index = task.table.obj[slot]!;
    const counted = task.table.counted[slot]!;
    task.table.clear(slot);
    if (counted) this.drop(index);
  }

  /**
   * Throws unless the table is sound, every live object's count is its counted
   * copies in every Cap_table plus the regions attached to it (and at least 1),
   * every copy has R, and the quota is the charge of the live dataspaces; then
   * checks each task's Cap_alloc and Rm and each server's registry.
   */
  check_invariants(): void {
    const o = this.objects;
    o.check_invariants();
    const tally = new Int32Array(o.capacity());
    for (const task of [this.loader, ...this.tasks]) {
      const t = task.table;
      for (let slot = 0; slot < t.capacity(); slot++) {
        const index = t.obj[slot]!;
        if (index < 0 || !o.is_live(index, t.gen[slot]!)) continue;
        if (!(t.rights[slot]! & L4_CAP_FPAGE_R)) throw new Error(`Cap_table of ${task.name}: slot ${slot} lacks R`);
        tally[index]! += t.counted[slot]!;
      }
      task.cap_alloc.check_invariants();
      task.rm.check_invariants();
      for (const r of task.rm.live_regions()) tally[r.ds]!++;
    }
    let charged = 0;
    for (let i = 0; i < o.capacity(); i++) {
      if (!o.is_live(i, o.gen[i]!)) continue;
      if (tally[i] !== o.count[i] || tally[i]! < 1) {
        throw new Error(`Object_table: object ${i} counts ${o.count[i]} counted copies, tables and regions hold ${tally[i]}`);
      }
      charged += o.ds[i]?.charge ?? 0;
    }
    if (charged !== this.quota_used) throw new Error(`Mem_alloc quota: ${this.quota_used} bytes used, live dataspaces charge ${charged}`);
    for (const s of this.servers) s.registry.check_invariants();
  }
}
