/**
 * The kernel: object spaces, the live objects and their counted copies, the world's
 * memory quota, and the capability operations of docs/WORLD.md in its check order.
 * Destroying an object empties every copy by scanning every object space.
 */
import { L4_CAP_FPAGE_D, L4_CAP_FPAGE_R, L4_CAP_FPAGE_S, L4_CAP_FPAGE_W, type Cap, cap_of_slot, slot_of_cap } from '../l4re/cap.ts';
import {
  L4_EBADPROTO,
  L4_EEXIST,
  L4_EINVAL,
  L4_EMSGTOOLONG,
  L4_ENOMEM,
  L4_ENOENT,
  L4_EPERM,
  L4_IPC_NOT_EXISTENT_ERR,
} from '../l4re/err.ts';
import { L4_UTCB_GENERIC_DATA_SIZE, type Msg, type Reply, msg_words } from '../l4re/ipc.ts';
import { Dataspace } from './dataspace.ts';
import { Gate } from './gate.ts';
import { type Entry, type Kobject, Obj_space } from './obj_space.ts';

export class Kernel {
  readonly spaces: Obj_space[] = [];
  /** Every live object; each has count > 0. */
  readonly objects = new Set<Kobject>();
  /** Sum of charged() over live dataspaces, never above quota_limit. */
  quota_used = 0;

  constructor(readonly quota_limit: number) {}

  new_space(name: string): Obj_space {
    const s = new Obj_space(name);
    this.spaces.push(s);
    return s;
  }

  /** The entry behind `cap`, or undefined for a bad selector or an empty slot. */
  lookup(space: Obj_space, cap: Cap): Entry | undefined {
    return space.slots.get(slot_of_cap(cap));
  }

  /** A new gate in `slot` with RWSD, counted, replacing the slot's content. */
  create_gate(space: Obj_space, slot: number, rights: number): Gate {
    const g = new Gate();
    this.install(space, slot, g, rights);
    return g;
  }

  /** A new dataspace, charged to the quota, in `slot`; -L4_ENOMEM past the quota. */
  create_dataspace(space: Obj_space, slot: number, size: number, rights: number): number {
    const ds = new Dataspace(size);
    if (this.quota_used + ds.charged() > this.quota_limit) return -L4_ENOMEM;
    this.quota_used += ds.charged();
    this.install(space, slot, ds, rights);
    return 0;
  }

  map(from: Obj_space, cap: Cap, to: Obj_space, dst: Cap, rights: number): number {
    const s = slot_of_cap(cap);
    const d = slot_of_cap(dst);
    if (s < 0 || d < 0 || (from === to && s === d)) return -L4_EINVAL;
    const src = from.slots.get(s);
    if (src === undefined) return -L4_ENOENT;
    const new_rights = src.rights & (rights | L4_CAP_FPAGE_R);
    const old = to.slots.get(d);
    if (old !== undefined && old.obj === src.obj) {
      old.rights = new_rights;
      return 0;
    }
    if (old !== undefined) {
      this.unmap(to, dst);
      if (!src.obj.alive) return -L4_ENOENT;
    }
    this.install(to, d, src.obj, new_rights);
    return 0;
  }

  unmap(space: Obj_space, cap: Cap): number {
    const r = this.resolve(space, cap);
    if (typeof r === 'number') return r;
    space.slots.delete(r.slot);
    if (r.e.counted) this.drop_ref(r.e.obj);
    return 0;
  }

  delete_obj(space: Obj_space, cap: Cap): number {
    const r = this.resolve(space, cap);
    if (typeof r === 'number') return r;
    if ((r.e.rights & L4_CAP_FPAGE_D) === 0) return -L4_EPERM;
    this.destroy(r.e.obj);
    return 0;
  }

  dec_refcnt(space: Obj_space, cap: Cap): number {
    const r = this.resolve(space, cap);
    if (typeof r === 'number') return r;
    if (!r.e.counted) return -L4_EEXIST;
    r.e.counted = false;
    this.drop_ref(r.e.obj);
    return 0;
  }

