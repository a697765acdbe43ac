import { describe, expect, it } from 'vitest';
import { cap_of_slot, L4_CAP_FPAGE_RW, L4_CAP_FPAGE_RWS, L4_INVALID_CAP } from '../l4re/cap.ts';
import { L4_EEXIST, L4_EINVAL, L4_EMSGTOOLONG, L4_ENOENT, L4_IPC_NOT_EXISTENT_ERR } from '../l4re/err.ts';
import { L4_PROTO_FACTORY, str } from '../l4re/ipc.ts';
import { log_print_msg } from '../l4re/log.ts';
import { boot } from './log_server.ts';
import type { Impl_task } from './task.ts';
import { create_world, type Impl_world } from './world.ts';

const GIB = 2 ** 30;
const SLOT0 = cap_of_slot(0);

/** A world with tasks a and b, and a dataspace of `size` bytes in a's first cap_alloc slot. */
function two_tasks(size = 4096) {
  const w = create_world({ quota: GIB });
  const a = w.create_task('a');
  const b = w.create_task('b');
  const ds = a.cap_alloc.alloc();
  expect(a.mem_alloc.alloc(size, ds)).toBe(0);
  return { w, a, b, ds };
}

function sys() {
  const s = boot({ quota: GIB, clients: ['alice'] });
  return { ...s, world: s.world as Impl_world, alice: s.clients[0] as Impl_task };
}

