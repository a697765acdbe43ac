import { describe, expect, it } from 'vitest';
import { describe_counterexample, run_check } from './run_check.ts';
import { WORLD_CHECKS } from './all_properties.ts';
import { property_runs } from './property_runs.ts';

describe('world properties, fixed seeds', () => {
  const [agree, long, poor_man] = WORLD_CHECKS;

  it.each([1, 2, 3])('model and impl agree under random programs (seed %i)', (seed) => {
    const r = run_check(agree!, { seed, runs: property_runs(300) });
    expect(r.ok, describe_counterexample(r)).toBe(true);
    expect(r.commands).toBeGreaterThan(property_runs(300) * 10);
  });

  it('holds over long programs', () => {
    const r = run_check(long!, { seed: 4, runs: property_runs(20) });
    expect(r.ok, describe_counterexample(r)).toBe(true);
    expect(r.commands).toBeGreaterThan(property_runs(20) * 100);
  });

  it("refutes the poor man's design with a short forgery", () => {
    const r = run_check(poor_man!, { seed: 20261125 });
    expect(r.ok).toBe(true);
    const program = r.counterexample!.program;
    expect(program.length).toBeLessThanOrEqual(3);
    expect(r.counterexample!.error).toMatch(/wrote under another client's id/);
    expect(program.at(-1)).toMatch(/poor\.write\(\d+, .*prints/);
  });
});
