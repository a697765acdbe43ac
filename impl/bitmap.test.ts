import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Slot_bitmap } from './bitmap.ts';

/** The obvious oracle: a boolean per slot, lowest free by linear scan. */
function lowest(free: boolean[]): number {
  return free.indexOf(true);
}

describe('Slot_bitmap', () => {
  it('gives the lowest free slot under random take/give, as a linear scan does (seed 7)', () => {
    const size_arb = fc.constantFrom(1, 31, 32, 33, 1000, 1024, 1025, 65536);
    const ops = fc.array(fc.oneof(fc.constant({ op: 'take' as const, at: 0 }), fc.record({ op: fc.constant('give' as const), at: fc.nat() })), {
      maxLength: 200,
    });
    fc.assert(
      fc.property(size_arb, ops, (size, steps) => {
        const b = new Slot_bitmap(size);
        const free = new Array<boolean>(size).fill(true);
        for (const s of steps) {
          if (s.op === 'take') {
            const i = b.lowest_free();
            expect(i).toBe(lowest(free));
            if (i >= 0) {
              b.take(i);
              free[i] = false;
            }
          } else {
            const taken = free.flatMap((f, i) => (f ? [] : [i]));
            if (taken.length === 0) continue;
            const i = taken[s.at % taken.length]!;
            b.give(i);
            free[i] = true;
          }
          expect(b.free_count()).toBe(free.filter(Boolean).length);
        }
        b.check_invariants();
        expect(b.lowest_free()).toBe(lowest(free));
      }),
      { seed: 7, numRuns: 60 },
    );
  });

  it('reports full and empty ranges', () => {
    const b = new Slot_bitmap(0);
    expect(b.lowest_free()).toBe(-1);
    const one = new Slot_bitmap(2);
    one.take(0);
    one.take(1);
    expect(one.lowest_free()).toBe(-1);
    one.check_invariants();
  });

  it('reports -1 once every slot of a multi-level bitmap is taken, and the lowest again after a give', () => {
    for (const size of [33, 1024, 4096, 4097]) {
      const b = new Slot_bitmap(size);
      for (let i = 0; i < size; i++) {
        expect(b.lowest_free()).toBe(i);
        b.take(i);
      }
      expect(b.lowest_free()).toBe(-1);
      b.check_invariants();
      b.give(size - 1);
      expect(b.lowest_free()).toBe(size - 1);
      b.give(0);
      expect(b.lowest_free()).toBe(0);
      b.check_invariants();
    }
  });

  it('check_invariants names a corrupted summary, a stray bit and a wrong count', () => {
    class Peek extends Slot_bitmap {
      poke(level: number, word: number, value: number): void {
        this.levels[level]![word] = value;
      }
      skew(): void {
        this.free_slots++;
      }
    }
    const a = new Peek(100);
    a.poke(1, 0, 0);
    expect(() => a.check_invariants()).toThrow(/summary level 1/);
    const b = new Peek(40);
    b.poke(0, 1, 0xffff_ffff);
    expect(() => b.check_invariants()).toThrow('Slot_bitmap: slot 40 past size 40 is marked free');
    const d = new Peek(100);
    d.poke(0, 3, 0x0010_000f);
    expect(() => d.check_invariants()).toThrow('Slot_bitmap: slot 116 past size 100 is marked free');
    const c = new Peek(40);
    c.skew();
    expect(() => c.check_invariants()).toThrow(/count says/);
  });
});
