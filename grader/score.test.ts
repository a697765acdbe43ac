import { describe, expect, it } from 'vitest';
import { ramp, score } from './score.ts';

describe('score', () => {
  it('ramps from 0 to 1 between its ends', () => {
    expect([ramp(0.5, 0.55, 0.74), ramp(0.645, 0.55, 0.74), ramp(0.9, 0.55, 0.74)]).toEqual([0, expect.closeTo(0.5), 1]);
  });

  it('weights utilization 0.6 and throughput 0.4 over the traces of weight >= 1', () => {
    const t = { weight: 1, util: 0.74, opsPerSec: 45, referenceOpsPerSec: 100 };
    expect(score([t]).score).toBeCloseTo(60);
    expect(score([{ ...t, opsPerSec: 90 }]).score).toBeCloseTo(100);
    expect(score([{ ...t, util: 0.55, opsPerSec: 90 }, { ...t, weight: 0, util: 0 }]).score).toBeCloseTo(40);
    expect(score([{ ...t, weight: 3 }, { ...t, util: 0.55 }]).score).toBeCloseTo(100 * (0.6 * 0.75 + 0.4 * 0));
    expect(score([])).toEqual({ score: 0, util: 0, opsPerSec: 0 });
  });
});
