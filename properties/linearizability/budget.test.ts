/**
 * The budget: a history whose proof needs every subset of its operations runs
 * out of steps (or of time) and is `unknown`, never given a verdict; a witness
 * search that runs out still gives operations no order explains, marked not
 * minimal.
 */
import { describe, expect, it } from 'vitest';
import { brute_force } from './brute_force.fixture.ts';
import { check_linearizable } from './check.ts';
import type { History } from './history.ts';
import { type Register_input, type Register_output, register_model } from './models/register.ts';
import { returned } from './ops.fixture.ts';
import { search_ops } from './search_op.ts';

/** `n` writes all at once, and a read that overlaps them all yet gives a value none wrote: every subset of the writes is a state to rule out. */
function pathological(n: number): History<Register_input, Register_output> {
  const writes = Array.from({ length: n }, (_, i) => returned(i, { op: 'write', value: i + 1 } as Register_input, [i, 100 + i], 'ok' as Register_output));
  return [...writes, returned(n, { op: 'read' }, [n, 200], 99)];
}

describe('the budget', () => {
  it('a small history of the kind is decided', () => {
    expect(check_linearizable(register_model, pathological(6)).verdict).toBe('not linearizable');
  });

  it('runs out of steps on a large one: unknown, after exactly the steps allowed', () => {
    const r = check_linearizable(register_model, pathological(24), { budget: { steps: 50_000 } });
    expect(r).toEqual({ verdict: 'unknown', parts: 1, steps: 50_000, part: 'all' });
  });

  it('runs out of time: a zero time limit stops the search at its first look at the clock', () => {
    const r = check_linearizable(register_model, pathological(24), { budget: { ms: 0 } });
    expect(r.verdict).toBe('unknown');
    expect(r.steps).toBeLessThanOrEqual(1024);
  });

  it('a witness search that runs out gives operations that no order explains, not shown minimal', () => {
    const h = pathological(6);
    const r = check_linearizable(register_model, h, { shrink: { steps: 10 } });
    if (r.verdict !== 'not linearizable') throw new Error(`expected not linearizable, got ${r.verdict}`);
    expect(r.witness.minimal).toBe(false);
    expect(r.witness.ops.length).toBeGreaterThan(1);
    expect(brute_force(register_model, search_ops(r.witness.ops))).toBe(false);
    const full = check_linearizable(register_model, h);
    expect(full.verdict === 'not linearizable' && full.program).toEqual(['client 6: read() -> 99   [t=6..200]']);
  });
});
