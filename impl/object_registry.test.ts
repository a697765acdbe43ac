import { describe, expect, it } from 'vitest';
import { L4_INVALID_CAP } from '../l4re/cap.ts';
import { boot } from './log_server.ts';
import type { Object_registry } from './object_registry.ts';
import type { Impl_task } from './task.ts';
import type { Impl_world } from './world.ts';
import { Noop } from './noop_object.fixture.ts';

function sys() {
  const s = boot({ quota: 2 ** 30, clients: ['alice'] });
  return { world: s.world as Impl_world, server: s.server as Impl_task, registry: s.registry as Object_registry };
}

describe('impl Object_registry', () => {
  it('finds an object by its exact label only: not with W or S bits, generation 0 or a stale generation', () => {
    const { world, server, registry } = sys();
    const o = new Noop();
    const cap = registry.register_obj(o);
    const label = world.debug_label(server, cap)!;
    expect(registry.find(label)).toBe(o);
    expect(registry.find(label | 1)).toBeUndefined();
    expect(registry.find(label | 2)).toBeUndefined();
    expect(registry.find(label & ((1 << 18) - 1))).toBeUndefined();
    expect(registry.find(label + (1 << 18))).toBeUndefined();
    expect(registry.unregister_obj(o)).toBe(0);
    expect(registry.find(label)).toBeUndefined();
    registry.check_invariants();
  });

  it('refuses a service that is unknown or already bound', () => {
    const { registry } = sys();
    expect(registry.register_obj(new Noop(), 'no_such_service')).toBe(L4_INVALID_CAP);
    expect(registry.register_obj(new Noop(), 'log_server')).toBe(L4_INVALID_CAP);
    registry.check_invariants();
  });

  it('retires an index after generation 8191, every label positive and new', () => {
    const { world, server, registry } = sys();
    const labels = new Set<number>();
    let last = 0;
    for (let i = 0; i < 8192; i++) {
      const o = new Noop();
      const label = world.debug_label(server, registry.register_obj(o))!;
      expect(label).toBeGreaterThan(0);
      labels.add(label);
      last = label;
      expect(registry.unregister_obj(o)).toBe(0);
    }
    expect(labels.size).toBe(8192);
    expect(last >>> 18).toBe(1);
    registry.check_invariants();
  });
});
