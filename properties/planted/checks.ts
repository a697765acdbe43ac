/**
 * One check per planted bug: the world property against the bugged impl must
 * be refuted. Programs of up to 100 calls: a bug that needs regions to meet in
 * the address space takes a few hundred 60-call programs but a few dozen of
 * 100, and shrinking from 100 calls stays quick (400 took seconds).
 */
import type { Check } from '../run_check.ts';
import { world_property } from '../world_property.ts';
import { WORLDS } from '../worlds.ts';
import { PLANTED_BUGS, planted_world } from './index.ts';

export const PLANTED_CHECKS: readonly Check[] = PLANTED_BUGS.map((bug) => ({
  name: `planted: ${bug.name}`,
  expect: 'refuted',
  property: () => world_property(WORLDS.model, planted_world(bug), 100),
  runs: 300,
}));
