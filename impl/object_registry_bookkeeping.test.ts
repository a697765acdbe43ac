import { describe, expect, it } from 'vitest';
import { cap_of_slot, L4_CAP_FPAGE_RWSD, L4_INVALID_CAP } from '../l4re/cap.ts';
import { L4_ENOENT } from '../l4re/err.ts';
import { L4RE_CAP_ALLOC_BASE } from '../l4re/mem.ts';
import { Object_registry } from './object_registry.ts';
import { Registry_server } from './registry_server.ts';
import type { Epiface_t } from '../l4re/epiface.ts';
import { create_world } from './world.ts';
import { Counting_noop } from './noop_object.fixture.ts';

const GIB = 2 ** 30;

/** A registry whose bookkeeping the test can reach, to spend indices or break it on purpose. */
class Open_registry extends Object_registry {
  /** As if `n` indices had each spent their last generation. */
  spend(n: number): void {
    for (let i = 0; i < n; i++) {
      this.objs.push(null);
      this.gens[i] = this.max_generation;
    }
    this.retired += n;
  }
  drop_registration(o: Epiface_t): void {
    this.recs.delete(o);
  }
  zero_generation(o: Epiface_t): void {
    const rec = this.recs.get(o)!;
    const index = this.objs.indexOf(o);
    this.gens[index] = 0;
    this.recs.set(o, { ...rec, label: index << 2 });
  }
}

function setup() {
  const w = create_world({ quota: GIB });
  const ch = w.new_channel();
  const ch2 = w.new_channel();
  const server = w.create_task('logging', { svc: { channel: ch, rights: L4_CAP_FPAGE_RWSD }, other: { channel: ch2, rights: L4_CAP_FPAGE_RWSD } });
  const rs = new Registry_server(server, { Object_registry: Open_registry });
  return { w, server, rs, registry: rs.registry as Open_registry };
}

describe('Object_registry bookkeeping: index reuse and exhaustion, service gates, check_invariants', () => {
  it('reuses a released index, so 70000 registrations one after another never run out', () => {
    const { w, registry } = setup();
    const o = new Counting_noop();
    for (let i = 0; i < 70000; i++) {
      registry.register_obj(o);
      registry.unregister_obj(o);
    }
    expect(registry.register_obj(o)).toBe(cap_of_slot(L4RE_CAP_ALLOC_BASE));
    expect(registry.size()).toBe(1);
    w.check_invariants();
  });

  it('uses the last index 65535 and throws once every index is spent', () => {
    const a = setup();
    a.registry.spend(65535);
    const o = new Counting_noop();
    const cap = a.registry.register_obj(o);
    expect(cap).toBe(cap_of_slot(L4RE_CAP_ALLOC_BASE));
    expect(a.w.debug_label(a.server, cap)).toBe(((1 << 16) | 65535) << 2);
    a.w.check_invariants();
    const b = setup();
    b.registry.spend(65536);
    expect(() => b.registry.register_obj(new Counting_noop())).toThrow('Object_registry: every label index is spent');
  });

  it('binds a service gate only if it is a live unbound gate', () => {
    const { w, server, registry } = setup();
    const o = new Counting_noop();
    expect(registry.register_obj(o, 'nosuch')).toBe(L4_INVALID_CAP);
    expect(server.unmap(server.get_cap('other'))).toBe(0);
    expect(registry.register_obj(o, 'other')).toBe(L4_INVALID_CAP);
    expect(server.mem_alloc.alloc(4096, server.get_cap('other'))).toBe(0);
    expect(registry.register_obj(o, 'other')).toBe(L4_INVALID_CAP);
    expect(o.obj_cap()).toBe(L4_INVALID_CAP);
    expect(registry.register_obj(o, 'svc')).toBe(server.get_cap('svc'));
    expect(registry.register_obj(new Counting_noop(), 'svc')).toBe(L4_INVALID_CAP);
    expect(registry.size()).toBe(1);
    expect(w.stats()).toMatchObject({ gates: 2, dataspaces: 1, objects: 1 });
    expect(registry.unregister_obj(o)).toBe(0);
    expect(registry.unregister_obj(o)).toBe(-L4_ENOENT);
    expect(w.stats()).toMatchObject({ gates: 2, objects: 0 });
    w.check_invariants();
  });

  it('check_invariants names a labelled object without registration and a label that resolves to nothing', () => {
    const a = setup();
    const o = new Counting_noop();
    a.registry.register_obj(o);
    a.registry.drop_registration(o);
    expect(() => a.registry.check_invariants()).toThrow('Object_registry: index 0 holds an object whose registration says label undefined');
    const b = setup();
    const p = new Counting_noop();
    b.registry.register_obj(new Counting_noop());
    b.registry.register_obj(p);
    b.registry.check_invariants();
    b.registry.zero_generation(p);
    expect(() => b.registry.check_invariants()).toThrow('Object_registry: label 4 does not resolve to its object');
  });
});
