import { describe, expect, it } from 'vitest';
import { cap_of_slot, L4_CAP_FPAGE_RW, L4_CAP_FPAGE_RWSD, L4_INVALID_CAP } from '../l4re/cap.ts';
import { L4_EBADPROTO, L4_EEXIST, L4_EINVAL, L4_EMSGTOOLONG, L4_ENOENT, L4_IPC_NOT_EXISTENT_ERR } from '../l4re/err.ts';
import { log_print_msg } from '../l4re/log.ts';
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

describe('impl world: object 0 and error replies', () => {
  it('treats object index 0 like any other in dec_refcnt and in a map over its slot', () => {
    const w = create_world({ quota: GIB });
    const ch = w.new_channel();
    const t = w.create_task('t', { c: { channel: ch, rights: L4_CAP_FPAGE_RWSD } });
    const c = t.get_cap('c');
    expect(w.kernel.lookup_cap(t, c)).toBe(0);
    expect(t.dec_refcnt(c)).toBe(0);
    expect(t.dec_refcnt(c)).toBe(-L4_EEXIST);
    const u = w.create_task('u', { c: { channel: ch, rights: L4_CAP_FPAGE_RWSD } });
    const ds = u.cap_alloc.alloc();
    expect(u.mem_alloc.alloc(4096, ds)).toBe(0);
    expect(u.map(ds, u, u.get_cap('c'), L4_CAP_FPAGE_RW)).toBe(0);
    expect(w.kernel.lookup_cap(u, u.get_cap('c'))).not.toBe(0);
    w.check_invariants();
  });

  it('sends no words with an error reply', () => {
    const { alice, log } = sys();
    expect(alice.invoke(cap_of_slot(3000), log_print_msg('x', 0))).toEqual({ ret: L4_IPC_NOT_EXISTENT_ERR, words: [] });
    expect(alice.invoke(log, log_print_msg('x'.repeat(10_000), 0))).toEqual({ ret: -L4_EMSGTOOLONG, words: [] });
    expect(alice.invoke(log, { ...log_print_msg('x', 0), rcv: L4_INVALID_CAP })).toEqual({ ret: -L4_EINVAL, words: [] });
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
