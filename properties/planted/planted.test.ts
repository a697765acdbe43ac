import { describe, expect, it } from 'vitest';
import { run_check } from '../run_check.ts';
import { world_property } from '../world_property.ts';
import { PLANTED_CHECKS } from './checks.ts';
import { PLANTED_BUGS, planted_world } from './index.ts';

describe('the harness checks itself: every planted bug is refuted', () => {
  it('plants at least 8 distinct bugs', () => {
    expect(new Set(PLANTED_BUGS.map((b) => b.name)).size).toBeGreaterThanOrEqual(8);
  });

  it.each(PLANTED_CHECKS.map((c) => [c.name, c] as const))('%s: model vs bugged impl', (_name, check) => {
    const r = run_check(check, { seed: 7 });
    expect(r.ok, `${check.name} survived ${r.runs} runs`).toBe(true);
    expect(r.counterexample!.program.length).toBeGreaterThan(0);
  });

  it.each(PLANTED_BUGS.map((b) => [b.name, b] as const))(
    '%s: caught by the invariants alone, with the bugged impl on both sides',
    (_name, bug) => {
      const w = planted_world(bug);
      const r = run_check({ name: bug.name, expect: 'refuted', property: () => world_property(w, w, 60), runs: 3000 }, { seed: 7 });
      expect(r.ok, `${bug.name} survived ${r.runs} runs`).toBe(true);
    },
  );
});
