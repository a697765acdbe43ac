/**
 * Object_registry: label → Epiface in O(1). A label packs an index and that
 * index's generation, shifted so the two low bits stay free for W and S:
 *
 *   bit  30 ........ 18 17 ........ 2  1 0
 *       [  generation  |    index    | 0 0 ]     generation ≥ 1, so a label ≠ 0
 *
 *   objs  [ Epiface | null ] by index          gens [ generation ] by index
 *   spare [ indices whose generation was bumped on release ]
 *   recs  Map<Epiface, Registration>           the reverse direction, O(1)
 *
 * Invariants: objs[i] is registered under label(gens[i], i) and recs agrees;
 * a label is never handed out twice: releasing bumps the generation, and an
 * index whose generation would leave its bits is retired for good.
 */
import { L4_INVALID_CAP, l4_is_invalid_cap, slot_of_cap, L4_CAP_FPAGE_RWSD, type Cap } from '../l4re/cap.ts';
import { L4_ENOENT } from '../l4re/err.ts';
import type { Epiface, Object_registry as L4_object_registry } from '../l4re/epiface.ts';
import type { Registry_server } from './registry_server.ts';

const LABEL_SHIFT = 2;
const INDEX_BITS = 16;
const INDEX_MASK = (1 << INDEX_BITS) - 1;
const GEN_BITS = 13;

export interface Registration {
  readonly label: number;
  readonly cap: Cap;
  /** The gate (object index, generation) this object is reached through. */
  readonly gate: number;
  readonly gate_gen: number;
  /** register_obj(o) made the gate and its slot; otherwise a service gate was bound. */
  readonly created: boolean;
}

export class Object_registry implements L4_object_registry {
  protected readonly objs: (Epiface | null)[] = [];
  protected readonly gens = new Uint16Array(1 << INDEX_BITS);
  protected readonly spare: number[] = [];
  protected retired = 0;
  protected readonly recs = new Map<Epiface, Registration>();
  protected readonly max_generation: number = (1 << GEN_BITS) - 1;

  constructor(protected readonly server: Registry_server) {}

  register_obj(o: Epiface, service?: string): Cap {
    if (this.recs.has(o)) return L4_INVALID_CAP;
    const task = this.server.task;
    const kernel = task.kernel;
    let cap: Cap;
    let gate: number;
    if (service === undefined) {
      cap = task.cap_alloc.alloc();
      if (l4_is_invalid_cap(cap)) return L4_INVALID_CAP;
      gate = kernel.create_gate(task, slot_of_cap(cap), L4_CAP_FPAGE_RWSD);
    } else {
      cap = task.get_cap(service);
      gate = kernel.unbound_gate(task, cap);
      if (gate < 0) return L4_INVALID_CAP;
    }
    const label = this.alloc_label(o);
    kernel.bind(gate, this.server, label);
    this.recs.set(o, { label, cap, gate, gate_gen: kernel.gen(gate), created: service === undefined });
    o.set_obj_cap(cap);
    return cap;
  }

  unregister_obj(o: Epiface): number {
    const rec = this.recs.get(o);
    if (rec === undefined) return -L4_ENOENT;
    this.forget(o, rec);
    if (this.server.task.kernel.is_live(rec.gate, rec.gate_gen)) this.drop_gate(rec);
    this.finish(o, rec);
    return 0;
  }

  /** The live gate of an unregistered object goes: deleted if register_obj made it, else unbound (a service gate). */
  protected drop_gate(rec: Registration): void {
    const kernel = this.server.task.kernel;
    if (rec.created) kernel.destroy(rec.gate);
    else kernel.unbind(rec.gate);
  }

  /** The deletion notification for the gate labelled `label`: its object goes as by unregister_obj. */
  gate_deleted(label: number): void {
    const o = this.find(label);
    if (o === undefined) return;
    const rec = this.recs.get(o)!;
    this.forget(o, rec);
    this.finish(o, rec);
  }

  /** The Epiface registered under `label` (low bits clear), or undefined. O(1). */
  find(label: number): Epiface | undefined {
    const index = (label >>> LABEL_SHIFT) & INDEX_MASK;
    const gen = label >>> (LABEL_SHIFT + INDEX_BITS);
    if (label !== this.label_of(gen, index) || gen === 0 || this.gens[index] !== gen) return undefined;
    return this.objs[index] ?? undefined;
  }

  size(): number {
    return this.recs.size;
  }

  /** Registered objects in registration order. */
  objects(): IterableIterator<Epiface> {
    return this.recs.keys();
  }

  protected label_of(gen: number, index: number): number {
    return ((gen << INDEX_BITS) | index) << LABEL_SHIFT;
  }

  /** A label no one has had, now naming `o`. */
  protected alloc_label(o: Epiface): number {
    let index = this.spare.pop();
    if (index === undefined) {
      index = this.objs.length;
      if (index > INDEX_MASK) throw new Error('Object_registry: every label index is spent');
      this.objs.push(null);
      this.gens[index] = 1;
    }
    this.objs[index] = o;
    return this.label_of(this.gens[index]!, index);
  }

  /** `label` names nothing from now on, and never will again. */
  protected free_label(label: number): void {
    const index = (label >>> LABEL_SHIFT) & INDEX_MASK;
    this.objs[index] = null;
    if (!this.bump_generation(index)) {
      this.retired++;
      return;
    }
    this.spare.push(index);
  }

  /** Give `index` a generation none of its labels had; false (and the index retires) when that would leave its bits. */
  protected bump_generation(index: number): boolean {
    if (this.gens[index] === this.max_generation) return false;
    this.gens[index]!++;
    return true;
  }

  protected forget(o: Epiface, rec: Registration): void {
    this.recs.delete(o);
    this.free_label(rec.label);
  }

  /** What unregistering does once the gate is gone or unbound. */
  protected finish(o: Epiface, rec: Registration): void {
    if (rec.created) this.server.task.cap_alloc.free(rec.cap);
    o.set_obj_cap(L4_INVALID_CAP);
    o.release?.();
  }

  check_invariants(): void {
    let live = 0;
    for (let i = 0; i < this.objs.length; i++) {
      const o = this.objs[i];
      if (o == null) continue;
      live++;
      const rec = this.recs.get(o);
      if (rec === undefined || rec.label !== this.label_of(this.gens[i]!, i)) {
        throw new Error(`Object_registry: index ${i} holds an object whose registration says label ${rec?.label}`);
      }
      if (this.find(rec.label) !== o) throw new Error(`Object_registry: label ${rec.label} does not resolve to its object`);
      if (o.obj_cap() !== rec.cap) throw new Error(`Object_registry: object at index ${i} has obj_cap ${o.obj_cap()}, registered ${rec.cap}`);
    }
    if (live !== this.recs.size) throw new Error(`Object_registry: ${live} labelled objects, ${this.recs.size} registrations`);
    if (this.spare.length + this.retired + live !== this.objs.length) {
      throw new Error(`Object_registry: ${this.objs.length} indices, but ${live} live + ${this.spare.length} spare + ${this.retired} retired`);
    }
  }
}
