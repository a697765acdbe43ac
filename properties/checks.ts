/**
 * Every property l4check verifies about the world, with the number of runs
 * `npm run verify` gives each.
 */
import * as impl from '../impl/index.ts';
import * as model from '../model/index.ts';
import { create_malloc } from '../model/malloc.ts';
import { alloc_property } from './alloc_property.ts';
import type { Allocator_under_test } from './alloc/side.ts';
import type { Check } from './check.ts';
import { poor_man_property } from './poor_man_property.ts';
import { world_property } from './world_property.ts';
import { WORLDS } from './worlds.ts';

const [model_world, impl_world] = WORLDS as readonly [(typeof WORLDS)[number], (typeof WORLDS)[number]];

export const WORLD_CHECKS: readonly Check[] = [
  {
    name: 'world: model and impl agree, labels unforgeable, nothing leaks, log intact',
    expect: 'holds',
    property: () => world_property(model_world, impl_world, 60),
    runs: 10_000,
  },
  {
    name: 'world, long programs: the same, up to 400 calls a program',
    expect: 'holds',
    property: () => world_property(model_world, impl_world, 400),
    runs: 300,
  },
  {
    name: "poor man's log: no client can write under another client's id",
    expect: 'refuted',
    property: () => poor_man_property(20),
    runs: 200,
  },
];

/** The reference allocator on the model world. */
export const MODEL_MALLOC: Allocator_under_test = { name: 'model', create_world: model.create_world, create_malloc };
/** The candidate: the reference allocator on the impl world, until impl/malloc.ts plugs in here. */
export const CANDIDATE_MALLOC: Allocator_under_test = { name: 'model on impl', create_world: impl.create_world, create_malloc };

export const ALLOC_CHECKS: readonly Check[] = [
  {
    name: 'malloc: reference and candidate agree, the heap checker holds, memory comes back',
    expect: 'holds',
    property: () => alloc_property(MODEL_MALLOC, CANDIDATE_MALLOC, 60),
    runs: 1000,
  },
  {
    name: 'malloc, long programs: the same, up to 400 calls a program',
    expect: 'holds',
    property: () => alloc_property(MODEL_MALLOC, CANDIDATE_MALLOC, 400),
    runs: 100,
  },
];
