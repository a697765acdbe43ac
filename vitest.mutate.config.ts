// `npm run mutate` (Stryker) reruns tests for every mutant of impl/: only the tests that exercise impl/, cheapest first, a third of the property runs (same seeds).
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

/**
 * Not the grader, CLI and trace tests (slow; they reach impl/ only through these), nor the
 * planted bugs: they must be refuted, so a mutant could only fail them by hiding a bug.
 */
const CHEAP_FIRST = ['impl/', 'properties/conformance/', 'properties/world.test.ts', 'properties/alloc.test.ts'];

function rank(spec: TestSpecification): number {
  return CHEAP_FIRST.findIndex((prefix) => relative(spec.project.config.root, spec.moduleId).startsWith(prefix));
}

/** A killed mutant usually fails a unit test first; bail then skips the property runs. */
class Cheap_first extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return [...files].sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    ...base.test,
    include: CHEAP_FIRST.map((prefix) => (prefix.endsWith('/') ? `${prefix}**/*.test.ts` : prefix)),
    sequence: { sequencer: Cheap_first },
    provide: { property_runs_scale: 1 / 3 },
    coverage: { enabled: false },
  },
});
