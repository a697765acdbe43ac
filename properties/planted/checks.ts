/** One check per planted bug: the world property against the bugged impl must be refuted. */
import type { Check } from '../check.ts';
import { world_property } from '../world_property.ts';
import { WORLDS } from '../worlds.ts';
import { PLANTED_BUGS, planted_world } from './index.ts';

export const PLANTED_CHECKS: readonly Check[] = PLANTED_BUGS.map((bug) => ({
  name: `planted: ${bug.name}`,
  expect: 'refuted',
  property: () => world_property(WORLDS[0]!, planted_world(bug), 60),
  runs: 2000,
}));
