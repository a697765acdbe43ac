import { describe, expect, it } from 'vitest';
import { cap_of_slot } from '../l4re/cap.ts';
import { L4_EINVAL, L4_ENOENT } from '../l4re/err.ts';
import { L4RE_CAP_ALLOC_BASE } from '../l4re/mem.ts';
import { Registry_server } from './registry_server.ts';
import { create_world } from './world.ts';
import { Counting_noop } from './noop_object.fixture.ts';

describe('Cap_alloc.free of a slot whose unmap frees it again', () => {
  it('frees a registered gate slot once when the registry frees it during the unmap', () => {
    const w = create_world({ quota: 2 ** 30, cap_alloc_slots: 8 });
    const t = w.create_task('srv');
    const registry = new Registry_server(t).registry;
    const o = new Counting_noop();
    const keep = t.cap_alloc.alloc();
    const cap = registry.register_obj(o);
    expect(cap).toBe(cap_of_slot(L4RE_CAP_ALLOC_BASE + 1));
    expect(w.stats().tasks[0]!.slots).toBe(2);
    expect(t.cap_alloc.free(cap)).toBe(0);
    expect(o.released).toBe(1);
    expect(registry.size()).toBe(0);
    expect(w.stats()).toMatchObject({ gates: 0, objects: 0 });
    expect(w.stats().tasks[0]!.slots).toBe(1);
    expect(t.cap_alloc.free(cap)).toBe(-L4_ENOENT);
    w.check_invariants();
    expect(t.cap_alloc.alloc()).toBe(cap);
    expect(t.cap_alloc.free(keep)).toBe(0);
    expect(t.cap_alloc.free(cap_of_slot(L4RE_CAP_ALLOC_BASE + 8))).toBe(-L4_EINVAL);
    expect(t.cap_alloc.free(cap_of_slot(L4RE_CAP_ALLOC_BASE - 1))).toBe(-L4_EINVAL);
    expect(w.stats().tasks[0]!.slots).toBe(1);
    w.check_invariants();
  });
});
