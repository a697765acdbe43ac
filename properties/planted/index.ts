/**
 * Bugs planted in variants of impl/, each a subclass swapped in through impl's
 * parts. The properties must refute every one; l4check's own self-test.
 */
import { boot, create_world, type Parts } from '../../impl/index.ts';
import type { World_under_test } from '../worlds.ts';
import { Einval_leak_factory } from './einval_slot_leak.ts';
import { Leaky_detach_rm } from './detach_leaks_ds.ts';
import { Double_free_cap_alloc } from './double_free.ts';
import { Shared_buffer_session } from './fragments_mixed.ts';
import { Label_reuse_registry } from './label_reuse.ts';
import { No_generation_table } from './no_generation_bump.ts';
import { No_s_check_factory } from './create_without_s.ts';
import { Rights_not_reduced_kernel } from './rights_not_reduced.ts';
import { Off_by_a_page_rm } from './search_off_by_page.ts';
import { Deaf_registry } from './session_not_released.ts';

export interface Planted_bug {
  readonly name: string;
  readonly parts: Partial<Parts>;
}

export const PLANTED_BUGS: readonly Planted_bug[] = [
  { name: 'label_reuse_after_unregister', parts: { Object_registry: Label_reuse_registry } },
  { name: 'slot_leak_on_einval', parts: { Session_factory: Einval_leak_factory } },
  { name: 'rights_not_reduced_on_map', parts: { Kernel: Rights_not_reduced_kernel } },
  { name: 'fragments_of_sessions_mixed', parts: { Log_session: Shared_buffer_session } },
  { name: 'detach_leaks_dataspace', parts: { Rm: Leaky_detach_rm } },
  { name: 'double_free_accepted', parts: { Cap_alloc: Double_free_cap_alloc } },
  { name: 'search_addr_off_by_a_page', parts: { Rm: Off_by_a_page_rm } },
  { name: 'stale_slot_aliases_new_object', parts: { Object_table: No_generation_table } },
  { name: 'session_never_released', parts: { Object_registry: Deaf_registry } },
  { name: 'create_without_s_right', parts: { Session_factory: No_s_check_factory } },
];

export function planted_world(bug: Planted_bug): World_under_test {
  return {
    name: `impl+${bug.name}`,
    create_world: (config) => create_world(config, bug.parts),
    boot: (config) => boot(config, bug.parts),
  };
}
