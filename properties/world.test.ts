import { describe, expect, it } from 'vitest';
import { run_check } from './run_check.ts';
import { WORLD_CHECKS } from './all_properties.ts';
import { holds_at_seeds } from './fixed_seeds.fixture.ts';

describe('world properties, fixed seeds', () => {
  const [agree, long, poor_man] = WORLD_CHECKS;

  holds_at_seeds('model and impl agree under random programs', agree!, [1, 2, 3], 300, 10);
  holds_at_seeds('holds over long programs', long!, [4], 20, 100);

  it("refutes the poor man's design with a short forgery", () => {
    const r = run_check(poor_man!, { seed: 20261125 });
    expect(r.ok).toBe(true);
    const program = r.counterexample!.program;
    expect(program.length).toBeLessThanOrEqual(3);
    expect(r.counterexample!.error).toMatch(/wrote under another client's id/);
    expect(program.at(-1)).toMatch(/poor\.write\(\d+, .*prints/);
  });
});
