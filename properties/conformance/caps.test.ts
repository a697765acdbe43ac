import { describe, expect, it } from 'vitest';
import { type Cap, L4_CAP_FPAGE_RO, L4_CAP_FPAGE_RW, L4_CAP_FPAGE_RWS, L4_CAP_FPAGE_RWSD, L4_INVALID_CAP, cap_of_slot } from '../../l4re/cap.ts';
import { L4_EEXIST, L4_EINVAL, L4_ENOENT, L4_EPERM, L4_IPC_NOT_EXISTENT_ERR } from '../../l4re/err.ts';
import { L4RE_CAP_ALLOC_BASE, L4RE_RM_F_R, L4RE_RM_F_RW, L4RE_RM_F_SEARCH_ADDR } from '../../l4re/mem.ts';
import type { Task } from '../../l4re/task.ts';
import { WORLDS } from '../worlds.ts';
import { Echo, boot_ab } from './support.ts';

const PAGE = 4096;
const BASE = cap_of_slot(L4RE_CAP_ALLOC_BASE);
const BAD = 0x123;

describe.each(Object.values(WORLDS))('capabilities ($name)', (w) => {
  const fresh = (slots?: number) => {
    const world = w.create_world({ quota: 16 * PAGE, ...(slots !== undefined && { cap_alloc_slots: slots }) });
    const ch = world.new_channel();
    const ch2 = world.new_channel();
    const t = world.create_task('t', { svc: { channel: ch, rights: L4_CAP_FPAGE_RWSD }, two: { channel: ch2, rights: L4_CAP_FPAGE_RW } });
    const u = world.create_task('u');
    return { world, t, u };
  };

  /** A one-page dataspace in a fresh slot of `t`. */
  const page_ds = (t: Task): Cap => {
    const ds = t.cap_alloc.alloc();
    expect(t.mem_alloc.alloc(PAGE, ds)).toBe(0);
    return ds;
  };

  /** Every capability operation refuses a selector that is none, then an empty slot. */
  const refuses_bad_and_empty = (op: (cap: Cap) => number) => {
    expect(op(BAD)).toBe(-L4_EINVAL);
    expect(op(cap_of_slot(7))).toBe(-L4_ENOENT);
  };

  it('environment capabilities take slots 1, 2, … in order', () => {
    const { t, u } = fresh();
    expect(t.get_cap('svc')).toBe(cap_of_slot(1));
    expect(t.get_cap('two')).toBe(cap_of_slot(2));
    expect(t.get_cap('none')).toBe(L4_INVALID_CAP);
    expect(u.get_cap('svc')).toBe(L4_INVALID_CAP);
    expect(t.unmap(cap_of_slot(0))).toBe(-L4_ENOENT);
  });

  it('cap_alloc hands out the lowest free slot and reports when full', () => {
    const { t } = fresh(3);
    expect([t.cap_alloc.alloc(), t.cap_alloc.alloc(), t.cap_alloc.alloc()]).toEqual([BASE, BASE + 0x1000, BASE + 0x2000]);
    expect(t.cap_alloc.alloc()).toBe(L4_INVALID_CAP);
    expect(t.cap_alloc.in_use()).toBe(3);
    expect(t.cap_alloc.free(BASE + 0x1000)).toBe(0);
    expect(t.cap_alloc.alloc()).toBe(BASE + 0x1000);
  });

  it('cap_alloc.free rejects bad selectors and double frees', () => {
    const { t } = fresh(2);
    const c = t.cap_alloc.alloc();
    expect(t.cap_alloc.free(L4_INVALID_CAP)).toBe(-L4_EINVAL);
    expect(t.cap_alloc.free(c + 1)).toBe(-L4_EINVAL);
    expect(t.cap_alloc.free(cap_of_slot(1))).toBe(-L4_EINVAL);
    expect(t.cap_alloc.free(cap_of_slot(L4RE_CAP_ALLOC_BASE + 2))).toBe(-L4_EINVAL);
    expect(t.cap_alloc.free(c + 0x1000)).toBe(-L4_ENOENT);
    expect(t.cap_alloc.free(c)).toBe(0);
    expect(t.cap_alloc.free(c)).toBe(-L4_ENOENT);
    expect(t.cap_alloc.in_use()).toBe(0);
  });

  it('cap_alloc.free unmaps what the slot holds', () => {
    const { world, t } = fresh();
    const ds = page_ds(t);
    expect(world.stats().dataspaces).toBe(1);
    expect(t.cap_alloc.free(ds)).toBe(0);
    expect(world.stats()).toMatchObject({ dataspaces: 0, quota_used: 0 });
    expect(t.unmap(ds)).toBe(-L4_ENOENT);
  });

  it('map checks selectors, then the source slot', () => {
    const { t, u } = fresh();
    const svc = t.get_cap('svc');
    expect(t.map(BAD, u, cap_of_slot(5), L4_CAP_FPAGE_RWS)).toBe(-L4_EINVAL);
    expect(t.map(svc, u, L4_INVALID_CAP, L4_CAP_FPAGE_RWS)).toBe(-L4_EINVAL);
    expect(t.map(svc, t, svc, L4_CAP_FPAGE_RWS)).toBe(-L4_EINVAL);
    expect(t.map(cap_of_slot(9), u, cap_of_slot(5), L4_CAP_FPAGE_RWS)).toBe(-L4_ENOENT);
    expect(t.map(svc, t, cap_of_slot(9), L4_CAP_FPAGE_RWS)).toBe(0);
  });

  it('map can only reduce rights, and R always stays', () => {
    const { t, u } = fresh();
    const ds = page_ds(t);
    expect(t.map(ds, u, cap_of_slot(5), 0)).toBe(0);
    expect(u.delete_obj(cap_of_slot(5))).toBe(-L4_EPERM);
    expect(u.rm.attach(0, PAGE, L4RE_RM_F_SEARCH_ADDR | L4RE_RM_F_RW, cap_of_slot(5))).toBe(-L4_EPERM);
    expect(u.rm.attach(0, PAGE, L4RE_RM_F_SEARCH_ADDR | L4RE_RM_F_R, cap_of_slot(5))).toBe(0x10000);
    expect(t.map(t.get_cap('two'), u, cap_of_slot(6), L4_CAP_FPAGE_RWSD)).toBe(0);
    expect(u.delete_obj(cap_of_slot(6))).toBe(-L4_EPERM);
  });

  it('mapping the same object again only changes the rights', () => {
    const { world, t, u } = fresh();
    const ds = page_ds(t);
    expect(t.map(ds, u, cap_of_slot(5), L4_CAP_FPAGE_RWSD)).toBe(0);
    expect(u.dec_refcnt(cap_of_slot(5))).toBe(0);
    expect(t.map(ds, u, cap_of_slot(5), L4_CAP_FPAGE_RO)).toBe(0);
    expect(u.delete_obj(cap_of_slot(5))).toBe(-L4_EPERM);
    expect(u.dec_refcnt(cap_of_slot(5))).toBe(-L4_EEXIST);
    expect(t.cap_alloc.free(ds)).toBe(0);
    expect(world.stats().dataspaces).toBe(0);
    expect(u.unmap(cap_of_slot(5))).toBe(-L4_ENOENT);
  });

  it('mapping over another object unmaps it first', () => {
    const { world, t } = fresh();
    const a = t.cap_alloc.alloc();
    const b = t.cap_alloc.alloc();
    t.mem_alloc.alloc(PAGE, a);
    t.mem_alloc.alloc(2 * PAGE, b);
    expect(world.stats()).toMatchObject({ dataspaces: 2, quota_used: 3 * PAGE });
    expect(t.map(a, t, b, L4_CAP_FPAGE_RWSD)).toBe(0);
    expect(world.stats()).toMatchObject({ dataspaces: 1, quota_used: PAGE });
    expect(t.unmap(a)).toBe(0);
    expect(world.stats().dataspaces).toBe(1);
    expect(t.unmap(b)).toBe(0);
    expect(world.stats()).toMatchObject({ dataspaces: 0, quota_used: 0 });
  });

  it('unmap removes one copy; the last counted copy destroys the object everywhere', () => {
    const { world, t, u } = fresh();
    const ds = page_ds(t);
    t.map(ds, u, cap_of_slot(5), L4_CAP_FPAGE_RW);
    t.map(ds, u, cap_of_slot(6), L4_CAP_FPAGE_RW);
    expect(u.dec_refcnt(cap_of_slot(6))).toBe(0);
    refuses_bad_and_empty((c) => t.unmap(c));
    expect(t.unmap(ds)).toBe(0);
    expect(world.stats().dataspaces).toBe(1);
    expect(u.unmap(cap_of_slot(5))).toBe(0);
    expect(world.stats().dataspaces).toBe(0);
    expect(u.unmap(cap_of_slot(6))).toBe(-L4_ENOENT);
    world.check_invariants();
  });

  it('delete_obj needs D and empties every copy in every task', () => {
    const { world, t, u } = fresh();
    const ds = page_ds(t);
    t.map(ds, u, cap_of_slot(5), L4_CAP_FPAGE_RWS);
    t.map(ds, u, cap_of_slot(6), L4_CAP_FPAGE_RWSD);
    refuses_bad_and_empty((c) => u.delete_obj(c));
    expect(u.delete_obj(cap_of_slot(5))).toBe(-L4_EPERM);
    expect(u.delete_obj(cap_of_slot(6))).toBe(0);
    expect(world.stats()).toMatchObject({ dataspaces: 0, quota_used: 0 });
    expect([t.unmap(ds), u.unmap(cap_of_slot(5)), u.unmap(cap_of_slot(6))]).toEqual([-L4_ENOENT, -L4_ENOENT, -L4_ENOENT]);
    expect(t.cap_alloc.in_use()).toBe(1);
    world.check_invariants();
  });

  it('dec_refcnt stops counting a copy once', () => {
    const { world, t } = fresh();
    const ds = page_ds(t);
    t.map(ds, t, cap_of_slot(5), L4_CAP_FPAGE_RW);
    refuses_bad_and_empty((c) => t.dec_refcnt(c));
    expect(t.dec_refcnt(ds)).toBe(0);
    expect(t.dec_refcnt(ds)).toBe(-L4_EEXIST);
    expect(world.stats().dataspaces).toBe(1);
    expect(t.dec_refcnt(cap_of_slot(5))).toBe(0);
    expect(world.stats().dataspaces).toBe(0);
    expect(t.unmap(ds)).toBe(-L4_ENOENT);
  });

  it('deleting a session gate through the server empties the client copies too', () => {
    const sys = boot_ab(w);
    const [a, b] = sys.clients;
    const o = new Echo();
    const cap = sys.registry.register_obj(o);
    sys.server.map(cap, a!, cap_of_slot(10), L4_CAP_FPAGE_RWS);
    sys.server.map(cap, b!, cap_of_slot(10), L4_CAP_FPAGE_RWS);
    expect(sys.server.delete_obj(cap)).toBe(0);
    expect(a!.invoke(cap_of_slot(10), { proto: 0, opcode: 0, args: [] }).ret).toBe(L4_IPC_NOT_EXISTENT_ERR);
    expect(b!.unmap(cap_of_slot(10))).toBe(-L4_ENOENT);
    expect(sys.registry.size()).toBe(1);
    expect(o.releases).toBe(1);
    sys.world.check_invariants();
  });
});
