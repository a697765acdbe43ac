/**
 * The interleaving property with fixed seeds: it holds for model and impl, its
 * runs do interleave texts and close sessions mid-text, and it refutes the
 * planted reassembly buffer shared by all sessions, for its planted reason,
 * with a shrunk program of at most 10 calls in the order they arrived.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INTERLEAVE_CHECKS } from '../all_properties.ts';
import { PLANTED_BUGS, planted_world } from '../planted/index.ts';
import { property_runs } from '../property_runs.ts';
import { type Async_check, call_count, describe_counterexample, run_async_check } from '../run_check.ts';
import { WORLDS } from '../worlds.ts';
import { arrivals } from './arrivals.fixture.ts';
import { interleave_property, run_interleaving } from './interleave_property.ts';
import { client_plans } from './plan.ts';

const [holds, planted] = INTERLEAVE_CHECKS as [Async_check, Async_check];
const MIXED = PLANTED_BUGS.find((b) => b.name === 'fragments_of_sessions_mixed')!;
const RUNS = 300;

describe('interleaved clients of the logging server', () => {
  it.each([1, 2, 3])('model and impl agree with the account in every interleaving (seed %i)', async (seed) => {
    const r = await run_async_check(holds, { seed, runs: property_runs(RUNS) });
    expect(r.ok, describe_counterexample(r)).toBe(true);
    expect(r.commands).toBeGreaterThan(property_runs(RUNS) * 8);
  });

  it('the model on both sides agrees with the account (seed 4)', async () => {
    const check: Async_check = { ...holds, property: () => interleave_property(WORLDS.model, WORLDS.model) };
    const r = await run_async_check(check, { seed: 4, runs: property_runs(RUNS) });
    expect(r.ok, describe_counterexample(r)).toBe(true);
  });

  it('interleaves: texts are interrupted by other clients, sessions are closed mid-text (seed 5)', async () => {
    const seen = { runs: 0, interrupted: 0, closed_mid_text: 0 };
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), client_plans, async (s, plans) => {
        const a = arrivals((await run_interleaving(WORLDS.model, WORLDS.impl, s, plans)).transcript);
        seen.runs++;
        if (a.interrupted) seen.interrupted++;
        if (a.closed_mid_text) seen.closed_mid_text++;
      }),
      { seed: 5, numRuns: RUNS },
    );
    expect(seen.interrupted).toBeGreaterThan(seen.runs / 4);
    expect(seen.closed_mid_text).toBeGreaterThan(seen.runs / 50);
  });
});

describe('the planted bug: one reassembly buffer for all sessions', () => {
  it.each([7, 8, 9])('is refuted for its reason, an interrupted text in at most 10 calls (seed %i)', async (seed) => {
    const r = await run_async_check(planted, { seed });
    expect(r.ok, `${planted.name} survived ${r.runs} runs`).toBe(true);
    const { error, program } = r.counterexample!;
    expect(error.split('\n')[0]).toMatch(MIXED.reason);
    expect(call_count(program), program.join('\n')).toBeLessThanOrEqual(10);
    expect(arrivals(program).interrupted, program.join('\n')).toBe(true);
  });

  it('is refuted by the account alone, the bugged impl on both sides (seed 7)', async () => {
    const w = planted_world(MIXED);
    const r = await run_async_check({ ...planted, property: () => interleave_property(w, w) }, { seed: 7 });
    expect(r.ok, `survived ${r.runs} runs`).toBe(true);
    expect(r.counterexample!.error.split('\n')[0]).toMatch(MIXED.reason);
  });
});
