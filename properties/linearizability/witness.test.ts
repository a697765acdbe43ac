/**
 * Every witness check_linearizable gives, on random small histories, against
 * the definition (brute_force.fixture.ts): made of the part's completed
 * operations; not linearizable whatever the others did (weakened), nor on its
 * own; and each of its operations needed (weakening it too lets an order
 * explain the rest).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brute_force } from './brute_force.fixture.ts';
import { check_linearizable } from './check.ts';
import type { Sequential_model } from './model.ts';
import { queue_model } from './models/queue.ts';
import { register_model } from './models/register.ts';
import { random_history } from './random_history.fixture.ts';
import { search_ops } from './search_op.ts';
import { queue_call, register_call } from './toy_calls.fixture.ts';

const RUNS = 300;

/** Checks every witness; gives how many histories had one. */
function witnesses_hold<S, I, O>(model: Sequential_model<S, I, O>, call: fc.Arbitrary<{ input: I; output: O }>, seed: number): number {
  let found = 0;
  fc.assert(
    fc.property(random_history(call, 7), ({ history }) => {
      const r = check_linearizable(model, history);
      if (r.verdict !== 'not linearizable') return;
      found++;
      const witness = r.witness.ops.map((op) => history.indexOf(op));
      expect(witness.every((i) => history[i]?.response !== undefined)).toBe(true);
      expect(r.witness.minimal).toBe(true);
      expect(r.program).toHaveLength(witness.length);
      const others = history.flatMap((op, i) => (op.response !== undefined && !witness.includes(i) ? [i] : []));
      expect(brute_force(model, search_ops(history, new Set(others)))).toBe(false);
      expect(brute_force(model, search_ops(r.witness.ops))).toBe(false);
      for (const i of witness) expect(brute_force(model, search_ops(history, new Set([...others, i])))).toBe(true);
    }),
    { seed, numRuns: RUNS },
  );
  return found;
}

describe('the witness', () => {
  it.each([11, 12])('of a register history is needed, robust and not linearizable alone (seed %i)', (seed) => {
    expect(witnesses_hold(register_model, register_call, seed)).toBeGreaterThan(RUNS / 10);
  });

  it.each([13, 14])('of a queue history is needed, robust and not linearizable alone (seed %i)', (seed) => {
    expect(witnesses_hold(queue_model, queue_call, seed)).toBeGreaterThan(RUNS / 10);
  });
});
