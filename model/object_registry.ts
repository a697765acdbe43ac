/**
 * L4Re::Util::Object_registry of one server: label → Epiface. Labels come from a
 * counter (×4), so they are never 0, have both low bits clear and are never reused;
 * a forgotten label stays unknown for good.
 */
import { type Cap, L4_CAP_FPAGE_RWSD, L4_INVALID_CAP, l4_is_invalid_cap, slot_of_cap } from '../l4re/cap.ts';
import type { Epiface, Object_registry as Object_registry_api } from '../l4re/epiface.ts';
import { L4_ENOENT } from '../l4re/err.ts';
import type { Gate, Gate_server } from './gate.ts';
import type { Kernel } from './kernel.ts';
import type { Task } from './task.ts';

interface Registration {
  readonly obj: Epiface;
  readonly label: number;
  readonly gate: Gate;
  readonly cap: Cap;
  /** register_obj(o) allocated the slot and created the gate; a service gate is only bound. */
  readonly own_gate: boolean;
}

const LABEL_STEP = 4;

export class Object_registry implements Object_registry_api {
  private readonly by_label = new Map<number, Registration>();
  private readonly by_obj = new Map<Epiface, Registration>();
  private next_label = LABEL_STEP;

  constructor(
    private readonly kernel: Kernel,
    private readonly server: Gate_server,
    private readonly task: Task,
  ) {}

  register_obj(o: Epiface, service?: string): Cap {
    if (this.by_obj.has(o)) return L4_INVALID_CAP;
    let cap: Cap;
    let gate: Gate;
    if (service === undefined) {
      cap = this.task.cap_alloc.alloc();
      if (l4_is_invalid_cap(cap)) return L4_INVALID_CAP;
      gate = this.kernel.create_gate(this.task.space, slot_of_cap(cap), L4_CAP_FPAGE_RWSD);
    } else {
      cap = this.task.get_cap(service);
      const e = this.kernel.lookup(this.task.space, cap);
      if (e === undefined || e.obj.kind !== 'gate' || e.obj.binding !== undefined) return L4_INVALID_CAP;
      gate = e.obj;
    }
    const r: Registration = { obj: o, label: this.next_label, gate, cap, own_gate: service === undefined };
    this.next_label += LABEL_STEP;
    gate.binding = { server: this.server, label: r.label };
    this.by_label.set(r.label, r);
    this.by_obj.set(o, r);
    o.set_obj_cap(cap);
    return cap;
  }

  unregister_obj(o: Epiface): number {
    const r = this.by_obj.get(o);
    if (r === undefined) return -L4_ENOENT;
    this.retire(r);
    return 0;
  }

  size(): number {
    return this.by_obj.size;
  }

  /** The object registered with `label` (low bits clear), if any. */
  find(label: number): Epiface | undefined {
    return this.by_label.get(label)?.obj;
  }

  /** Registered objects in registration order. */
  objects(): Epiface[] {
    return [...this.by_obj.keys()];
  }

  /** The gate bound with `label` is gone: retire its object, if it is still registered. */
  gate_deleted(label: number): void {
    const r = this.by_label.get(label);
    if (r !== undefined) this.retire(r);
  }

  check_invariants(): void {
    if (this.by_label.size !== this.by_obj.size) {
      throw new Error(`Object_registry ${this.task.name}: ${this.by_label.size} labels, ${this.by_obj.size} objects`);
    }
    for (const [label, r] of this.by_label) {
      const b = r.gate.binding;
      const ok =
        label === r.label &&
        label !== 0 &&
        label % LABEL_STEP === 0 &&
        label < this.next_label &&
        this.by_obj.get(r.obj) === r &&
        r.gate.alive &&
        b?.server === this.server &&
        b.label === label &&
        r.obj.obj_cap() === r.cap;
      if (!ok) throw new Error(`Object_registry ${this.task.name}: registration of label ${label} is inconsistent`);
    }
  }

  /** Forget the label for good, take the gate down, and let the object free what it holds. */
  private retire(r: Registration): void {
    this.by_label.delete(r.label);
    this.by_obj.delete(r.obj);
    if (r.own_gate) {
      this.kernel.destroy(r.gate);
      this.task.cap_alloc.free(r.cap);
    } else {
      r.gate.binding = undefined;
    }
    r.obj.set_obj_cap(L4_INVALID_CAP);
    r.obj.release?.();
  }
}
