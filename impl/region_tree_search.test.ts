import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Region_tree, type Region } from './region_tree.ts';

const P = 4096;

interface Mut_region {
  start: number;
  end: number;
}

/** A node as the tree keeps it: read through a subclass, checked against the regions it holds. */
interface Node_view {
  region: Region;
  left: Node_view | null;
  right: Node_view | null;
  height: number;
  lo: number;
  hi: number;
  gap: number;
}

class Open_tree<R extends Region = Region> extends Region_tree<R> {
  top(): Node_view | null {
    return this.root as Node_view | null;
  }
  plant(root: Node_view | null, count: number): void {
    this.root = root as typeof this.root;
    this.count = count;
  }
}

/** Heights, lo, hi and the widest hole, computed from the subtree's regions in order; balance in [-1, 1]. */
function audit(n: Node_view | null): { height: number; regions: Region[] } {
  if (n === null) return { height: 0, regions: [] };
  const l = audit(n.left);
  const r = audit(n.right);
  const regions = [...l.regions, n.region, ...r.regions];
  let gap = 0;
  for (let i = 1; i < regions.length; i++) gap = Math.max(gap, regions[i]!.start - regions[i - 1]!.end);
  const height = 1 + Math.max(l.height, r.height);
  const got = `${n.height}/${n.lo}/${n.hi}/${n.gap}`;
  const want = `${height}/${regions[0]!.start}/${regions.at(-1)!.end}/${gap}`;
  if (got !== want) throw new Error(`node ${n.region.start}: height/lo/hi/gap ${got}, regions give ${want}`);
  if (Math.abs(l.height - r.height) > 1) throw new Error(`node ${n.region.start}: heights ${l.height} and ${r.height}`);
  return { height, regions };
}

function tree_of(pages: [number, number][]): Open_tree {
  const t = new Open_tree();
  for (const [a, b] of pages) t.insert({ start: a * P, end: b * P });
  return t;
}

