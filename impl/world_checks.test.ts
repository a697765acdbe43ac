import { describe, expect, it } from 'vitest';
import { cap_of_slot, L4_CAP_FPAGE_RWSD, L4_CAP_FPAGE_W } from '../l4re/cap.ts';
import { L4RE_CAP_ALLOC_BASE } from '../l4re/mem.ts';
import type { Task } from '../l4re/task.ts';
import { GATE, type Object_table } from './object_table.ts';
import { Registry_server } from './registry_server.ts';
import { create_world } from './world.ts';
import { Noop } from './noop_object.fixture.ts';

const GIB = 2 ** 30;

describe('Impl_world: channels of create_task, debug_label of foreign tasks, check_invariants of the loader and of uncopied objects', () => {
  it('throws for a channel that is negative, fractional or not yet made', () => {
    const w = create_world({ quota: GIB });
    const ch = w.new_channel();
    for (const channel of [-1, 0.5, ch + 1, NaN]) {
      expect(() => w.create_task(`t${channel}`, { svc: { channel, rights: L4_CAP_FPAGE_RWSD } }), `channel ${channel}`).toThrow(
        `Impl_world.create_task: no channel ${channel} for t${channel}.svc`,
      );
    }
    const t = w.create_task('ok', { svc: { channel: ch, rights: L4_CAP_FPAGE_RWSD } });
    expect(t.unmap(t.get_cap('svc'))).toBe(0);
  });

  it('throws for more environment capabilities than the slots below L4RE_CAP_ALLOC_BASE', () => {
    const w = create_world({ quota: GIB });
    const svc = { channel: w.new_channel(), rights: L4_CAP_FPAGE_RWSD };
    const caps = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`c${i}`, svc]));
    const t = w.create_task('full', caps(L4RE_CAP_ALLOC_BASE - 1));
    expect(t.get_cap(`c${L4RE_CAP_ALLOC_BASE - 2}`)).toBe(cap_of_slot(L4RE_CAP_ALLOC_BASE - 1));
    expect(() => w.create_task('over', caps(L4RE_CAP_ALLOC_BASE))).toThrow(`Impl_task over: more than ${L4RE_CAP_ALLOC_BASE - 1} environment capabilities`);
  });

  it('gives no label for a task of another world or an object posing as a task', () => {
    // Gate index 1 in slot L4RE_CAP_ALLOC_BASE of both worlds, under different labels.
    const w = create_world({ quota: GIB });
    const own = w.create_task('own', { svc: { channel: w.new_channel(), rights: L4_CAP_FPAGE_RWSD } });
    const registry = new Registry_server(own).registry;
    registry.register_obj(new Noop(), 'svc');
    const own_cap = registry.register_obj(new Noop());
    const other = create_world({ quota: GIB });
    const t = other.create_task('srv');
    expect(t.mem_alloc.alloc(4096, cap_of_slot(200))).toBe(0);
    const cap = new Registry_server(t).registry.register_obj(new Noop());
    expect(cap).toBe(own_cap);
    expect(w.kernel.lookup_cap(own, own_cap)).toBe(other.kernel.lookup_cap(t, cap));
    expect(other.debug_label(t, cap)).toBeGreaterThan(0);
    expect(w.debug_label(own, own_cap)).toBeGreaterThan(0);
    expect(w.debug_label(own, own_cap)).not.toBe(other.debug_label(t, cap));
    expect(w.debug_label(t, cap)).toBeUndefined();
    const pose = { kernel: w.kernel, name: 'pose' } as unknown as Task;
    expect(w.debug_label(pose, cap)).toBeUndefined();
  });

  it('check_invariants names the loader and a live object nothing holds', () => {
    const a = create_world({ quota: GIB });
    a.new_channel();
    a.check_invariants();
    a.kernel.loader.table.rights[1] = L4_CAP_FPAGE_W;
    expect(() => a.check_invariants()).toThrow('Cap_table of loader: slot 1 lacks R');
    const b = create_world({ quota: GIB });
    b.new_channel();
    const orphan = (b.kernel as unknown as { objects: Object_table }).objects.alloc(GATE);
    expect(() => b.check_invariants()).toThrow(`Object_table: object ${orphan} counts 0 counted copies, tables and regions hold 0`);
  });
});
