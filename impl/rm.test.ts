import { describe, expect, it } from 'vitest';
import { cap_of_slot } from '../l4re/cap.ts';
import { L4_EADDRNOTAVAIL, L4_EINVAL } from '../l4re/err.ts';
import { L4_PAGESIZE, L4RE_RM_END, L4RE_RM_F_RW, L4RE_RM_F_SEARCH_ADDR, L4RE_RM_START } from '../l4re/mem.ts';
import { Rm } from './rm.ts';
import { create_world } from './world.ts';

const P = L4_PAGESIZE;

class Peek_rm extends Rm {
  poke(start: number, end: number): void {
    this.tree.insert({ start, end, flags: 0, ds: 0, ds_gen: 0, offset: 0 });
  }
}

function task(pages = 4) {
  const w = create_world({ quota: 2 ** 30 }, { Rm: Peek_rm });
  const t = w.create_task('t');
  const ds = t.cap_alloc.alloc();
  expect(t.mem_alloc.alloc(pages * P, ds)).toBe(0);
  return { w, t, ds, rm: t.rm as Peek_rm };
}

describe('Rm.attach arguments, views and check_invariants', () => {
  it('takes align as an integer in [0, 47] and nothing else', () => {
    const { w, t, ds } = task();
    for (const align of [-1, 48, 12.5, NaN, Infinity]) {
      expect(t.rm.attach(0, P, L4RE_RM_F_SEARCH_ADDR | L4RE_RM_F_RW, ds, 0, align), `align ${align}`).toBe(-L4_EINVAL);
    }
    expect(w.stats().tasks[0]!.regions).toBe(0);
    expect(t.rm.attach(0, P, L4RE_RM_F_SEARCH_ADDR | L4RE_RM_F_RW, ds, 0, 47)).toBe(-L4_EADDRNOTAVAIL);
    expect(t.rm.attach(0, P, L4RE_RM_F_SEARCH_ADDR | L4RE_RM_F_RW, ds, 0, 0)).toBe(L4RE_RM_START);
    expect(t.rm.attach(0, P, L4RE_RM_F_SEARCH_ADDR | L4RE_RM_F_RW, ds, 0, 17)).toBe(2 ** 17);
    expect(t.rm.attach(2 ** 46, P, L4RE_RM_F_RW, ds, 0, 47)).toBe(2 ** 46);
    expect(w.stats().tasks[0]!.regions).toBe(3);
    w.check_invariants();
  });

  it('attaches a dataspace held in slot 0', () => {
    const { w, t } = task();
    const zero = cap_of_slot(0);
    expect(t.mem_alloc.alloc(P, zero)).toBe(0);
    expect(t.rm.attach(0, P, L4RE_RM_F_SEARCH_ADDR | L4RE_RM_F_RW, zero)).toBe(L4RE_RM_START);
    expect(t.write(L4RE_RM_START, new Uint8Array([9]))).toBe(0);
    expect(w.stats().dataspaces).toBe(2);
    w.check_invariants();
  });

  it('views within the region, not the rest of its dataspace', () => {
    const { t, ds } = task(4);
    const at = t.rm.attach(0, P, L4RE_RM_F_SEARCH_ADDR | L4RE_RM_F_RW, ds, P);
    const v = t.view(at, P)!;
    expect(v.length).toBe(P);
    expect(t.view(at, P + 1)).toBeUndefined();
    const at2 = t.rm.attach(0, 2 * P, L4RE_RM_F_SEARCH_ADDR | L4RE_RM_F_RW, ds);
    expect(t.view(at2, 2 * P)!.length).toBe(2 * P);
    v[0] = 5;
    expect(t.read(at2 + P, 1)).toEqual(new Uint8Array([5]));
  });

  it('throws a RangeError naming the task and the bad read length', () => {
    const { t } = task();
    expect(() => t.read(L4RE_RM_START, -1)).toThrow(new RangeError('Rm of t: read length -1'));
    expect(() => t.read(L4RE_RM_START, 0.5)).toThrow(new RangeError('Rm of t: read length 0.5'));
    expect(t.read(L4RE_RM_START, 0)).toEqual(new Uint8Array(0));
  });

  it('accepts a region ending at L4RE_RM_END; check_invariants names one past it or unaligned at either end', () => {
    const { w, t, ds } = task();
    expect(t.rm.attach(L4RE_RM_END - P, P, L4RE_RM_F_RW, ds)).toBe(L4RE_RM_END - P);
    w.check_invariants();
    for (const [start, end] of [
      [L4RE_RM_END, L4RE_RM_END + P],
      [L4RE_RM_START + P / 2, L4RE_RM_START + P],
      [L4RE_RM_START, L4RE_RM_START + P / 2],
    ] as const) {
      const s = task();
      s.rm.poke(start, end);
      expect(() => s.rm.check_invariants()).toThrow(`Rm of t: region [${start}, ${end}) is unaligned or outside the attachable range`);
    }
  });
});
