import { describe, expect, it } from 'vitest';
import { alloc_property } from '../../alloc_property.ts';
import { run_check } from '../../run_check.ts';
import { PLANTED_ALLOC_CHECKS } from './checks.ts';
import { PLANTED_ALLOC_BUGS } from './index.ts';

describe('the harness checks itself: every planted allocator bug is refuted', () => {
  it('plants at least 8 distinct bugs', () => {
    expect(new Set(PLANTED_ALLOC_BUGS.map((b) => b.name)).size).toBeGreaterThanOrEqual(8);
  });

  it.each(PLANTED_ALLOC_CHECKS.map((c) => [c.name, c] as const))('%s: model vs bugged impl, seed 7', (_name, check) => {
    const r = run_check(check, { seed: 7 });
    expect(r.ok, `${check.name} survived ${r.runs} runs`).toBe(true);
    expect(r.counterexample!.program.length).toBeGreaterThan(0);
  });

  // The differential-only bugs accept a free or realloc the contract refuses
  // (a double free, an interior pointer): with the bugged allocator on both
  // sides both agree, no checker sees a wrong byte, and a block the allocator
  // freed behind the checker's back may be one teardown can never free.
  it.each(PLANTED_ALLOC_BUGS.filter((b) => !b.differential_only).map((b) => [b.name, b] as const))(
    '%s: caught by the heap checker and the baseline alone, with the bugged impl on both sides, seed 7',
    (_name, bug) => {
      const a = bug.allocator;
      const r = run_check({ name: bug.name, expect: 'refuted', property: () => alloc_property(a, a, 60), runs: 3000 }, { seed: 7 });
      expect(r.ok, `${bug.name} survived ${r.runs} runs`).toBe(true);
    },
  );
});
