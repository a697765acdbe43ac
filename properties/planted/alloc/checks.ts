/** One check per planted allocator bug: the allocator property against the bugged impl must be refuted. */
import { alloc_property } from '../../alloc_property.ts';
import { ALLOCATORS } from '../../allocators.ts';
import type { Check } from '../../run_check.ts';
import { PLANTED_ALLOC_BUGS } from './index.ts';

export const PLANTED_ALLOC_CHECKS: readonly Check[] = PLANTED_ALLOC_BUGS.map((bug) => ({
  name: `planted: ${bug.name}`,
  expect: 'refuted',
  property: () => alloc_property(ALLOCATORS.model, bug.allocator, 60),
  runs: 1000,
}));
