import { describe, expect, it } from 'vitest';
import { L4_PAGESIZE, L4RE_RM_F_R, L4RE_RM_F_RW, L4RE_RM_F_SEARCH_ADDR, L4RE_RM_START } from '../l4re/mem.ts';
import { Page_fault_error } from '../l4re/memory.ts';
import { FLAT_MAX_SIZE } from './dataspace.ts';
import { create_world } from './world.ts';

const P = L4_PAGESIZE;
const RW = L4RE_RM_F_RW;
const BASE = 0x100000;
/** More than the 64 KiB a staged copy moves at once. */
const LONG = 100_000;

function setup(quota = 2 ** 30) {
  const world = create_world({ quota });
  const t = world.create_task('t');
  /** `pages` of a new dataspace attached at `at` (or searched for) with `flags`. */
  const region = (at: number | undefined, pages: number, flags = RW, ds_pages = pages) => {
    const ds = t.cap_alloc.alloc();
    expect(t.mem_alloc.alloc(ds_pages * P, ds)).toBe(0);
    return { ds, at: t.rm.attach(at ?? 0, pages * P, at === undefined ? flags | L4RE_RM_F_SEARCH_ADDR : flags, ds) };
  };
  return { world, t, region };
}

function pattern(n: number, seed: number): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => (i * 7 + seed) & 0xff);
}

/** The first index where `a` and `b` differ, or -1: cheaper than toEqual on long arrays. */
function first_difference(a: Uint8Array | object, b: Uint8Array): number {
  if (!(a instanceof Uint8Array) || a.length !== b.length) return 0;
  return a.findIndex((x, i) => x !== b[i]);
}


