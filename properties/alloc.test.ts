import { describe, expect, it } from 'vitest';
import { run_check, describe_counterexample } from './run_check.ts';
import { ALLOC_CHECKS } from './all_properties.ts';
import { property_runs } from './property_runs.ts';

describe('allocator property, fixed seeds', () => {
  const [agree, long] = ALLOC_CHECKS;

  it.each([1, 2, 3])('reference and candidate agree, every heap check holds (seed %i)', (seed) => {
    const r = run_check(agree!, { seed, runs: property_runs(40) });
    expect(r.ok, describe_counterexample(r)).toBe(true);
    expect(r.commands).toBeGreaterThan(property_runs(40) * 10);
  });

  it('holds over long programs', () => {
    const r = run_check(long!, { seed: 4, runs: property_runs(4) });
    expect(r.ok, describe_counterexample(r)).toBe(true);
  });
});
