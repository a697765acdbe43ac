/**
 * The worlds under test, by name, keyed like ALLOCATORS (allocators.ts): the
 * reference first. Conformance tests run each example against every entry
 * (`Object.values(WORLDS)`); the differential properties pair them up.
 */
import type { Boot, Create_world } from '../l4re/world.ts';
import * as model from '../model/index.ts';
import * as impl from '../impl/index.ts';

export interface World_under_test {
  readonly name: string;
  readonly create_world: Create_world;
  readonly boot: Boot;
}

/** The two worlds l4check ships: `model`, the obviously right reference, and `impl`, the optimized one. */
export type World_name = 'model' | 'impl';

export const WORLDS: Readonly<Record<World_name, World_under_test>> = {
  model: { name: 'model', create_world: model.create_world, boot: model.boot },
  impl: { name: 'impl', create_world: impl.create_world, boot: impl.boot },
};
