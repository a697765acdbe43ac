import { describe, expect, it } from 'vitest';
import { Dataspace } from './dataspace.ts';
import { DATASPACE, GATE, Object_table, RETIRED } from './object_table.ts';

function alloc_ds(t: Object_table): number {
  const i = t.alloc(DATASPACE);
  t.ds[i] = new Dataspace(1);
  return i;
}

describe('Object_table', () => {
  it('never lets a stale reference see a later object at the same index', () => {
    const t = new Object_table();
    const a = t.alloc(GATE);
    const gen = t.gen[a]!;
    t.free(a);
    const b = alloc_ds(t);
    expect(b).toBe(a);
    expect(t.is_live(a, gen)).toBe(false);
    expect(t.is_live(b, t.gen[b]!)).toBe(true);
    t.check_invariants();
  });

  it('retires an index whose generation would wrap, and grows past it', () => {
    const t = new Object_table(2);
    const refs: [number, number][] = [];
    for (let i = 0; i < 3; i++) {
      const x = t.alloc(GATE);
      expect(x).toBe(0);
      refs.push([x, t.gen[x]!]);
      t.free(x);
    }
    expect(t.kind[0]).toBe(RETIRED);
    for (const [x, g] of refs) expect(t.is_live(x, g)).toBe(false);
    const next = t.alloc(GATE);
    expect(next).toBe(1);
    for (let i = 0; i < 100; i++) alloc_ds(t);
    expect(t.live).toEqual({ gates: 1, dataspaces: 100 });
    expect(t.capacity()).toBe(102);
    t.check_invariants();
  });

  it('check_invariants names a free list that loops or reaches a live object, and wrong live counts of either kind', () => {
    class Peek extends Object_table {
      link(i: number, to: number): void {
        this.next[i] = to;
      }
    }
    const t = new Peek();
    t.free(t.alloc(GATE));
    t.link(0, 0);
    expect(() => t.check_invariants()).toThrow(/free list reaches index 0/);
    const live = new Peek();
    live.free(live.alloc(GATE));
    live.alloc(GATE);
    live.alloc(GATE);
    live.free(1);
    live.link(1, 0);
    expect(() => live.check_invariants()).toThrow(`Object_table: free list reaches index 0 of kind ${GATE}`);
    const u = new Object_table();
    u.alloc(GATE);
    u.live.gates = 5;
    expect(() => u.check_invariants()).toThrow('Object_table: 1 gates and 0 dataspaces, counters say 5 and 0');
    const d = new Object_table();
    alloc_ds(d);
    d.live.dataspaces = 2;
    expect(() => d.check_invariants()).toThrow('Object_table: 0 gates and 1 dataspaces, counters say 0 and 2');
    const v = new Object_table();
    v.alloc(GATE);
    v.kind[1] = 0;
    (v as unknown as { used: number }).used = 2;
    expect(() => v.check_invariants()).toThrow(/free indices, free list holds/);
    const w = new Object_table();
    w.alloc(DATASPACE);
    expect(() => w.check_invariants()).toThrow(/its dataspace disagree/);
  });
});