describe('Kernel: slot 0, object index 0, uncounted copies and failed invocations', () => {
  it('maps from and into slot 0 like any other slot', () => {
    const w = create_world({ quota: GIB });
    const a = w.create_task('a');
    const b = w.create_task('b');
    expect(a.mem_alloc.alloc(4096, SLOT0)).toBe(0);
    const in_b = cap_of_slot(100);
    expect(a.map(SLOT0, b, in_b, L4_CAP_FPAGE_RW)).toBe(0);
    expect(b.map(in_b, a, cap_of_slot(101), L4_CAP_FPAGE_RW)).toBe(0);
    expect(b.map(in_b, b, SLOT0, L4_CAP_FPAGE_RW)).toBe(0);
    expect(b.unmap(SLOT0)).toBe(0);
    expect(b.unmap(SLOT0)).toBe(-L4_ENOENT);
    expect(a.unmap(SLOT0)).toBe(0);
    expect(a.unmap(cap_of_slot(101))).toBe(0);
    expect(w.stats().dataspaces).toBe(1);
    expect(b.unmap(in_b)).toBe(0);
    expect(w.stats()).toMatchObject({ dataspaces: 0, quota_used: 0 });
    w.check_invariants();
  });

  it('dec_refcnt of object index 0 makes the copy uncounted and destroys the object', () => {
    const w = create_world({ quota: GIB });
    const t = w.create_task('t');
    const ds = t.cap_alloc.alloc();
    expect(t.mem_alloc.alloc(4096, ds)).toBe(0);
    expect(w.kernel.lookup_cap(t, ds)).toBe(0);
    expect(t.dec_refcnt(ds)).toBe(0);
    expect(w.stats()).toMatchObject({ dataspaces: 0, quota_used: 0 });
    expect(t.dec_refcnt(ds)).toBe(-L4_ENOENT);
    w.check_invariants();
  });

  it('a map over the only copy of object index 0 destroys it', () => {
    const w = create_world({ quota: GIB });
    const t = w.create_task('t');
    const d0 = t.cap_alloc.alloc();
    const d1 = t.cap_alloc.alloc();
    t.mem_alloc.alloc(4096, d0);
    t.mem_alloc.alloc(8192, d1);
    expect(w.kernel.lookup_cap(t, d0)).toBe(0);
    expect(t.map(d1, t, d0, L4_CAP_FPAGE_RW)).toBe(0);
    expect(w.stats()).toMatchObject({ dataspaces: 1, quota_used: 8192 });
    w.check_invariants();
  });

  it('unmapping an uncounted copy leaves the count alone', () => {
    const { w, a, b, ds } = two_tasks();
    const c = b.cap_alloc.alloc();
    expect(a.map(ds, b, c, L4_CAP_FPAGE_RW)).toBe(0);
    expect(b.dec_refcnt(c)).toBe(0);
    expect(b.dec_refcnt(c)).toBe(-L4_EEXIST);
    expect(b.unmap(c)).toBe(0);
    expect(w.stats().dataspaces).toBe(1);
    expect(a.unmap(ds)).toBe(0);
    expect(w.stats().dataspaces).toBe(0);
    w.check_invariants();
  });

  it('grows a task table for high slots, and reads a copy of a destroyed object as empty even once a new object has its index', () => {
    const { w, a, b, ds } = two_tasks(1);
    const high = cap_of_slot(60000);
    expect(a.map(ds, b, high, L4_CAP_FPAGE_RW)).toBe(0);
    expect(b.table.capacity()).toBe(65536);
    const index = w.kernel.lookup_cap(b, high);
    w.check_invariants();
    expect(a.delete_obj(ds)).toBe(0);
    expect(w.kernel.lookup_cap(b, high)).toBe(-1);
    expect(w.stats().dataspaces).toBe(0);
    expect(a.mem_alloc.alloc(4096, ds)).toBe(0);
    expect(w.kernel.lookup_cap(a, ds)).toBe(index);
    expect(w.kernel.lookup_cap(b, high)).toBe(-1);
    w.check_invariants();
    expect(b.unmap(high)).toBe(-L4_ENOENT);
    expect(b.dec_refcnt(high)).toBe(-L4_ENOENT);
    expect(w.stats()).toMatchObject({ dataspaces: 1, quota_used: 4096 });
    w.check_invariants();
  });

  it('invokes through slot 0 and receives a session into slot 0', () => {
    const s = sys();
    const { alice } = s;
    expect(alice.map(alice.get_cap('log_server'), alice, SLOT0, L4_CAP_FPAGE_RWS)).toBe(0);
    expect(s.world.debug_label(alice, SLOT0)).toBeGreaterThan(0);
    expect(s.world.debug_label(alice, SLOT0)).toBe(s.world.debug_label(alice, alice.get_cap('log_server')));
    const rcv = cap_of_slot(1000);
    expect(alice.invoke(SLOT0, { proto: L4_PROTO_FACTORY, opcode: 0, args: [str('alice')], rcv })).toEqual({ ret: 0, words: [] });
    expect(alice.invoke(rcv, log_print_msg('one', 0))).toEqual({ ret: 0, words: [] });
    expect(alice.unmap(SLOT0)).toBe(0);
    expect(alice.map(alice.get_cap('log_server'), alice, rcv, L4_CAP_FPAGE_RWS)).toBe(0);
    expect(alice.invoke(rcv, { proto: L4_PROTO_FACTORY, opcode: 0, args: [str('bob')], rcv: SLOT0 })).toEqual({ ret: 0, words: [] });
    expect(alice.invoke(SLOT0, log_print_msg('two', 0)).ret).toBe(0);
    expect(s.console).toEqual(['alice: one', 'bob: two']);
    expect(s.world.stats().objects).toBe(2);
    s.world.check_invariants();
  });

  it('answers a failed invocation with no words', () => {
    const { alice, world } = sys();
    const log = alice.get_cap('log_server');
    expect(alice.invoke(cap_of_slot(500), log_print_msg('x', 0))).toEqual({ ret: L4_IPC_NOT_EXISTENT_ERR, words: [] });
    expect(alice.invoke(L4_INVALID_CAP, log_print_msg('x', 0))).toEqual({ ret: L4_IPC_NOT_EXISTENT_ERR, words: [] });
    const long = { proto: L4_PROTO_FACTORY, opcode: 0, args: Array.from({ length: 40 }, () => str('abcdefghijkl')) };
    expect(alice.invoke(log, long)).toEqual({ ret: -L4_EMSGTOOLONG, words: [] });
    expect(alice.invoke(log, { proto: L4_PROTO_FACTORY, opcode: 0, args: [str('a')], rcv: L4_INVALID_CAP })).toEqual({ ret: -L4_EINVAL, words: [] });
    expect(world.stats().objects).toBe(1);
  });
});
