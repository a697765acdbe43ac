import { describe, expect, it } from 'vitest';
import { L4_CAP_FPAGE_RWSD, type Cap } from '../l4re/cap.ts';
import { L4_PAGESIZE, L4RE_RM_F_R, L4RE_RM_F_RW, L4RE_RM_F_SEARCH_ADDR, L4RE_RM_F_W } from '../l4re/mem.ts';
import { Page_fault_error } from '../l4re/memory.ts';
import { Rm } from './rm.ts';
import type { Impl_task } from './task.ts';
import { create_world } from './world.ts';

const P = L4_PAGESIZE;
const S = L4RE_RM_F_SEARCH_ADDR;

/** An Rm that counts the region lookups its typed accesses make. */
class Counting_rm extends Rm {
  lookups = 0;

  constructor(task: Impl_task) {
    super(task);
    const containing = this.tree.containing.bind(this.tree);
    this.tree.containing = (addr) => (this.lookups++, containing(addr));
  }
}

/** An Rm whose read window can be pointed anywhere. */
class Skewed_rm extends Rm {
  skew(by: number): void {
    this.rd.start += by;
  }

  /** Change one field of the read window, or give the write window the read window's region. */
  corrupt(field: 'start' | 'len' | 'index' | 'off' | 'right'): void {
    if (field === 'right') Object.assign(this.wr, this.rd);
    else this.rd[field] += field === 'start' ? 16 : 1;
  }
}

function setup() {
  const world = create_world({ quota: 2 ** 30 }, { Rm: Counting_rm });
  const t = world.create_task('t');
  const rm = t.rm as Counting_rm;
  const ds_of = (pages: number): Cap => {
    const ds = t.cap_alloc.alloc();
    expect(t.mem_alloc.alloc(pages * P, ds)).toBe(0);
    return ds;
  };
  return { world, t, rm, ds_of };
}


