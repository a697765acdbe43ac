/**
 * Every property l4check verifies about the world, with the number of runs
 * `npm run verify` gives each.
 */
import { ALLOCATORS } from './allocators.ts';
import { alloc_property } from './alloc_property.ts';
import type { Check } from './run_check.ts';
import { poor_man_property } from './poor_man_property.ts';
import { world_property } from './world_property.ts';
import { WORLDS } from './worlds.ts';

export const WORLD_CHECKS: readonly Check[] = [
  {
    name: 'world: model and impl agree, labels unforgeable, nothing leaks, log intact',
    expect: 'holds',
    property: () => world_property(WORLDS.model, WORLDS.impl, 60),
    runs: 10_000,
  },
  {
    name: 'world, long programs: the same, up to 400 calls a program',
    expect: 'holds',
    property: () => world_property(WORLDS.model, WORLDS.impl, 400),
    runs: 300,
  },
  {
    name: "poor man's log: no client can write under another client's id",
    expect: 'refuted',
    property: () => poor_man_property(20),
    runs: 200,
  },
];

export const ALLOC_CHECKS: readonly Check[] = [
  {
    name: 'malloc: model and impl agree, the heap checker holds, memory comes back',
    expect: 'holds',
    property: () => alloc_property(ALLOCATORS.model, ALLOCATORS.impl, 60),
    runs: 1000,
  },
  {
    name: 'malloc, long programs: the same, up to 400 calls a program',
    expect: 'holds',
    property: () => alloc_property(ALLOCATORS.model, ALLOCATORS.impl, 400),
    runs: 100,
  },
];
