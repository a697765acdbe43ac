/**
 * Histories from runs of implementations (sim/): every sequential run, and
 * every interleaved run of an atomic implementation, killed clients' pending
 * operations included, is linearizable. A racy incr() is not, and the witness
 * of each of its histories that fails has at most four operations.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { History } from './history.ts';
import { linearizability_report } from './report.ts';
import { ATOMIC_WORLDS, racy_incr } from './sim/worlds.fixture.ts';

const RUNS = 150;

/** Some two operations overlap: neither returned before the other was called. */
function overlaps(history: History<unknown, unknown>): boolean {
  const end = (op: History<unknown, unknown>[number]) => op.response?.at ?? Infinity;
  return history.some((a, i) => history.some((b, j) => i < j && a.call < end(b) && b.call < end(a)));
}

describe.each(ATOMIC_WORLDS.map((w) => [w.name, w] as const))('%s', (_, world) => {
  it('every sequential run is linearizable (seed 21)', () => {
    let ops = 0;
    fc.assert(
      fc.property(world.runs(true), (run) => {
        ops += run.history.length;
        expect(overlaps(run.history)).toBe(false);
        const r = run.check();
        expect(r.verdict, linearizability_report(r)).toBe('linearizable');
      }),
      { seed: 21, numRuns: RUNS },
    );
    expect(ops).toBeGreaterThan(RUNS * 5);
  });

  it('every interleaved run of an atomic implementation is linearizable, killed clients included (seed 22)', () => {
    let overlapping = 0;
    let pending = 0;
    fc.assert(
      fc.property(world.runs(false), (run) => {
        if (overlaps(run.history)) overlapping++;
        if (run.history.some((op) => op.response === undefined)) pending++;
        const r = run.check();
        expect(r.verdict, linearizability_report(r)).toBe('linearizable');
      }),
      { seed: 22, numRuns: RUNS },
    );
    expect(overlapping).toBeGreaterThan(RUNS / 2);
    expect(pending).toBeGreaterThan(RUNS / 10);
  });
});

describe('a racy incr() (read, then write)', () => {
  it('is found not linearizable, shrunk to a lost update (seed 23)', () => {
    const out = fc.check(
      fc.property(racy_incr.runs(false), (run) => run.check().verdict !== 'not linearizable'),
      { seed: 23, numRuns: RUNS },
    );
    expect(out.failed).toBe(true);
    const report = linearizability_report(out.counterexample![0].check());
    expect(report).toMatch(/^not linearizable: in part "all"/);
  });

  it('every history of it that no order explains has a witness of at most four operations (seed 24)', () => {
    let found = 0;
    fc.assert(
      fc.property(racy_incr.runs(false), (run) => {
        const r = run.check();
        if (r.verdict !== 'not linearizable') return;
        found++;
        expect(r.witness.ops.length, linearizability_report(r)).toBeLessThanOrEqual(4);
        expect(r.witness.minimal).toBe(true);
      }),
      { seed: 24, numRuns: RUNS * 2 },
    );
    expect(found).toBeGreaterThan(RUNS / 10);
  });
});
