/**
 * The worlds under test, by name. Conformance tests and properties run each
 * example against every entry; the differential properties pair them up.
 */
import type { Boot, Create_world } from '../l4re/world.ts';
import * as model from '../model/index.ts';
import * as impl from '../impl/index.ts';

export interface World_under_test {
  readonly name: string;
  readonly create_world: Create_world;
  readonly boot: Boot;
}

export const WORLDS: readonly World_under_test[] = [
  { name: 'model', create_world: model.create_world, boot: model.boot },
  { name: 'impl', create_world: impl.create_world, boot: impl.boot },
];
