import { describe, expect, it } from 'vitest';
import { L4_PAGESIZE, L4RE_RM_F_R, L4RE_RM_F_RW, L4RE_RM_F_SEARCH_ADDR } from '../l4re/mem.ts';
import { FLAT_MAX_SIZE } from './dataspace.ts';
import { create_world } from './world.ts';

function attached(size: number, flags = L4RE_RM_F_RW, offset = 0) {
  const w = create_world({ quota: 2 ** 32 });
  const t = w.create_task('t');
  const ds = t.cap_alloc.alloc();
  t.mem_alloc.alloc(size, ds);
  const at = t.rm.attach(0, size - offset, flags | L4RE_RM_F_SEARCH_ADDR, ds, offset);
  return { w, t, ds, at };
}

describe('Impl_task.view: the fast path to attached memory', () => {
  it('finds bytes in place without a view: the same memory view would alias', () => {
    const { t, at } = attached(2 * L4_PAGESIZE);
    expect(t.rm.find(at + 100, 50)).toBe(true);
    const { found, found_at } = t.rm;
    found[found_at] = 9;
    expect(t.load_u8(at + 100)).toBe(9);
    expect(t.rm.find(at + 100, 2 * L4_PAGESIZE)).toBe(false);
    expect(t.rm.find(Number.NaN, 1)).toBe(false);
    t.rm.detach(at);
    expect(t.rm.find(at + 100, 50)).toBe(false);
  });

  it('aliases the dataspace from the region offset: writes either way are the same bytes', () => {
    const { t, at } = attached(3 * L4_PAGESIZE, L4RE_RM_F_RW, L4_PAGESIZE);
    const v = t.view(at, 2 * L4_PAGESIZE)!;
    expect(v.length).toBe(2 * L4_PAGESIZE);
    expect(t.view(at + 16, 4)!.byteOffset).toBe(v.byteOffset + 16);
    v[5] = 42;
    expect(t.read(at + 5, 1)).toEqual(new Uint8Array([42]));
    expect(t.write(at + L4_PAGESIZE, new Uint8Array([7]))).toBe(0);
    expect(v[L4_PAGESIZE]).toBe(7);
  });

  it('gives undefined past the region, for a read-only region, a dead dataspace and a sparse one; an empty view inside one', () => {
    const rw = attached(L4_PAGESIZE);
    expect(rw.t.view(rw.at + 16, L4_PAGESIZE - 16)).toBeDefined();
    expect(rw.t.view(rw.at + 16, L4_PAGESIZE - 15)).toBeUndefined();
    expect(rw.t.view(rw.at + L4_PAGESIZE, 1)).toBeUndefined();
    expect(rw.t.view(rw.at, -1)).toBeUndefined();
    expect(rw.t.view(rw.at + 16, 0)).toEqual(new Uint8Array(0));
    expect(rw.t.rm.find(rw.at + L4_PAGESIZE - 1, 0)).toBe(true);
    rw.t.delete_obj(rw.ds);
    expect(rw.t.view(rw.at, 1)).toBeUndefined();
    const ro = attached(L4_PAGESIZE, L4RE_RM_F_R);
    expect(ro.t.view(ro.at, 1)).toBeUndefined();
    const huge = attached(FLAT_MAX_SIZE + L4_PAGESIZE);
    expect(huge.t.view(huge.at, 1)).toBeUndefined();
    expect(huge.t.write(huge.at + FLAT_MAX_SIZE, new Uint8Array([1]))).toBe(0);
    expect(huge.t.read(huge.at + FLAT_MAX_SIZE, 1)).toEqual(new Uint8Array([1]));
  });
});
