import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { alloc_property } from '../../alloc_property.ts';
import { run_check } from '../../run_check.ts';
import { PLANTED_ALLOC_CHECKS } from './checks.ts';
import { PLANTED_ALLOC_BUGS } from './index.ts';

/** The first line of a refuted check's failure. */
function first_line(r: ReturnType<typeof run_check>): string {
  return r.counterexample!.error.split('\n')[0]!;
}

describe('the harness checks itself: every planted allocator bug is refuted, for its planted reason', () => {
  it('plants at least 8 bugs with unique names, each in a file named after it', () => {
    const names = PLANTED_ALLOC_BUGS.map((b) => b.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThanOrEqual(8);
    for (const name of names) expect(existsSync(new URL(`./${name}.ts`, import.meta.url)), `${name}.ts`).toBe(true);
    expect(PLANTED_ALLOC_CHECKS.map((c) => c.name)).toEqual(names.map((n) => `planted: ${n}`));
  });

  it.each(PLANTED_ALLOC_BUGS.map((b, i) => [b.name, b, PLANTED_ALLOC_CHECKS[i]!] as const))(
    '%s: model vs bugged impl, seed 7',
    (_name, bug, check) => {
      const r = run_check(check, { seed: 7 });
      expect(r.ok, `${check.name} survived ${r.runs} runs`).toBe(true);
      expect(r.counterexample!.program.length).toBeGreaterThan(0);
      expect(first_line(r)).toMatch(bug.reason);
    },
  );

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
      expect(first_line(r)).toMatch(bug.reason);
    },
  );
});
