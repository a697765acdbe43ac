import { describe, expect, it } from 'vitest';
import { L4_EADDRNOTAVAIL, L4_EINVAL } from '../l4re/err.ts';
import { L4RE_RM_END, L4RE_RM_START } from '../l4re/mem.ts';
import { create_malloc } from './malloc.ts';
import { create_world } from './world.ts';

function task(quota = 2 ** 30, cap_alloc_slots?: number) {
  const w = create_world({ quota, ...(cap_alloc_slots === undefined ? {} : { cap_alloc_slots }) });
  const t = w.create_task('app');
  return { w, t, m: create_malloc(t) };
}

describe('model malloc', () => {
  it('gives null for size 0, bad sizes and sizes past the address space; free(0) is 0', () => {
    const { m, w } = task();
    for (const n of [0, -1, 1.5, Number.NaN, L4RE_RM_END + 1, 2 ** 53]) expect(m.malloc(n)).toBe(0);
    expect(m.free(0)).toBe(0);
    expect(w.stats().dataspaces).toBe(0);
  });

  it('places small blocks first fit, 16-aligned, and reuses a freed gap', () => {
    const { m } = task();
    const a = m.malloc(1);
    const b = m.malloc(17);
    const c = m.malloc(16);
    expect([a, b - a, c - b]).toEqual([L4RE_RM_START, 16, 32]);
    expect(m.free(b)).toBe(0);
    expect(m.malloc(20)).toBe(b);
  });

  it('refuses a pointer it never returned, an interior one and a freed one with -L4_EINVAL', () => {
    const { m } = task();
    const a = m.malloc(40);
    m.malloc(8);
    expect(m.free(a + 16)).toBe(-L4_EINVAL);
    expect(m.realloc(a + 16, 8)).toBe(-L4_EINVAL);
    expect(m.free(a)).toBe(0);
    expect(m.free(a)).toBe(-L4_EINVAL);
    expect(m.realloc(a, 0)).toBe(-L4_EINVAL);
  });

  it('reallocs in place when the block fits, moves with its bytes otherwise', () => {
    const { m, t } = task();
    expect(m.realloc(0, 24)).toBe(L4RE_RM_START);
    const a = L4RE_RM_START;
    t.write(a, new Uint8Array([1, 2, 3]));
    expect(m.realloc(a, 32)).toBe(a);
    expect(m.realloc(a, 3)).toBe(a);
    m.malloc(8);
    expect(m.realloc(a, 1.5)).toBe(0);
    const b = m.realloc(a, 100);
    expect(b).not.toBe(a);
    expect(t.read(b, 3)).toEqual(new Uint8Array([1, 2, 3]));
    expect(m.free(a)).toBe(-L4_EINVAL);
    expect(m.realloc(b, 0)).toBe(0);
    expect(m.free(b)).toBe(-L4_EINVAL);
  });

  it('puts a large block in a dataspace of its own and gives every dataspace back when empty', () => {
    const { m, w, t } = task();
    const small = m.malloc(100);
    const big = m.malloc(3 << 20);
    expect(w.stats().dataspaces).toBe(2);
    const grown = m.realloc(big, 4 << 20);
    expect(grown).not.toBe(0);
    const moved = m.realloc(grown, 1 << 20);
    expect(moved).toBe(grown);
    const shrunk = m.realloc(moved, 50);
    expect(shrunk).not.toBe(moved);
    expect(w.stats().dataspaces).toBe(1);
    expect(m.free(small)).toBe(0);
    expect(m.free(shrunk)).toBe(0);
    expect(w.stats()).toMatchObject({ dataspaces: 0, quota_used: 0, tasks: [{ slots: 0, regions: 0 }] });
    expect(t.mem_alloc.quota().used).toBe(0);
  });

  it('gives null past the quota or without a free slot, and holds nothing more', () => {
    const q = task(1 << 20);
    expect(q.m.malloc(2 << 20)).toBe(0);
    const p = q.m.malloc(100);
    expect(q.m.realloc(p, 2 << 20)).toBe(0);
    expect(q.w.stats()).toMatchObject({ dataspaces: 1, tasks: [{ slots: 1 }] });
    const s = task(2 ** 30, 1);
    expect(s.m.malloc(100_000)).not.toBe(0);
    expect(s.m.malloc(100_000)).toBe(0);
    expect(s.w.stats()).toMatchObject({ dataspaces: 1, tasks: [{ slots: 1 }] });
  });

  it('gives null when the region manager finds no room', () => {
    const { t } = task();
    t.rm.attach = () => -L4_EADDRNOTAVAIL;
    expect(create_malloc(t).malloc(8)).toBe(0);
    expect(t.cap_alloc.in_use()).toBe(0);
  });

  it('throws naming the function when its memory or its regions vanish under it', () => {
    const { t, m } = task();
    const a = m.malloc(8);
    const b = m.malloc(8);
    m.malloc(8);
    t.rm.detach(a);
    expect(() => m.realloc(b, 1000)).toThrow(/Model_malloc.copy: page fault \(read at 0x10010\)/);
    const alone = task();
    alone.t.rm.detach(alone.m.malloc(8));
    expect(() => alone.m.free(L4RE_RM_START)).toThrow('Model_malloc.release: detach gave -2, cap_alloc.free gave 0');
  });
});
