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

describe('Impl_task.region_view: the fast path to attached memory', () => {
  it('aliases the dataspace from the region offset: writes either way are the same bytes', () => {
    const { t, at } = attached(3 * L4_PAGESIZE, L4RE_RM_F_RW, L4_PAGESIZE);
    const v = t.region_view(at)!;
    expect(v.length).toBe(2 * L4_PAGESIZE);
    v[5] = 42;
    expect(t.read(at + 5, 1)).toEqual(new Uint8Array([42]));
    expect(t.write(at + L4_PAGESIZE, new Uint8Array([7]))).toBe(0);
    expect(v[L4_PAGESIZE]).toBe(7);
  });

  it('gives undefined off a region start, for a read-only region, a dead dataspace and a sparse one', () => {
    const rw = attached(L4_PAGESIZE);
    expect(rw.t.region_view(rw.at + 16)).toBeUndefined();
    expect(rw.t.region_view(rw.at + L4_PAGESIZE)).toBeUndefined();
    rw.t.delete_obj(rw.ds);
    expect(rw.t.region_view(rw.at)).toBeUndefined();
    const ro = attached(L4_PAGESIZE, L4RE_RM_F_R);
    expect(ro.t.region_view(ro.at)).toBeUndefined();
    const huge = attached(FLAT_MAX_SIZE + L4_PAGESIZE);
    expect(huge.t.region_view(huge.at)).toBeUndefined();
    expect(huge.t.write(huge.at + FLAT_MAX_SIZE, new Uint8Array([1]))).toBe(0);
    expect(huge.t.read(huge.at + FLAT_MAX_SIZE, 1)).toEqual(new Uint8Array([1]));
  });
});
