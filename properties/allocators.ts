/**
 * The allocators l4check ships, each on its own world: the reference on the
 * model, the optimized one on the impl. Student allocators run on the impl world.
 */
import type { Allocator_factory } from '../l4re/alloc.ts';
import * as impl from '../impl/index.ts';
import { create_malloc as impl_malloc } from '../impl/malloc.ts';
import * as model from '../model/index.ts';
import { create_malloc as model_malloc } from '../model/malloc.ts';
import type { Allocator_under_test } from './trace/replay.ts';
import type { World_name } from './worlds.ts';

/** Keyed like WORLDS (worlds.ts): the reference first. */
export const ALLOCATORS: Readonly<Record<World_name, Allocator_under_test>> = {
  model: { name: 'model', create_world: model.create_world, create_malloc: model_malloc },
  impl: { name: 'impl', create_world: impl.create_world, create_malloc: impl_malloc },
};

/** A student's allocator, run on the impl world through an Env_account. */
export function student_allocator(name: string, create_malloc: Allocator_factory): Allocator_under_test {
  return { name, create_world: impl.create_world, create_malloc, accounted: true };
}
