import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Region_tree, type Region } from './region_tree.ts';

const PAGE = 4096;

/** Lowest-fit over a sorted array, the obvious way. */
function oracle_search(sorted: Region[], lo: number, size: number, align: number, limit: number): number {
  let s = Math.ceil(lo / align) * align;
  for (;;) {
    if (s + size > limit) return -1;
    const hit = sorted.find((r) => r.start < s + size && r.end > s);
    if (hit === undefined) return s;
    s = Math.ceil(hit.end / align) * align;
  }
}

describe('Region_tree', () => {
  it('agrees with a sorted array under random insert/remove/search and stays balanced (seed 11)', () => {
    const step = fc.record({
      op: fc.constantFrom('insert', 'remove', 'search', 'floor'),
      page: fc.integer({ min: 0, max: 400 }),
      pages: fc.integer({ min: 1, max: 24 }),
      align: fc.constantFrom(1, 2, 4, 16),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 300 }), (steps) => {
        const tree = new Region_tree<Region>();
        let sorted: Region[] = [];
        const limit = 512 * PAGE;
        for (const s of steps) {
          const start = s.page * PAGE;
          const end = start + s.pages * PAGE;
          if (s.op === 'insert') {
            expect(tree.overlaps(start, end)).toBe(sorted.some((r) => r.start < end && r.end > start));
            if (!tree.overlaps(start, end)) {
              tree.insert({ start, end });
              sorted = [...sorted, { start, end }].sort((a, b) => a.start - b.start);
            }
          } else if (s.op === 'remove') {
            const r = tree.containing(start);
            expect(r).toEqual(sorted.find((x) => x.start <= start && start < x.end) ?? null);
            if (r !== null) {
              tree.remove(r.start);
              sorted = sorted.filter((x) => x.start !== r.start);
            }
          } else if (s.op === 'search') {
            const size = s.pages * PAGE;
            expect(tree.search(start, size, s.align * PAGE, limit)).toBe(oracle_search(sorted, start, size, s.align * PAGE, limit));
          } else {
            const below = sorted.filter((x) => x.start <= start + 1);
            expect(tree.floor(start + 1)).toEqual(below.at(-1) ?? null);
          }
          expect(tree.size()).toBe(sorted.length);
        }
        tree.check_invariants();
        expect([...tree]).toEqual(sorted);
      }),
      { seed: 11, numRuns: 80 },
    );
  });

  it('stays logarithmic for ascending inserts', () => {
    const tree = new Region_tree<Region>();
    for (let i = 0; i < 4096; i++) tree.insert({ start: i * 2 * PAGE, end: (i * 2 + 1) * PAGE });
    tree.check_invariants();
    expect(tree.search(0, PAGE, PAGE, Infinity)).toBe(PAGE);
    expect(tree.search(0, 2 * PAGE, PAGE, Infinity)).toBe(4096 * 2 * PAGE - PAGE);
    for (let i = 0; i < 4096; i += 2) tree.remove(i * 2 * PAGE);
    tree.check_invariants();
    expect(tree.search(0, 2 * PAGE, PAGE, Infinity)).toBe(0);
  });

  it('removes interior nodes whose successor lies deep in the right subtree', () => {
    const tree = new Region_tree<Region>();
    const starts = Array.from({ length: 200 }, (_, i) => i * PAGE);
    for (const s of starts) tree.insert({ start: s, end: s + PAGE });
    for (let i = 0; i < starts.length; i += 3) {
      tree.remove(starts[i]!);
      tree.check_invariants();
    }
    expect(tree.size()).toBe(starts.length - Math.ceil(starts.length / 3));
    expect(tree.search(0, PAGE, PAGE, Infinity)).toBe(0);
  });

  it('rebalances a removal whose taller side has children of equal height with one rotation, staying balanced', () => {
    // left of 2: 1 over 0; right of 2: 5 over 4 (over 3) and 6 (over 7). Removing 0 leaves 2's right two higher, its children equal.
    const tree = new Region_tree<Region>();
    for (const k of [2, 5, 1, 6, 4, 0, 3, 7]) tree.insert({ start: k * PAGE, end: (k + 1) * PAGE });
    tree.check_invariants();
    tree.remove(0);
    tree.check_invariants();
    expect(tree.floor(PAGE - 1)).toBeNull();
    expect(tree.floor(8 * PAGE)).toEqual({ start: 7 * PAGE, end: 8 * PAGE });
  });

  it('check_invariants names a stale augmentation and overlapping regions', () => {
    class Peek extends Region_tree<Region> {
      corrupt(): void {
        this.root!.gap += 1;
      }
      skew(): void {
        this.count++;
      }
    }
    const t = new Peek();
    t.insert({ start: 0, end: PAGE });
    t.insert({ start: 4 * PAGE, end: 5 * PAGE });
    t.corrupt();
    expect(() => t.check_invariants()).toThrow(/height\/lo\/hi\/gap/);
    const o = new Peek();
    o.insert({ start: 0, end: 4 * PAGE });
    o.insert({ start: PAGE, end: 2 * PAGE });
    expect(() => o.check_invariants()).toThrow(/overlaps/);
    const c = new Peek();
    c.skew();
    expect(() => c.check_invariants()).toThrow(/count says/);
  });
  it('check_invariants recomputes each field from the regions and names an empty or misplaced region', () => {
    class Peek extends Region_tree<Region> {
      get top(): { height: number; lo: number; hi: number; gap: number; region: Region; left: { region: Region } | null } {
        return this.root!;
      }
    }
    const make = () => {
      const t = new Peek();
      for (const i of [3, 1, 5]) t.insert({ start: i * PAGE, end: (i + 1) * PAGE });
      t.check_invariants();
      return t;
    };
    const node = `Region_tree: node [${3 * PAGE}, ${4 * PAGE})`;
    const right = `2/${PAGE}/${6 * PAGE}/${PAGE}`;
    const fields: [keyof ReturnType<typeof make>['top'] & ('height' | 'lo' | 'hi' | 'gap'), number, string][] = [
      ['height', 3, `3/${PAGE}/${6 * PAGE}/${PAGE}`],
      ['lo', 0, `2/0/${6 * PAGE}/${PAGE}`],
      ['hi', 7 * PAGE, `2/${PAGE}/${7 * PAGE}/${PAGE}`],
      ['gap', 2 * PAGE, `2/${PAGE}/${6 * PAGE}/${2 * PAGE}`],
    ];
    for (const [field, value, held] of fields) {
      const t = make();
      t.top[field] = value;
      expect(() => t.check_invariants()).toThrow(`${node} holds height/lo/hi/gap ${held}, its regions give ${right}`);
    }
    const e = make();
    (e.top.region as { end: number }).end = 3 * PAGE;
    expect(() => e.check_invariants()).toThrow(`Region_tree: region [${3 * PAGE}, ${3 * PAGE}) is out of order or overlaps within [-Infinity, Infinity)`);
    const m = make();
    (m.top.left!.region as { end: number }).end = 3.5 * PAGE;
    expect(() => m.check_invariants()).toThrow(`Region_tree: region [${PAGE}, ${3.5 * PAGE}) is out of order or overlaps within [-Infinity, ${3 * PAGE})`);
  });
});
