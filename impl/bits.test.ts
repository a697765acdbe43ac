import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ctz32, popcount32 } from './bits.ts';

/** The obvious oracles: one bit at a time. */
function slow_ctz(w: number): number {
  for (let i = 0; i < 32; i++) if ((w >>> i) & 1) return i;
  return -1;
}

function slow_popcount(w: number): number {
  let n = 0;
  for (let i = 0; i < 32; i++) n += (w >>> i) & 1;
  return n;
}

describe('bits', () => {
  it('ctz32 and popcount32 agree with a bit-by-bit scan on every word (seed 7)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 32 - 1 }), (w) => {
        expect(ctz32(w)).toBe(slow_ctz(w >>> 0));
        expect(popcount32(w)).toBe(slow_popcount(w >>> 0));
      }),
      { seed: 7, numRuns: 2000 },
    );
  });

  it('gets the edges: 0, 1, the top bit, all ones', () => {
    expect([ctz32(0), ctz32(1), ctz32(0x8000_0000), ctz32(0xffff_ffff), ctz32(-1)]).toEqual([-1, 0, 31, 0, 0]);
    expect([popcount32(0), popcount32(1), popcount32(0x8000_0000), popcount32(0xffff_ffff), popcount32(-1)]).toEqual([0, 1, 1, 32, 32]);
  });
});
