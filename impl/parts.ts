/**
 * Parts: the classes a world is built from, so that a variant can swap one for
 * a subclass that overrides a single protected method (a planted bug).
 *
 *   create_world(config, { Rm: Off_by_a_page_rm })   boot(config, { Log_session: Shared_buffer })
 *
 *   field            constructed by              with
 *   Kernel           create_world                (config, parts)
 *   Object_table     Kernel                      ()
 *   Cap_alloc        Impl_task                   (task, base slot, slot count)
 *   Mem_alloc, Rm    Impl_task                   (task)
 *   Registry_server  boot                        (server task)
 *   Object_registry  Registry_server             (server)
 *   Session_factory  boot                        (server, console)
 *   Log_session      Session_factory             (id, console)
 */
import type { World_config } from '../l4re/world.ts';
import { Cap_alloc } from './cap_alloc.ts';
import { Kernel } from './kernel.ts';
import { Log_session } from './log_session.ts';
import { Mem_alloc } from './mem_alloc.ts';
import { Object_registry } from './object_registry.ts';
import { Object_table } from './object_table.ts';
import { Registry_server } from './registry_server.ts';
import { Rm } from './rm.ts';
import { Session_factory } from './session_factory.ts';
import type { Impl_task } from './task.ts';

export interface Parts {
  readonly Kernel: new (config: World_config, parts: Parts) => Kernel;
  readonly Object_table: new () => Object_table;
  readonly Cap_alloc: new (task: Impl_task, base: number, slots: number) => Cap_alloc;
  readonly Mem_alloc: new (task: Impl_task) => Mem_alloc;
  readonly Rm: new (task: Impl_task) => Rm;
  readonly Registry_server: new (task: Impl_task) => Registry_server;
  readonly Object_registry: new (server: Registry_server) => Object_registry;
  readonly Session_factory: new (server: Registry_server, console: string[]) => Session_factory;
  readonly Log_session: new (id: string, console: string[]) => Log_session;
}

export const DEFAULT_PARTS: Parts = {
  Kernel,
  Object_table,
  Cap_alloc,
  Mem_alloc,
  Rm,
  Registry_server,
  Object_registry,
  Session_factory,
  Log_session,
};

/** The default parts with `parts` swapped in. */
export function with_parts(parts?: Partial<Parts>): Parts {
  return { ...DEFAULT_PARTS, ...parts };
}