describe('Region_tree balance and lowest-fit search', () => {
  it('rotates only when a balance factor reaches 2, single or double', () => {
    const root = (t: Open_tree) => t.top()!.region.start / P;
    expect(root(tree_of([[2, 3], [1, 2]]))).toBe(2);
    expect(root(tree_of([[1, 2], [2, 3]]))).toBe(1);
    expect(root(tree_of([[1, 2], [2, 3], [3, 4]]))).toBe(2);
    expect(root(tree_of([[3, 4], [2, 3], [1, 2]]))).toBe(2);
    expect(root(tree_of([[3, 4], [1, 2], [2, 3]]))).toBe(2);
    expect(root(tree_of([[1, 2], [3, 4], [2, 3]]))).toBe(2);
    const t = tree_of([[0, 1], [4, 5], [9, 12]]);
    expect(t.top()).toMatchObject({ height: 2, lo: 0, hi: 12 * P, gap: 4 * P });
    expect(t.top()!.left).toMatchObject({ height: 1, lo: 0, hi: P, gap: 0 });
  });

  it('keeps height, lo, hi and gap exact and every node balanced under inserts and removes (seed 5)', () => {
    const step = fc.record({ insert: fc.boolean(), page: fc.integer({ min: 0, max: 60 }), pages: fc.integer({ min: 1, max: 3 }) });
    fc.assert(
      fc.property(fc.array(step, { minLength: 20, maxLength: 120 }), (steps) => {
        const t = new Open_tree();
        for (const s of steps) {
          const start = s.page * P;
          if (s.insert) {
            if (!t.overlaps(start, start + s.pages * P)) t.insert({ start, end: start + s.pages * P });
          } else {
            const r = t.containing(start);
            if (r !== null) t.remove(r.start);
          }
          expect(audit(t.top()).regions.length).toBe(t.size());
        }
      }),
      { seed: 5, numRuns: 150 },
    );
  });

  it('removes leaves, nodes with one child and the root down to empty', () => {
    const t = tree_of([[2, 3], [1, 2], [3, 4], [4, 5]]);
    t.remove(1 * P);
    audit(t.top());
    t.remove(3 * P);
    audit(t.top());
    expect([...t].map((r) => r.start / P)).toEqual([2, 4]);
    t.remove(2 * P);
    t.remove(4 * P);
    expect(t.top()).toBeNull();
    expect(t.size()).toBe(0);
    expect(t.search(0, P, P, P)).toBe(0);
  });

  it('finds holes of exactly the size asked: before, inside and after a subtree, and from lo', () => {
    // right subtree [2,3) in window (1, 3): the hole before it is exactly one page
    expect(tree_of([[0, 1], [2, 3]]).search(0, P, P, 3 * P)).toBe(P);
    // right subtree {[2,3), [4,5)} in window (2, 5): only its inner hole fits
    expect(tree_of([[1, 2], [0, 1], [2, 3], [4, 5]]).search(0, P, P, 5 * P)).toBe(3 * P);
    expect(tree_of([[1, 2], [0, 1], [2, 3], [4, 5]]).search(0, 2 * P, P, 5 * P)).toBe(-1);
    // right subtree [2,3) in window (2, 4): only the hole after it fits
    expect(tree_of([[1, 2], [0, 1], [2, 3]]).search(0, P, P, 4 * P)).toBe(3 * P);
    expect(tree_of([[1, 2], [0, 1], [2, 3]]).search(0, P, P, 3 * P)).toBe(-1);
    // the whole window from lo is exactly one page
    expect(tree_of([[0, 1]]).search(P, P, P, 2 * P)).toBe(P);
    expect(tree_of([[0, 1]]).search(P, 2 * P, P, 2 * P)).toBe(-1);
    expect(tree_of([[0, 1], [3, 4]]).search(2 * P, P, 2 * P, 4 * P)).toBe(2 * P);
  });

  it('search reads O(log n) regions: it skips full subtrees and those below lo', () => {
    let reads = 0;
    const counted = (start: number, end: number): Region => ({
      get start() {
        reads++;
        return start;
      },
      get end() {
        reads++;
        return end;
      },
    });
    const N = 1024;
    const packed = new Open_tree();
    for (let i = 0; i < N; i++) packed.insert(counted(i * P, (i + 1) * P));
    reads = 0;
    expect(packed.search(0, P, P, N * P)).toBe(-1);
    expect(packed.search(0, P, P, (N + 1) * P)).toBe(N * P);
    expect(reads).toBeLessThan(200);
    const holes = new Open_tree();
    for (let i = 0; i < N; i++) holes.insert(counted(2 * i * P, (2 * i + 1) * P));
    reads = 0;
    expect(holes.search((2 * N - 1) * P, P, P, 2 * N * P)).toBe((2 * N - 1) * P);
    expect(holes.search((2 * N - 3) * P, P, P, 2 * N * P)).toBe((2 * N - 3) * P);
    expect(reads).toBeLessThan(200);
  });

  it('check_invariants names an empty region, one left of its bound, and each stale field', () => {
    const empty = new Open_tree<Mut_region>();
    empty.insert({ start: P, end: P });
    expect(() => empty.check_invariants()).toThrow(/region \[4096, 4096\) is out of order/);
    const moved: Mut_region = { start: 2 * P, end: 3 * P };
    const left = new Open_tree<Mut_region>();
    left.insert({ start: 0, end: P });
    left.insert(moved);
    moved.start = -P;
    expect(() => left.check_invariants()).toThrow(/region \[-4096, 12288\) is out of order or overlaps within \[4096, Infinity\)/);
    for (const field of ['height', 'lo', 'hi', 'gap'] as const) {
      const t = tree_of([[0, 1], [4, 5]]);
      t.check_invariants();
      t.top()![field] += 1;
      expect(() => t.check_invariants(), field).toThrow(/holds height\/lo\/hi\/gap/);
    }
  });

  it('check_invariants names a node out of balance', () => {
    const leaf = (s: number): Node_view => ({ region: { start: s * P, end: (s + 1) * P }, left: null, right: null, height: 1, lo: s * P, hi: (s + 1) * P, gap: 0 });
    const mid: Node_view = { region: { start: P, end: 2 * P }, left: null, right: leaf(2), height: 2, lo: P, hi: 3 * P, gap: 0 };
    const top: Node_view = { region: { start: 0, end: P }, left: null, right: mid, height: 3, lo: 0, hi: 3 * P, gap: 0 };
    const t = new Open_tree();
    t.plant(top, 3);
    expect(() => t.check_invariants()).toThrow('Region_tree: node [0, 4096) is out of balance');
    t.plant(mid, 2);
    t.check_invariants();
  });
});
