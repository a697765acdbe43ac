import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { run_check } from '../run_check.ts';
import { world_property } from '../world_property.ts';
import { PLANTED_ALLOC_BUGS } from './alloc/index.ts';
import { PLANTED_CHECKS } from './checks.ts';
import { PLANTED_BUGS, planted_world } from './index.ts';

/** The first line of a refuted check's failure. */
function first_line(r: ReturnType<typeof run_check>): string {
  return r.counterexample!.error.split('\n')[0]!;
}

describe('the harness checks itself: every planted bug is refuted, for its planted reason', () => {
  it('plants at least 8 bugs, their names unique among the world and allocator bugs, each in a file named after it', () => {
    const names = [...PLANTED_BUGS, ...PLANTED_ALLOC_BUGS].map((b) => b.name);
    expect(new Set(names).size).toBe(names.length);
    expect(PLANTED_BUGS.length).toBeGreaterThanOrEqual(8);
    for (const b of PLANTED_BUGS) expect(existsSync(new URL(`./${b.name}.ts`, import.meta.url)), `${b.name}.ts`).toBe(true);
    expect(PLANTED_CHECKS.map((c) => c.name)).toEqual(PLANTED_BUGS.map((b) => `planted: ${b.name}`));
  });

  it.each(PLANTED_BUGS.map((b, i) => [b.name, b, PLANTED_CHECKS[i]!] as const))('%s: model vs bugged impl, seed 7', (_name, bug, check) => {
    const r = run_check(check, { seed: 7 });
    expect(r.ok, `${check.name} survived ${r.runs} runs`).toBe(true);
    expect(r.counterexample!.program.length).toBeGreaterThan(0);
    expect(first_line(r)).toMatch(bug.reason);
  });

  it.each(PLANTED_BUGS.map((b) => [b.name, b] as const))(
    '%s: caught by the invariants alone, with the bugged impl on both sides, seed 7',
    (_name, bug) => {
      const w = planted_world(bug);
      const r = run_check({ name: bug.name, expect: 'refuted', property: () => world_property(w, w, 60), runs: 3000 }, { seed: 7 });
      expect(r.ok, `${bug.name} survived ${r.runs} runs`).toBe(true);
      expect(first_line(r)).toMatch(bug.reason);
    },
  );
});
