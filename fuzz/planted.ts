/**
 * The sides a fuzzed program runs on: the model as reference, the impl as
 * candidate, or the impl with one planted bug armed, by name. The bugs are
 * l4check's self-test (properties/planted/); `L4CHECK_PLANTED=<name>` arms one
 * for `npm run fuzz`, so the fuzzer can be seen to find it.
 */
import { ALLOCATORS } from '../properties/allocators.ts';
import { PLANTED_ALLOC_BUGS } from '../properties/planted/alloc/index.ts';
import { PLANTED_BUGS, planted_world } from '../properties/planted/index.ts';
import type { Allocator_under_test } from '../properties/trace/replay.ts';
import { WORLDS, type World_under_test } from '../properties/worlds.ts';

export const PLANTED_ENV = 'L4CHECK_PLANTED';

export const REFERENCE_WORLD: World_under_test = WORLDS.model;
export const REFERENCE_ALLOCATOR: Allocator_under_test = ALLOCATORS.model;

/** What each planted bug is in: the world or the allocator. */
export const PLANTED_NAMES: Readonly<Record<string, 'world' | 'alloc'>> = Object.fromEntries([
  ...PLANTED_BUGS.map((b) => [b.name, 'world'] as const),
  ...PLANTED_ALLOC_BUGS.map((b) => [b.name, 'alloc'] as const),
]);

/** Throws an Error listing the known names if `name` is not a planted bug. */
export function planted_kind(name: string): 'world' | 'alloc' {
  const kind = Object.hasOwn(PLANTED_NAMES, name) ? PLANTED_NAMES[name] : undefined;
  if (kind === undefined) throw new Error(`no planted bug named ${JSON.stringify(name)}; known: ${Object.keys(PLANTED_NAMES).join(', ')}`);
  return kind;
}

export function world_candidate(planted?: string): World_under_test {
  if (planted === undefined) return WORLDS.impl;
  const bug = PLANTED_BUGS.find((b) => b.name === planted);
  if (bug === undefined) throw new Error(`${planted} is not a planted bug of the world (${planted_kind(planted)})`);
  return planted_world(bug);
}

export function alloc_candidate(planted?: string): Allocator_under_test {
  if (planted === undefined) return ALLOCATORS.impl;
  const bug = PLANTED_ALLOC_BUGS.find((b) => b.name === planted);
  if (bug === undefined) throw new Error(`${planted} is not a planted bug of the allocator (${planted_kind(planted)})`);
  return bug.allocator;
}
