import { describe, expect, it } from 'vitest';
import { ramp, score } from './score.ts';

describe('score', () => {
  it('ramps from 0 to 1 between its ends', () => {
    expect([0.5, 0.645, 0.9].map((x) => ramp(x, { lo: 0.55, hi: 0.74 }))).toEqual([0, expect.closeTo(0.5), 1]);
  });

  it('ramps the mean utilization (weight 1 and 2) and the summed throughput against the reference (weight 1 and 3), 0.6 and 0.4', () => {
    const t = { weight: 1, util: 0.74, ops: 1000, cost: 2, reference_cost: 0.9 };
    expect(score([t])).toEqual({ score: expect.closeTo(60), util: 0.74, ops_per_cost: 500, throughput: 0.45 });
    expect(score([{ ...t, cost: 1 }]).score).toBeCloseTo(100);
    expect(score([{ ...t, util: 0.55, cost: 1 }, { ...t, weight: 0, util: 0, cost: 100 }]).score).toBeCloseTo(40);
    expect(score([{ ...t, weight: 2, util: 0.55, cost: 100 }, { ...t, weight: 3, util: 0, cost: 1 }]).score).toBeCloseTo(40);
    expect(score([])).toEqual({ score: 0, util: 0, ops_per_cost: 0, throughput: 0 });
  });

  it('sums costs before dividing, so a short trace cannot swing the throughput', () => {
    const long = { weight: 1, util: 0.7, ops: 1e6, cost: 0.1, reference_cost: 0.08 };
    const short = { weight: 1, util: 0.7, ops: 12, cost: 4e-6, reference_cost: 1e-6 };
    expect(score([long, short]).throughput).toBeCloseTo(0.8, 3);
  });
});