describe('Region_memory windows: one region lookup per region, never a stale one', () => {
  it('serves repeated accesses in one region from its window: one lookup per right', () => {
    const { t, rm, ds_of } = setup();
    const a = t.rm.attach(0, 4 * P, S | L4RE_RM_F_RW, ds_of(4));
    for (let i = 0; i < 100; i++) t.store_u32(a + 4 * i, i * 0x01010101);
    for (let i = 0; i < 100; i++) expect(t.load_u32(a + 4 * i)).toBe(i * 0x01010101);
    expect(rm.lookups).toBe(2);
    t.copy(a + 2 * P, a, 400);
    t.fill(a + 3 * P, 7, 10);
    expect(rm.lookups).toBe(2);
    expect(t.read(a + 2 * P + 4, 4)).toEqual(Uint8Array.of(1, 1, 1, 1));
    expect(t.load_u8(a + 3 * P + 9)).toBe(7);
    const b = t.rm.attach(0, P, S | L4RE_RM_F_RW, ds_of(1));
    const before = rm.lookups;
    t.copy(b, a, 400);
    expect(rm.lookups).toBe(before + 1);
    expect(t.load_u32(b + 396)).toBe(99 * 0x01010101);
  });

  it('serves the last bytes of a region from its window too', () => {
    const { t, rm, ds_of } = setup();
    const a = t.rm.attach(0, P, S | L4RE_RM_F_RW, ds_of(1));
    t.store_u32(a + P - 4, 0xfeedf00d);
    const before = rm.lookups;
    for (let i = 0; i < 10; i++) t.store_u32(a + P - 4, t.load_u32(a + P - 4) + 1);
    expect(t.load_u32(a + P - 4)).toBe(0xfeedf00d + 10);
    expect(rm.lookups).toBe(before + 1);
  });

  it('copies within one region exactly len bytes, forwards and backwards, leaving the bytes around the destination alone', () => {
    const { t, ds_of } = setup();
    const a = t.rm.attach(0, 4 * P, S | L4RE_RM_F_RW, ds_of(4));
    const data = Uint8Array.from({ length: 300 }, (_, i) => i & 0xff);
    for (const [src, dst] of [
      [a + P, a + 2 * P],
      [a + 3 * P, a + 100],
      [a + 100, a + 250],
      [a + 250, a + 100],
    ] as const) {
      t.fill(a, 0xee, 4 * P);
      t.write(src, data);
      const around = () => [t.load_u8(dst - 1), t.load_u8(dst + data.length)];
      const before = around();
      t.copy(dst, src, data.length);
      expect(t.read(dst, data.length)).toEqual(data);
      expect(around()).toEqual(before);
    }
  });

  it('empties both windows on detach: the old addresses fault, a re-attach elsewhere shows the same bytes', () => {
    const { world, t, ds_of } = setup();
    const ds = ds_of(2);
    const a = t.rm.attach(0, 2 * P, S | L4RE_RM_F_RW, ds);
    t.store_u64(a + 8, 0x1234_5678_9abc);
    expect(t.load_u64(a + 8)).toBe(0x1234_5678_9abc);
    t.rm.detach(a);
    expect(() => t.load_u64(a + 8)).toThrow(new Page_fault_error('read', a + 8));
    expect(() => t.store_u8(a, 1)).toThrow(new Page_fault_error('write', a));
    const b = t.rm.attach(0x100000, 2 * P, L4RE_RM_F_RW, ds);
    expect(t.load_u64(b + 8)).toBe(0x1234_5678_9abc);
    expect(() => t.load_u8(a)).toThrow(new Page_fault_error('read', a));
    world.check_invariants();
  });

  it('keeps serving a region whose capability was freed (the region holds the dataspace), and faults once it is destroyed', () => {
    const { world, t, ds_of } = setup();
    const ds = ds_of(1);
    const a = t.rm.attach(0, P, S | L4RE_RM_F_RW, ds);
    t.store_u32(a, 0xdeadbeef);
    expect(t.load_u32(a)).toBe(0xdeadbeef);
    const alias = t.cap_alloc.alloc();
    expect(t.map(ds, t, alias, L4_CAP_FPAGE_RWSD)).toBe(0);
    expect(t.cap_alloc.free(ds)).toBe(0);
    expect(t.load_u32(a)).toBe(0xdeadbeef);
    t.store_u8(a, 1);
    expect(t.read(a, 1)).toEqual(Uint8Array.of(1));
    expect(t.delete_obj(alias)).toBe(0);
    expect(() => t.load_u32(a)).toThrow(new Page_fault_error('read', a));
    expect(() => t.store_u32(a, 1)).toThrow(new Page_fault_error('write', a));
    expect(() => t.fill(a, 0, 4)).toThrow(new Page_fault_error('write', a));
    world.check_invariants();
  });

  it('never reaches a later dataspace that took the dead one’s object index', () => {
    const { t, ds_of } = setup();
    const ds = ds_of(1);
    const a = t.rm.attach(0, P, S | L4RE_RM_F_RW, ds);
    t.store_u8(a, 5);
    expect(t.load_u8(a)).toBe(5);
    t.delete_obj(ds);
    const b = t.rm.attach(0, P, S | L4RE_RM_F_RW, ds_of(1));
    t.store_u8(b, 9);
    expect(() => t.load_u8(a)).toThrow(new Page_fault_error('read', a));
    expect(() => t.store_u8(a, 1)).toThrow(new Page_fault_error('write', a));
    expect(t.load_u8(b)).toBe(9);
  });

  it('read-only region: loads work, stores, fills and copies into it fault and change nothing', () => {
    const { t, ds_of } = setup();
    const ds = ds_of(1);
    const rw = t.rm.attach(0, P, S | L4RE_RM_F_RW, ds);
    const ro = t.rm.attach(0, P, S | L4RE_RM_F_R, ds);
    const wo = t.rm.attach(0, P, S | L4RE_RM_F_W, ds);
    t.store_u32(rw + 16, 0x01020304);
    expect(t.load_u32(ro + 16)).toBe(0x01020304);
    expect(() => t.store_u32(ro + 16, 0)).toThrow(new Page_fault_error('write', ro + 16));
    expect(() => t.store_u64(ro + 16, 0)).toThrow(new Page_fault_error('write', ro + 16));
    expect(() => t.fill(ro, 0, P)).toThrow(new Page_fault_error('write', ro));
    expect(() => t.copy(ro + 16, rw, 4)).toThrow(new Page_fault_error('write', ro + 16));
    expect(t.load_u32(ro + 16)).toBe(0x01020304);
    expect(() => t.load_u8(wo)).toThrow(new Page_fault_error('read', wo));
    expect(() => t.copy(rw, wo, 4)).toThrow(new Page_fault_error('read', wo));
    t.store_u16(wo + 16, 0xaaaa);
    expect(t.load_u32(ro + 16)).toBe(0x0102aaaa);
  });

  it('check_invariants names a window that no longer matches its region', () => {
    const world = create_world({ quota: 2 ** 20 }, { Rm: Skewed_rm });
    const t = world.create_task('t');
    const ds = t.cap_alloc.alloc();
    t.mem_alloc.alloc(P, ds);
    const a = t.rm.attach(0, P, S | L4RE_RM_F_RW, ds);
    t.load_u8(a);
    t.store_u8(a, 1);
    world.check_invariants();
    (t.rm as Skewed_rm).skew(P);
    expect(() => world.check_invariants()).toThrow(`Rm of t: the read window [${a + P}, ${a + 2 * P}) names no such region`);
  });

  it.each([
    ['start', 'read', 16, P],
    ['len', 'read', 0, P + 1],
    ['index', 'read', 0, P],
    ['off', 'read', 0, P],
    ['right', 'write', 0, P],
  ] as const)('check_invariants names a window whose %s no longer matches its region', (field, name, from, len) => {
    const world = create_world({ quota: 2 ** 20 }, { Rm: Skewed_rm });
    const t = world.create_task('t');
    const ds = t.cap_alloc.alloc();
    t.mem_alloc.alloc(2 * P, ds);
    const ro = t.rm.attach(0, P, S | L4RE_RM_F_R, ds, P);
    t.rm.attach(0, P, S | L4RE_RM_F_RW, ds);
    t.load_u8(ro);
    world.check_invariants();
    (t.rm as Skewed_rm).corrupt(field);
    expect(() => world.check_invariants()).toThrow(`Rm of t: the ${name} window [${ro + from}, ${ro + from + len}) names no such region`);
  });
});
