/**
 * Bugs planted in variants of impl/, each a subclass swapped in through impl's
 * parts (impl/parts.ts) that overrides one protected seam, in a file named
 * after the bug. The properties must refute every one; l4check's own self-test.
 */
import { boot, create_world, type World_parts } from '../../impl/index.ts';
import type { World_under_test } from '../worlds.ts';
import { No_s_check_factory } from './create_without_s_right.ts';
import { Leaky_detach_rm } from './detach_leaks_dataspace.ts';
import { Double_free_cap_alloc } from './double_free_accepted.ts';
import { Shared_buffer_session } from './fragments_of_sessions_mixed.ts';
import { Label_reuse_registry } from './label_reuse_after_unregister.ts';
import { Rights_not_reduced_kernel } from './rights_not_reduced_on_map.ts';
import { Off_by_a_page_rm } from './search_addr_off_by_a_page.ts';
import { Deaf_registry } from './session_never_released.ts';
import { Einval_leak_factory } from './slot_leak_on_einval.ts';
import { No_generation_table } from './stale_slot_aliases_new_object.ts';

export interface Planted_bug {
  readonly name: string;
  readonly parts: Partial<World_parts>;
  /** The first line of the failure it must cause, against the model or on its own: the planted reason, not any failure. */
  readonly reason: RegExp;
}

export const PLANTED_BUGS: readonly Planted_bug[] = [
  { name: 'label_reuse_after_unregister', parts: { Object_registry: Label_reuse_registry }, reason: /gates: \d+ vs \d+|live gates is \d+/ },
  { name: 'slot_leak_on_einval', parts: { Session_factory: Einval_leak_factory }, reason: /slots: \d+ vs \d+|registered objects is \d+/ },
  { name: 'rights_not_reduced_on_map', parts: { Kernel: Rights_not_reduced_kernel }, reason: /(log_write|delete_obj)\(.*(gives|expects) -L4_EPERM/ },
  { name: 'fragments_of_sessions_mixed', parts: { Log_session: Shared_buffer_session }, reason: /^Violation: log integrity: .* console line|wrote under another|log line/ },
  { name: 'detach_leaks_dataspace', parts: { Rm: Leaky_detach_rm }, reason: /counts \d+ counted copies, tables and regions hold \d+|dataspaces: \d+ vs \d+/ },
  { name: 'double_free_accepted', parts: { Cap_alloc: Double_free_cap_alloc }, reason: /cap_alloc\.free\(.*(gives -L4_ENOENT|not allocated)/ },
  { name: 'search_addr_off_by_a_page', parts: { Rm: Off_by_a_page_rm }, reason: /rm\.attach\(.*(gives|overlaps)|Region_tree: region .* overlaps/ },
  { name: 'stale_slot_aliases_new_object', parts: { Object_table: No_generation_table }, reason: /counts \d+ counted copies, tables and regions hold \d+|^Divergence: stats\(\): .* differ in .*gates: \d+ vs \d+|leak check: registered objects/ },
  { name: 'session_never_released', parts: { Object_registry: Deaf_registry }, reason: /objects: \d+ vs \d+|registered objects is \d+/ },
  { name: 'create_without_s_right', parts: { Session_factory: No_s_check_factory }, reason: /create\(.*(model gives -L4_EPERM|forbid)/ },
];

export function planted_world(bug: Planted_bug): World_under_test {
  return {
    name: `impl+${bug.name}`,
    create_world: (config) => create_world(config, bug.parts),
    boot: (config) => boot(config, bug.parts),
  };
}