  invoke(caller: Obj_space, cap: Cap, msg: Msg): Reply {
    const e = this.lookup(caller, cap);
    if (e === undefined) return fail(L4_IPC_NOT_EXISTENT_ERR);
    if (e.obj.kind === 'dataspace') return fail(-L4_EBADPROTO);
    if (msg_words(msg) > L4_UTCB_GENERIC_DATA_SIZE) return fail(-L4_EMSGTOOLONG);
    if (msg.rcv !== undefined && slot_of_cap(msg.rcv) < 0) return fail(-L4_EINVAL);
    const b = e.obj.binding;
    if (b === undefined) return fail(L4_IPC_NOT_EXISTENT_ERR);
    const reply = b.server.dispatch(b.label | (e.rights & (L4_CAP_FPAGE_W | L4_CAP_FPAGE_S)), msg);
    if (reply.cap !== undefined && msg.rcv !== undefined) {
      this.map(b.server.space, reply.cap.cap, caller, msg.rcv, reply.cap.rights);
    }
    reply.after?.();
    return { ret: reply.ret, words: reply.words ?? [] };
  }

  /** A region (or any holder outside the tables) takes a counted reference. */
  take_ref(obj: Kobject): void {
    obj.count++;
  }

  /** Drop one counted reference; the last one destroys the object. A dead object stays dead. */
  drop_ref(obj: Kobject): void {
    if (!obj.alive) return;
    obj.count--;
    if (obj.count === 0) this.destroy(obj);
  }

  /**
   * Empty every copy in every object space, return a dataspace's pages to the quota,
   * and tell a gate's bound server.
   */
  destroy(obj: Kobject): void {
    if (!obj.alive) return;
    this.objects.delete(obj);
    for (const space of this.spaces) {
      for (const [slot, e] of space.slots) if (e.obj === obj) space.slots.delete(slot);
    }
    if (obj.kind === 'dataspace') {
      this.quota_used -= obj.charged();
      obj.destroy();
      return;
    }
    const b = obj.destroy();
    b?.server.gate_deleted(b.label);
  }

  /**
   * Throws unless every entry names a live object and every live object's count is
   * its counted entries plus `extra_refs` (region references), and the quota adds up.
   */
  check_invariants(extra_refs: ReadonlyMap<Kobject, number>): void {
    const counted = new Map<Kobject, number>(extra_refs);
    for (const space of this.spaces) {
      for (const [slot, e] of space.slots) {
        if (!this.objects.has(e.obj)) {
          throw new Error(`Obj_space ${space.name}: ${cap_of_slot(slot)} holds a destroyed ${e.obj.kind}`);
        }
        if (e.counted) counted.set(e.obj, (counted.get(e.obj) ?? 0) + 1);
      }
    }
    let quota = 0;
    for (const obj of this.objects) {
      const n = counted.get(obj) ?? 0;
      if (!obj.alive || obj.count !== n || n === 0) {
        throw new Error(`Kernel: live ${obj.kind} has count ${obj.count}, but ${n} counted references`);
      }
      if (obj.kind === 'dataspace') quota += obj.charged();
    }
    if (quota !== this.quota_used || quota > this.quota_limit) {
      throw new Error(`Kernel: quota_used ${this.quota_used}, live dataspaces ${quota}, limit ${this.quota_limit}`);
    }
  }

  /** The slot `cap` names and its entry, or -L4_EINVAL (bad selector), -L4_ENOENT (empty slot). */
  private resolve(space: Obj_space, cap: Cap): { readonly slot: number; readonly e: Entry } | number {
    const slot = slot_of_cap(cap);
    if (slot < 0) return -L4_EINVAL;
    const e = space.slots.get(slot);
    return e === undefined ? -L4_ENOENT : { slot, e };
  }

  /** Unmap what `slot` holds, then put a new counted copy of `obj` there. */
  private install(space: Obj_space, slot: number, obj: Kobject, rights: number): void {
    if (space.slots.has(slot)) this.unmap(space, cap_of_slot(slot));
    this.objects.add(obj);
    space.slots.set(slot, { obj, rights, counted: true });
    this.take_ref(obj);
  }
}

function fail(ret: number): Reply {
  return { ret, words: [] };
}
