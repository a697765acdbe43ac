/**
 * A fixed-seed test of a check that must hold: one test a seed, the seed in its
 * title so that a red run can be repeated, `runs` runs (property_runs scales them
 * down under mutation testing), and more than `per_run` commands a run, so that a
 * property that stopped generating programs cannot pass.
 */
import { expect, it } from 'vitest';
import { property_runs } from './property_runs.ts';
import { type Check, describe_counterexample, run_check } from './run_check.ts';

export function holds_at_seeds(title: string, check: Check, seeds: readonly number[], runs: number, per_run: number): void {
  it.each(seeds)(`${title} (seed %i)`, (seed) => {
    const r = run_check(check, { seed, runs: property_runs(runs) });
    expect(r.ok, describe_counterexample(r)).toBe(true);
    expect(r.commands).toBeGreaterThan(property_runs(runs) * per_run);
  });
}
