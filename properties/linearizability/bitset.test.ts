/** Bitset.key: equal sets, equal keys; different sets, different keys, even with another key after each. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Bitset } from './bitset.ts';

function key(n: number, members: Iterable<number>): string {
  const b = new Bitset(n);
  for (const i of members) b.set(i);
  return b.key();
}

describe('Bitset.key', () => {
  it('tells sets apart exactly, a run from 0 and a tail alike, and delimits itself (seed 41)', () => {
    const set = (n: number) => fc.uniqueArray(fc.nat({ max: n - 1 }), { maxLength: n }).map((a) => new Set(a));
    const run = (n: number) => fc.nat({ max: n }).map((k) => new Set(Array.from({ length: k }, (_, i) => i)));
    const pair = fc.integer({ min: 1, max: 80 }).chain((n) => fc.tuple(fc.constant(n), fc.oneof(set(n), run(n)), fc.oneof(set(n), run(n)), fc.string(), fc.string()));
    fc.assert(
      fc.property(pair, ([n, a, b, after_a, after_b]) => {
        const same = a.size === b.size && [...a].every((i) => b.has(i));
        expect(key(n, a) === key(n, b)).toBe(same);
        if (!same) expect(key(n, a) + after_a).not.toBe(key(n, b) + after_b);
      }),
      { seed: 41, numRuns: 2000 },
    );
  });

  it('stays short for a run from 0, however many operations', () => {
    expect(key(1 << 16, Array.from({ length: 40_000 }, (_, i) => i)).length).toBeLessThan(12);
  });
});
