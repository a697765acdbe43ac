/**
 * The search against the definition (brute_force.fixture.ts) on random small
 * histories with pending and weakened operations: the same verdict, a
 * linearization that explains them when there is one, and under a tiny budget
 * either the same verdict or `unknown`, never the other one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brute_force, explains } from './brute_force.fixture.ts';
import { Budget } from './budget.ts';
import type { Sequential_model } from './model.ts';
import { queue_model } from './models/queue.ts';
import { register_model } from './models/register.ts';
import { random_history } from './random_history.fixture.ts';
import { linearize } from './search.ts';
import { search_ops } from './search_op.ts';
import { queue_call, register_call } from './toy_calls.fixture.ts';

const RUNS = 400;

/** Runs the agreement property; gives how many histories were linearizable and how many not. */
function agree<S, I, O>(model: Sequential_model<S, I, O>, call: fc.Arbitrary<{ input: I; output: O }>, seed: number, steps: number): Record<string, number> {
  const seen: Record<string, number> = { linearizable: 0, 'not linearizable': 0, unknown: 0 };
  fc.assert(
    fc.property(random_history(call, 7), ({ history, weakened }) => {
      const ops = search_ops(history, weakened);
      const truth = brute_force(model, ops) ? 'linearizable' : 'not linearizable';
      const r = linearize(model, ops, new Budget({ steps }));
      seen[r.verdict]!++;
      if (r.verdict === 'unknown') return;
      expect(r.verdict).toBe(truth);
      if (r.verdict === 'linearizable') expect(explains(model, ops, r.order)).toBeNull();
    }),
    { seed, numRuns: RUNS },
  );
  return seen;
}

describe('linearize', () => {
  it.each([1, 2])('agrees with the definition on register histories (seed %i)', (seed) => {
    const seen = agree(register_model, register_call, seed, Infinity);
    expect(seen.linearizable).toBeGreaterThan(RUNS / 10);
    expect(seen['not linearizable']).toBeGreaterThan(RUNS / 10);
  });

  it.each([3, 4])('agrees with the definition on queue histories (seed %i)', (seed) => {
    const seen = agree(queue_model, queue_call, seed, Infinity);
    expect(seen.linearizable).toBeGreaterThan(RUNS / 10);
    expect(seen['not linearizable']).toBeGreaterThan(RUNS / 10);
  });

  it('under a budget of a few steps says unknown or the truth, never a wrong verdict (seed 5)', () => {
    const seen = agree(register_model, register_call, 5, 6);
    expect(seen.unknown).toBeGreaterThan(RUNS / 10);
    expect(seen.linearizable + seen['not linearizable']).toBeGreaterThan(RUNS / 10);
  });
});
