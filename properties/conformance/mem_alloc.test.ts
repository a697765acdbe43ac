import { describe, expect, it } from 'vitest';
import { L4_INVALID_CAP, cap_of_slot } from '../../l4re/cap.ts';
import { L4_EINVAL, L4_ENOMEM } from '../../l4re/err.ts';
import { L4RE_RM_F_RW, L4RE_RM_F_SEARCH_ADDR } from '../../l4re/mem.ts';
import { WORLDS } from '../worlds.ts';

const PAGE = 4096;

describe.each(Object.values(WORLDS))('Mem_alloc ($name)', (w) => {
  const fresh = () => {
    const world = w.create_world({ quota: 4 * PAGE });
    const t = world.create_task('t');
    return { world, t, ds: t.cap_alloc.alloc() };
  };

  it('charges whole pages and gives them back when the dataspace dies', () => {
    const { world, t, ds } = fresh();
    expect(t.mem_alloc.alloc(PAGE + 1, ds)).toBe(0);
    expect(t.mem_alloc.quota()).toEqual({ used: 2 * PAGE, limit: 4 * PAGE });
    expect(world.stats()).toMatchObject({ dataspaces: 1, quota_used: 2 * PAGE });
    expect(t.cap_alloc.free(ds)).toBe(0);
    expect(t.mem_alloc.quota().used).toBe(0);
    expect(world.stats().dataspaces).toBe(0);
  });

  it('rejects sizes that are not positive safe integers, then bad selectors', () => {
    const { t, ds } = fresh();
    for (const size of [0, -1, 1.5, Number.NaN, Infinity, 2 ** 53]) expect(t.mem_alloc.alloc(size, L4_INVALID_CAP)).toBe(-L4_EINVAL);
    expect(t.mem_alloc.alloc(PAGE, L4_INVALID_CAP)).toBe(-L4_EINVAL);
    expect(t.mem_alloc.alloc(PAGE, ds + 4)).toBe(-L4_EINVAL);
    expect(t.mem_alloc.alloc(5 * PAGE, L4_INVALID_CAP)).toBe(-L4_EINVAL);
    expect(t.mem_alloc.quota().used).toBe(0);
  });

  it('stops at the quota, which is one for the whole world', () => {
    const { world, t, ds } = fresh();
    const u = world.create_task('u');
    expect(t.mem_alloc.alloc(3 * PAGE, ds)).toBe(0);
    expect(u.mem_alloc.alloc(PAGE + 1, cap_of_slot(70))).toBe(-L4_ENOMEM);
    expect(u.mem_alloc.alloc(PAGE, cap_of_slot(70))).toBe(0);
    expect(u.mem_alloc.quota()).toEqual({ used: 4 * PAGE, limit: 4 * PAGE });
    expect(u.mem_alloc.alloc(1, cap_of_slot(71))).toBe(-L4_ENOMEM);
    world.check_invariants();
  });

  it('replaces what the slot held, and ignores flags and align', () => {
    const { world, t, ds } = fresh();
    expect(t.mem_alloc.alloc(3 * PAGE, ds)).toBe(0);
    expect(t.mem_alloc.alloc(PAGE, ds, 0x7, 30)).toBe(0);
    expect(world.stats()).toMatchObject({ dataspaces: 1, quota_used: PAGE });
    expect(t.unmap(ds)).toBe(0);
    expect(world.stats()).toMatchObject({ dataspaces: 0, quota_used: 0 });
  });

  it('new memory reads as zero', () => {
    const { t, ds } = fresh();
    t.mem_alloc.alloc(2 * PAGE, ds);
    const at = t.rm.attach(0, 2 * PAGE, L4RE_RM_F_SEARCH_ADDR | L4RE_RM_F_RW, ds);
    expect(t.read(at, 2 * PAGE)).toEqual(new Uint8Array(2 * PAGE));
  });
});
