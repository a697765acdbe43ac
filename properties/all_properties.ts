/**
 * Every property l4check verifies about the world, with the number of runs
 * `npm run verify` gives each.
 */
import { ALLOCATORS } from './allocators.ts';
import { alloc_property } from './alloc_property.ts';
import { interleave_property } from './interleave/interleave_property.ts';
import { PLANTED_BUGS, planted_world } from './planted/index.ts';
import type { Async_check, Check } from './run_check.ts';
import { poor_man_property } from './poor_man_property.ts';
import { world_property } from './world_property.ts';
import { WORLDS } from './worlds.ts';

/**
 * A property run on a reference and a candidate: programs of up to 60 calls, and
 * long ones of up to 400 (`runs` and `long_runs` runs).
 */
function differential(
  name: string,
  holds: string,
  property: (max_commands: number) => ReturnType<Check['property']>,
  runs: number,
  long_runs: number,
): Check[] {
  return [
    { name: `${name}: ${holds}`, expect: 'holds', property: () => property(60), runs },
    { name: `${name}, long programs: the same, up to 400 calls a program`, expect: 'holds', property: () => property(400), runs: long_runs },
  ];
}

export const WORLD_CHECKS: readonly Check[] = [
  ...differential(
    'world',
    'model and impl agree, labels unforgeable, nothing leaks, log intact',
    (n) => world_property(WORLDS.model, WORLDS.impl, n),
    10_000,
    300,
  ),
  {
    name: "poor man's log: no client can write under another client's id",
    expect: 'refuted',
    property: () => poor_man_property(20),
    runs: 200,
  },
];

export const ALLOC_CHECKS: readonly Check[] = differential(
  'malloc',
  'model and impl agree, the heap checker holds, memory comes back',
  (n) => alloc_property(ALLOCATORS.model, ALLOCATORS.impl, n),
  1000,
  100,
);

const MIXED = PLANTED_BUGS.find((b) => b.name === 'fragments_of_sessions_mixed')!;

/** Clients at once, their messages in the order fast-check's scheduler picks (docs/INTERLEAVING.md). */
export const INTERLEAVE_CHECKS: readonly Async_check[] = [
  {
    name: "interleaved clients: each session's lines are its own, in any order of arrival, linearizable, nothing leaks",
    expect: 'holds',
    property: () => interleave_property(WORLDS.model, WORLDS.impl),
    runs: 2000,
  },
  {
    name: `planted, interleaved: ${MIXED.name}`,
    expect: 'refuted',
    property: () => interleave_property(WORLDS.model, planted_world(MIXED)),
    runs: 300,
  },
];