describe('Region_memory beyond one flat region: straddles, long copies, sparse dataspaces, bad arguments', () => {
  it('a value straddling two adjacent regions loads and stores; a gap or a read-only part faults at its first byte', () => {
    const { t, region } = setup();
    region(BASE, 1);
    region(BASE + P, 1);
    region(BASE + 3 * P, 1, L4RE_RM_F_R);
    t.store_u64(BASE + P - 3, 0x0807_0605_0403_02);
    expect(t.read(BASE + P - 3, 8)).toEqual(Uint8Array.of(2, 3, 4, 5, 6, 7, 8, 0));
    expect(t.load_u64(BASE + P - 3)).toBe(0x0807_0605_0403_02);
    expect(t.load_u32(BASE + P - 2)).toBe(0x06050403);
    expect(t.load_u16(BASE + P - 1)).toBe(0x0504);
    expect(() => t.load_u32(BASE + 2 * P - 2)).toThrow(new Page_fault_error('read', BASE + 2 * P));
    expect(() => t.store_u32(BASE + 2 * P - 2, -1)).toThrow(new Page_fault_error('write', BASE + 2 * P));
    expect(t.read(BASE + 2 * P - 2, 2)).toEqual(new Uint8Array(2));
    expect(() => t.store_u16(BASE + 3 * P - 1, 0xffff)).toThrow(new Page_fault_error('write', BASE + 3 * P - 1));
  });

  it('copies overlapping ranges both ways, inside a region and across two', () => {
    const { t, region } = setup();
    region(BASE, 1);
    region(BASE + P, 1);
    const data = pattern(300, 1);
    for (const [src, dst] of [
      [BASE + 100, BASE + 150],
      [BASE + 150, BASE + 100],
      [BASE + P - 200, BASE + P - 100],
      [BASE + P - 100, BASE + P - 200],
    ] as const) {
      t.write(src, data);
      t.copy(dst, src, data.length);
      expect(t.read(dst, data.length)).toEqual(data);
    }
  });

  it('copies long ranges across regions in pieces, exactly len bytes, and through a copy of their own when the regions share bytes', () => {
    const { t, region } = setup();
    const pages = Math.ceil((3 * LONG) / P);
    region(BASE, pages);
    region(BASE + pages * P, pages);
    const data = pattern(LONG, 3);
    t.write(BASE + pages * P - 10, data);
    t.fill(BASE + 5 + LONG, 0xee, 16);
    t.copy(BASE + 5, BASE + pages * P - 10, LONG);
    expect(first_difference(t.read(BASE + 5, LONG), data)).toBe(-1);
    expect(t.read(BASE + 5 + LONG, 16)).toEqual(new Uint8Array(16).fill(0xee));
    const { ds, at } = region(undefined, pages);
    const alias = t.rm.attach(0, pages * P, RW | L4RE_RM_F_SEARCH_ADDR, ds);
    t.write(at, data);
    t.copy(alias + 1000, at, LONG + 1);
    expect(first_difference(t.read(at + 1000, LONG), data)).toBe(-1);
    t.write(alias + 2 * P, data);
    t.copy(at, alias + 2 * P + 5, LONG);
    const shifted = new Uint8Array(LONG);
    shifted.set(data.subarray(5));
    expect(first_difference(t.read(alias, LONG), shifted)).toBe(-1);
  });

  it('a long copy is a memmove when one side spans two regions and the other maps the same dataspace bytes', () => {
    const { t, region } = setup();
    const data = pattern(LONG, 6);
    const shared = region(BASE + 64 * P, 32).ds;
    // source: a page of its own, then `shared` from offset 0; destination: `shared` from offset 1000 - 100
    region(BASE, 1);
    expect(t.rm.attach(BASE + P, 32 * P, RW, shared)).toBe(BASE + P);
    t.write(BASE + P - 100, data);
    t.copy(BASE + 64 * P + 900, BASE + P - 100, LONG);
    expect(first_difference(t.read(BASE + 64 * P + 900, LONG), data)).toBe(-1);
    // destination: a page of its own, then `shared` from offset 2 pages; source: `shared` from offset 0
    region(BASE + 128 * P, 1);
    expect(t.rm.attach(BASE + 129 * P, 30 * P, RW, shared, 2 * P)).toBe(BASE + 129 * P);
    t.write(BASE + 64 * P, data);
    t.copy(BASE + 129 * P - 100, BASE + 64 * P, LONG);
    expect(first_difference(t.read(BASE + 129 * P - 100, LONG), data)).toBe(-1);
  });

  it('a copy checks its whole source, then its whole destination, and faults changing nothing', () => {
    const { t, region } = setup();
    region(BASE, 1);
    region(BASE + 2 * P, 1);
    t.write(BASE, pattern(P, 9));
    expect(() => t.copy(BASE + 3 * P, BASE + P - 8, 16)).toThrow(new Page_fault_error('read', BASE + P));
    expect(() => t.copy(BASE + 2 * P + P - 8, BASE, 16)).toThrow(new Page_fault_error('write', BASE + 3 * P));
    expect(t.read(BASE + 3 * P - 8, 8)).toEqual(new Uint8Array(8));
    expect(() => t.copy(BASE + P - 8, BASE, 16)).toThrow(new Page_fault_error('write', BASE + P));
    expect(() => t.fill(BASE + P - 8, 1, 16)).toThrow(new Page_fault_error('write', BASE + P));
    expect(t.read(BASE, P)).toEqual(pattern(P, 9));
  });

  it('works inside a huge sparse dataspace and between it and a flat one', () => {
    const { world, t, region } = setup(2 ** 31);
    const huge = FLAT_MAX_SIZE + P;
    const { at: h } = region(undefined, huge / P);
    const { at: f } = region(undefined, 1);
    t.store_u32(h + FLAT_MAX_SIZE, 0xcafe);
    t.store_u64(h + 2 * P - 4, -1);
    expect(t.load_u32(h + FLAT_MAX_SIZE)).toBe(0xcafe);
    expect(t.load_u64(h + 2 * P - 4)).toBe(2 ** 64);
    expect(t.load_u8(h + 5 * P)).toBe(0);
    t.fill(h + 3 * P - 1, 0x5a, LONG);
    expect(t.read(h + 3 * P - 2, 3)).toEqual(Uint8Array.of(0, 0x5a, 0x5a));
    expect(t.load_u8(h + 3 * P - 2 + LONG)).toBe(0x5a);
    expect(t.load_u8(h + 3 * P - 1 + LONG)).toBe(0);
    t.copy(f, h + 2 * P - 4, 8);
    expect(t.load_u64(f)).toBe(2 ** 64);
    t.copy(h + 100 * P, h + 3 * P - 2, LONG);
    expect(t.read(h + 100 * P, 3)).toEqual(Uint8Array.of(0, 0x5a, 0x5a));
    const data = pattern(LONG, 5);
    t.write(h + 200 * P, data);
    t.copy(h + 200 * P + 1000, h + 200 * P, LONG);
    expect(first_difference(t.read(h + 200 * P + 1000, LONG), data)).toBe(-1);
    expect(world.stats().quota_used).toBe(huge + P);
  });

  it('faults at a bad address (at 0 for NaN), throws a RangeError for a bad length or u64, and does nothing for length 0', () => {
    const { t, region } = setup();
    const { at } = region(undefined, 1);
    for (const addr of [-1, 1.5, at + 0.5, 2 ** 53, Infinity]) {
      expect(() => t.load_u8(addr)).toThrow(new Page_fault_error('read', addr));
      expect(() => t.store_u8(addr, 0)).toThrow(new Page_fault_error('write', addr));
      expect(() => t.copy(at, addr, 1)).toThrow(new Page_fault_error('read', addr));
      expect(() => t.copy(addr, at, 1)).toThrow(new Page_fault_error('write', addr));
    }
    expect(() => t.load_u32(Number.NaN)).toThrow(new Page_fault_error('read', 0));
    expect(() => t.fill(Number.NaN, 0, 1)).toThrow(new Page_fault_error('write', 0));
    expect(() => t.load_u8(L4RE_RM_START - 1)).toThrow(new Page_fault_error('read', L4RE_RM_START - 1));
    expect(() => t.copy(at, at, -1)).toThrow(new RangeError('Rm.copy: len -1'));
    expect(() => t.fill(at, 0, 0.5)).toThrow(new RangeError('Rm.fill: len 0.5'));
    expect(() => t.store_u64(at, 2 ** 53)).toThrow(new RangeError('Rm.store_u64: value 9007199254740992'));
    expect(() => t.store_u64(Number.NaN, 1.5)).toThrow(new RangeError('Rm.store_u64: value 1.5'));
    t.copy(Number.NaN, -1, 0);
    t.fill(Number.NaN, 1, 0);
    t.store_u32(at, 2 ** 40 + 2 ** 31 + 0.9);
    t.store_u16(at + 4, -1);
    expect(t.read(at, 6)).toEqual(Uint8Array.of(0, 0, 0, 0x80, 0xff, 0xff));
    t.store_u64(at, -(2 ** 53 - 1));
    expect(t.load_u32(at)).toBe(1);
    expect(t.load_u32(at + 4)).toBe(2 ** 32 - 2 ** 21);
  });
});
