/**
 * How many runs a fixed-seed property test gives a property: `n` under `npm test`, a
 * fraction of it under `npm run mutate`, which reruns the tests for every mutant of impl/
 * and provides `property_runs_scale` (vitest.mutate.config.ts). Seeds stay the same.
 */
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    property_runs_scale?: number;
  }
}

export function property_runs(n: number): number {
  return Math.max(1, Math.ceil(n * (inject('property_runs_scale') ?? 1)));
}
