import { describe, expect, it } from 'vitest';
import { cap_of_slot, L4_CAP_FPAGE_RWSD } from '../l4re/cap.ts';
import { L4_EBADPROTO, L4_ENOENT } from '../l4re/err.ts';
import { L4RE_RM_F_RW, L4RE_RM_F_SEARCH_ADDR, L4RE_RM_START } from '../l4re/mem.ts';
import { Factory_cap } from '../l4re/factory.ts';
import { boot } from './boot.ts';
import type { Impl_task } from './task.ts';
import { create_world, type Impl_world } from './world.ts';

const GIB = 2 ** 30;

function sys() {
  const s = boot({ quota: GIB, clients: ['alice'] });
  const alice = s.clients[0] as Impl_task;
  const log = new Factory_cap(alice, alice.get_cap('log_server')).create(0, 'alice');
  return { world: s.world as Impl_world, alice, log };
}

describe('impl world: arguments and labels', () => {
  it('maps only channels that exist into a new task', () => {
    const w = create_world({ quota: GIB });
    const ch = w.new_channel();
    for (const channel of [-1, 0.5, ch + 1]) {
      expect(() => w.create_task('t', { c: { channel, rights: L4_CAP_FPAGE_RWSD } })).toThrow(`Impl_world.create_task: no channel ${channel} for t.c`);
    }
    const t = w.create_task('u', { c: { channel: ch, rights: L4_CAP_FPAGE_RWSD } });
    expect(t.unmap(t.get_cap('c'))).toBe(0);
    w.check_invariants();
  });

  it('shows the label of a session gate only, and only for a task of its own world', () => {
    const a = sys();
    const b = sys();
    const label = a.world.debug_label(a.alice, a.log);
    expect(label).toBeGreaterThan(0);
    expect(b.world.debug_label(b.alice, b.log)).toBe(label);
    expect(a.world.debug_label(b.alice, b.log)).toBeUndefined();
    const ds = a.alice.cap_alloc.alloc();
    expect(a.alice.mem_alloc.alloc(4096, ds)).toBe(0);
    expect(a.world.debug_label(a.alice, ds)).toBeUndefined();
  });
});

describe('impl world: slot 0', () => {
  it('is a selector like any other: map to and from it, a dataspace in it, attach and invoke through it', () => {
    const w = create_world({ quota: GIB });
    const a = w.create_task('a');
    const b = w.create_task('b');
    const zero = cap_of_slot(0);
    expect(a.map(zero, b, b.cap_alloc.alloc(), L4_CAP_FPAGE_RWSD)).toBe(-L4_ENOENT);
    expect(a.mem_alloc.alloc(4096, zero)).toBe(0);
    expect(a.map(zero, b, zero, L4_CAP_FPAGE_RWSD)).toBe(0);
    expect(a.rm.attach(0, 4096, L4RE_RM_F_SEARCH_ADDR | L4RE_RM_F_RW, zero)).toBe(L4RE_RM_START);
    expect(a.invoke(zero, { proto: 0, opcode: 0, args: [] }).ret).toBe(-L4_EBADPROTO);
    w.check_invariants();
    expect(b.unmap(zero)).toBe(0);
    w.check_invariants();
  });
});

describe('impl world: check_invariants', () => {
  it('names a live object that no copy holds', () => {
    const { world, alice } = sys();
    const ds = alice.cap_alloc.alloc();
    expect(alice.mem_alloc.alloc(4096, ds)).toBe(0);
    world.check_invariants();
    const index = world.kernel.lookup_cap(alice, ds);
    alice.table.clear(ds >>> 12);
    world.kernel.objects.count[index] = 0;
    expect(() => world.check_invariants()).toThrow(`Object_table: object ${index} counts 0 counted copies, tables and regions hold 0`);
  });
});
