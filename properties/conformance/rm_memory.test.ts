import { describe, expect, it } from 'vitest';
import { L4_CAP_FPAGE_RO, L4_INVALID_CAP, cap_of_slot } from '../../l4re/cap.ts';
import { L4_EADDRNOTAVAIL, L4_EINVAL, L4_ENOENT, L4_EPERM } from '../../l4re/err.ts';
import {
  Detached_ds,
  L4RE_RM_END,
  L4RE_RM_F_R,
  L4RE_RM_F_RW,
  L4RE_RM_F_RWX,
  L4RE_RM_F_SEARCH_ADDR,
  L4RE_RM_F_W,
  L4RE_RM_START,
} from '../../l4re/mem.ts';
import { WORLDS } from '../worlds.ts';

const PAGE = 4096;
const GiB = 2 ** 30;
const S = L4RE_RM_F_SEARCH_ADDR;
const RW = L4RE_RM_F_RW;

describe.each(Object.values(WORLDS))('Rm and memory ($name)', (w) => {
  const fresh = (quota = 64 * PAGE) => {
    const world = w.create_world({ quota });
    const t = world.create_task('t', { ch: { channel: world.new_channel(), rights: 7 } });
    const ds = t.cap_alloc.alloc();
    expect(t.mem_alloc.alloc(16 * PAGE, ds)).toBe(0);
    return { world, t, ds };
  };

  it('Search_addr takes the lowest address that fits', () => {
    const { t, ds } = fresh();
    expect(t.rm.attach(0, PAGE, S | RW, ds)).toBe(L4RE_RM_START);
    expect(t.rm.attach(0, 2 * PAGE, S | RW, ds)).toBe(L4RE_RM_START + PAGE);
    expect(t.rm.attach(0, 1, S | RW, ds)).toBe(L4RE_RM_START + 3 * PAGE);
    expect(t.rm.detach(L4RE_RM_START + PAGE + 5)).toBe(Detached_ds);
    expect(t.rm.attach(0, 3 * PAGE, S | RW, ds)).toBe(L4RE_RM_START + 4 * PAGE);
    expect(t.rm.attach(0, 2 * PAGE, S | RW, ds)).toBe(L4RE_RM_START + PAGE);
    expect(t.rm.attach(0x50000 + 7, PAGE, S | RW, ds)).toBe(0x51000);
    expect(t.rm.regions()).toBe(5);
  });

  it('Search_addr honours align (at least a page)', () => {
    const { t, ds } = fresh();
    expect(t.rm.attach(0, PAGE, S | RW, ds, 0, 0)).toBe(L4RE_RM_START);
    expect(t.rm.attach(0, PAGE, S | RW, ds, 0, 16)).toBe(0x20000);
    expect(t.rm.attach(0, PAGE, S | RW, ds, 0, 16)).toBe(0x30000);
    expect(t.rm.attach(0, PAGE, S | RW, ds, 0, 12)).toBe(L4RE_RM_START + PAGE);
    expect(t.rm.attach(0, PAGE, S | RW, ds, 0, 47)).toBe(-L4_EADDRNOTAVAIL);
  });

  it('a fixed attach lands exactly at the truncated start, or not at all', () => {
    const { t, ds } = fresh();
    expect(t.rm.attach(0x20000 + 5, PAGE + 1, RW, ds)).toBe(0x20000);
    expect(t.rm.attach(0x21000, PAGE, RW, ds)).toBe(-L4_EADDRNOTAVAIL);
    expect(t.rm.attach(0x1f000, 2 * PAGE, RW, ds)).toBe(-L4_EADDRNOTAVAIL);
    expect(t.rm.attach(0x1f000, PAGE, RW, ds)).toBe(0x1f000);
    expect(t.rm.attach(0x22000, PAGE, RW, ds)).toBe(0x22000);
    expect(t.rm.attach(L4RE_RM_START - PAGE, PAGE, RW, ds)).toBe(-L4_EADDRNOTAVAIL);
    expect(t.rm.attach(L4RE_RM_END - PAGE, 2 * PAGE, RW, ds)).toBe(-L4_EADDRNOTAVAIL);
    expect(t.rm.attach(L4RE_RM_END - PAGE, PAGE, RW, ds)).toBe(L4RE_RM_END - PAGE);
    expect(t.rm.attach(Number.NaN, PAGE, RW, ds)).toBe(-L4_EADDRNOTAVAIL);
    expect(t.rm.attach(Number.NaN, PAGE, S | RW, ds)).toBe(-L4_EADDRNOTAVAIL);
    expect(t.rm.attach(-Infinity, PAGE, S | RW, ds)).toBe(L4RE_RM_START);
  });

  it('no room below L4RE_RM_END gives -L4_EADDRNOTAVAIL', () => {
    const world = w.create_world({ quota: 2 ** 48 });
    const t = world.create_task('t');
    const ds = t.cap_alloc.alloc();
    expect(t.mem_alloc.alloc(L4RE_RM_END, ds)).toBe(0);
    expect(t.rm.attach(0, L4RE_RM_END - L4RE_RM_START, S | RW, ds)).toBe(L4RE_RM_START);
    expect(t.rm.attach(0, PAGE, S | RW, ds)).toBe(-L4_EADDRNOTAVAIL);
    expect(t.rm.attach(0, L4RE_RM_END, S | RW, ds)).toBe(-L4_EADDRNOTAVAIL);
  });

  it('attach checks its arguments in the documented order', () => {
    const { t, ds } = fresh();
    const bad = L4_INVALID_CAP;
    expect(t.rm.attach(0, 0, S | RW, bad, 1, 99)).toBe(-L4_EINVAL);
    expect(t.rm.attach(0, 1.5, S | RW, bad)).toBe(-L4_EINVAL);
    expect(t.rm.attach(0, PAGE, S | RW, bad, 1, 48)).toBe(-L4_EINVAL);
    expect(t.rm.attach(0, PAGE, S | RW, bad, 1, -1)).toBe(-L4_EINVAL);
    expect(t.rm.attach(0, PAGE, S | RW, bad, 1, 2.5)).toBe(-L4_EINVAL);
    expect(t.rm.attach(0, PAGE, S | RW, bad, 100)).toBe(-L4_EINVAL);
    expect(t.rm.attach(0, PAGE, S | RW, bad, -PAGE)).toBe(-L4_EINVAL);
    expect(t.rm.attach(0, PAGE, S | RW, bad, PAGE)).toBe(-L4_ENOENT);
    expect(t.rm.attach(0, PAGE, S | RW, cap_of_slot(9))).toBe(-L4_ENOENT);
    expect(t.rm.attach(0, PAGE, S | RW, t.get_cap('ch'))).toBe(-L4_ENOENT);
    expect(t.rm.attach(0, PAGE, S | RW, ds, 16 * PAGE)).toBe(-L4_EINVAL);
    expect(t.rm.attach(0, 16 * PAGE + 1, S | RW, ds)).toBe(-L4_EINVAL);
    const ro = cap_of_slot(9);
    t.map(ds, t, ro, L4_CAP_FPAGE_RO);
    expect(t.rm.attach(0, 17 * PAGE, S | RW, ro)).toBe(-L4_EINVAL);
    expect(t.rm.attach(0, PAGE, S | RW, ro)).toBe(-L4_EPERM);
    expect(t.rm.attach(0, PAGE, S | L4RE_RM_F_R, ro)).toBe(L4RE_RM_START);
    expect(t.rm.attach(0, 16 * PAGE, S | RW, ds)).toBe(L4RE_RM_START + PAGE);
  });

  it('regions of one dataspace share its bytes, from their offsets', () => {
    const { t, ds } = fresh();
    const a = t.rm.attach(0, 4 * PAGE, S | RW, ds);
    const b = t.rm.attach(0, 2 * PAGE, S | L4RE_RM_F_RWX, ds, 2 * PAGE);
    expect(t.write(a + 2 * PAGE + 10, Uint8Array.of(1, 2, 3))).toBe(0);
    expect(t.read(b + 9, 5)).toEqual(Uint8Array.of(0, 1, 2, 3, 0));
    expect(t.write(b + 2 * PAGE - 2, Uint8Array.of(9, 9))).toBe(0);
    expect(t.read(a + 4 * PAGE - 3, 3)).toEqual(Uint8Array.of(0, 9, 9));
  });

  it('an access spanning adjacent regions works; a gap faults at its lowest address', () => {
    const { t, ds } = fresh();
    const a = t.rm.attach(0x20000, PAGE, RW, ds);
    t.rm.attach(0x21000, PAGE, RW, ds, PAGE);
    const data = Uint8Array.from({ length: 100 }, (_, i) => i + 1);
    expect(t.write(a + PAGE - 50, data)).toBe(0);
    expect(t.read(a + PAGE - 50, 100)).toEqual(data);
    expect(t.write(0x22000 - 10, new Uint8Array(20).fill(7))).toEqual({ fault: 'write', addr: 0x22000 });
    expect(t.read(0x22000 - 10, 10)).toEqual(new Uint8Array(10));
    expect(t.read(0x22000 - 10, 11)).toEqual({ fault: 'read', addr: 0x22000 });
    expect(t.read(0, 1)).toEqual({ fault: 'read', addr: 0 });
    expect(t.read(0x30000, 0)).toEqual(new Uint8Array(0));
    expect(t.write(0x30000, new Uint8Array(0))).toBe(0);
  });

  it('region flags decide what may be read and written', () => {
    const { t, ds } = fresh();
    const r = t.rm.attach(0, PAGE, S | L4RE_RM_F_R, ds);
    const wo = t.rm.attach(0, PAGE, S | L4RE_RM_F_W, ds);
    expect(t.write(r, Uint8Array.of(1))).toEqual({ fault: 'write', addr: r });
    expect(t.write(wo + 3, Uint8Array.of(5))).toBe(0);
    expect(t.read(wo, 1)).toEqual({ fault: 'read', addr: wo });
    expect(t.read(r + 3, 1)).toEqual(Uint8Array.of(5));
  });

  it('detach leaves the dataspace alive until its capability is freed', () => {
    const { world, t, ds } = fresh();
    const at = t.rm.attach(0, PAGE, S | RW, ds);
    t.write(at, Uint8Array.of(42));
    expect(t.rm.detach(at - 1)).toBe(-L4_ENOENT);
    expect(t.rm.detach(at + PAGE - 1)).toBe(Detached_ds);
    expect(t.rm.detach(at)).toBe(-L4_ENOENT);
    expect(world.stats()).toMatchObject({ dataspaces: 1, quota_used: 16 * PAGE });
    expect(t.read(at, 1)).toEqual({ fault: 'read', addr: at });
    const again = t.rm.attach(0, PAGE, S | RW, ds);
    expect(t.read(again, 1)).toEqual(Uint8Array.of(42));
    expect(t.cap_alloc.free(ds)).toBe(0);
    expect(world.stats()).toMatchObject({ dataspaces: 1, quota_used: 16 * PAGE });
    expect(t.read(again, 1)).toEqual(Uint8Array.of(42));
    expect(t.rm.detach(again)).toBe(Detached_ds);
    expect(world.stats()).toMatchObject({ dataspaces: 0, quota_used: 0 });
    expect(world.stats().tasks[0]).toEqual({ name: 't', slots: 0, regions: 0 });
    world.check_invariants();
  });

  it('regions of a destroyed dataspace stay attached but fault', () => {
    const { world, t, ds } = fresh();
    const at = t.rm.attach(0, PAGE, S | RW, ds);
    expect(t.delete_obj(ds)).toBe(0);
    expect(world.stats()).toMatchObject({ dataspaces: 0, quota_used: 0 });
    expect(t.rm.regions()).toBe(1);
    expect(t.read(at, 1)).toEqual({ fault: 'read', addr: at });
    expect(t.write(at, Uint8Array.of(1))).toEqual({ fault: 'write', addr: at });
    world.check_invariants();
    expect(t.rm.detach(at)).toBe(Detached_ds);
    expect(t.rm.regions()).toBe(0);
    world.check_invariants();
  });

  it('a huge dataspace that is barely touched works', () => {
    const world = w.create_world({ quota: 2 * GiB });
    const t = world.create_task('t');
    const ds = t.cap_alloc.alloc();
    expect(t.mem_alloc.alloc(GiB, ds)).toBe(0);
    const at = t.rm.attach(0, GiB, S | RW, ds);
    expect(at).toBe(L4RE_RM_START);
    expect(t.write(at + GiB - 2, Uint8Array.of(1, 2))).toBe(0);
    expect(t.write(at + PAGE * 1000 - 1, Uint8Array.of(3, 4))).toBe(0);
    expect(t.read(at + GiB - 3, 3)).toEqual(Uint8Array.of(0, 1, 2));
    expect(t.read(at + PAGE * 1000 - 2, 4)).toEqual(Uint8Array.of(0, 3, 4, 0));
    expect(t.rm.attach(0, PAGE, S | RW, ds)).toBe(L4RE_RM_START + GiB);
  });
});
