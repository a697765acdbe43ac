import { describe, expect, it } from 'vitest';
import { L4_EADDRNOTAVAIL, L4_EINVAL } from '../l4re/err.ts';
import { L4_PAGESIZE, L4RE_RM_END, L4RE_RM_F_RW, L4RE_RM_F_SEARCH_ADDR, L4RE_RM_START } from '../l4re/mem.ts';
import { Rm } from './rm.ts';
import { create_world } from './world.ts';

const PAGE = L4_PAGESIZE;

class Peek_rm extends Rm {
  poke(start: number, end: number): void {
    this.tree.insert({ start, end, flags: 0, ds: 0, ds_gen: 0, offset: 0 });
  }
}

function task() {
  const w = create_world({ quota: 2 ** 30 });
  const t = w.create_task('t');
  const ds = t.cap_alloc.alloc();
  expect(t.mem_alloc.alloc(3 * PAGE, ds)).toBe(0);
  return { w, t, ds };
}

describe('impl Rm', () => {
  it('takes alignments 0 to 47 only', () => {
    const { t, ds } = task();
    const flags = L4RE_RM_F_SEARCH_ADDR | L4RE_RM_F_RW;
    for (const align of [-1, 12.5, 48]) expect(t.rm.attach(0, PAGE, flags, ds, 0, align)).toBe(-L4_EINVAL);
    expect(t.rm.attach(0, PAGE, flags, ds, 0, 47)).toBe(-L4_EADDRNOTAVAIL);
    expect(t.rm.attach(0, PAGE, flags, ds, 0, 0)).toBe(L4RE_RM_START);
  });

  it('views only the pages of a region, from its offset', () => {
    const { t, ds } = task();
    const at = t.rm.attach(0, PAGE, L4RE_RM_F_SEARCH_ADDR | L4RE_RM_F_RW, ds, PAGE);
    expect(t.write(at, new Uint8Array([5]))).toBe(0);
    const view = t.view(at, PAGE)!;
    expect(view.length).toBe(PAGE);
    expect(view[0]).toBe(5);
  });

  it('names a bad read length', () => {
    const { t } = task();
    expect(() => t.read(L4RE_RM_START, -1)).toThrow('Rm of t: read length -1');
  });

  it('check_invariants names a region past the end or off a page boundary', () => {
    for (const [start, end] of [
      [L4RE_RM_END - PAGE, L4RE_RM_END + PAGE],
      [L4RE_RM_START + 1, L4RE_RM_START + PAGE],
      [L4RE_RM_START, L4RE_RM_START + PAGE + 1],
    ] as const) {
      const w = create_world({ quota: 2 ** 30 }, { Rm: Peek_rm });
      const t = w.create_task('t');
      (t.rm as Peek_rm).poke(start, end);
      expect(() => w.check_invariants()).toThrow(`Rm of t: region [${start}, ${end}) is unaligned or outside the attachable range`);
    }
  });
});
