/**
 * Impl_world: the World facade over one Kernel, and the parts (parts.ts) a
 * world is built from.
 *
 *   loader table   slot 1 + c  ── channel c (an unbound gate, counted, RWSD)
 *                  a destroyed channel leaves the env slots naming it empty
 *   tasks          in creation order: slots 1, 2, … env caps mapped from the loader
 */
import { cap_of_slot, L4_CAP_FPAGE_RWSD, type Cap } from '../l4re/cap.ts';
import type { Task } from '../l4re/task.ts';
import type { Channel, Env_cap, World, World_config, World_stats } from '../l4re/world.ts';
import { Cap_alloc } from './cap_alloc.ts';
import { Kernel } from './kernel.ts';
import { Log_session } from './log_session.ts';
import { Mem_alloc } from './mem_alloc.ts';
import { Object_registry } from './object_registry.ts';
import { Object_table } from './object_table.ts';
import { with_parts } from './parts.ts';
import { Registry_server } from './registry_server.ts';
import { Rm } from './rm.ts';
import { Session_factory } from './session_factory.ts';
import { Impl_task } from './task.ts';

/** The classes a world is built from; who builds each with what: parts.ts. */
export interface World_parts {
  readonly Kernel: new (config: World_config, parts: World_parts) => Kernel;
  readonly Object_table: new () => Object_table;
  readonly Cap_alloc: new (task: Impl_task, base: number, slots: number) => Cap_alloc;
  readonly Mem_alloc: new (task: Impl_task) => Mem_alloc;
  readonly Rm: new (task: Impl_task) => Rm;
  readonly Registry_server: new (task: Impl_task, parts: Pick<World_parts, 'Object_registry'>) => Registry_server;
  readonly Object_registry: new (server: Registry_server) => Object_registry;
  readonly Session_factory: new (server: Registry_server, console: string[], parts: Pick<World_parts, 'Log_session'>) => Session_factory;
  readonly Log_session: new (id: string, console: string[]) => Log_session;
}

export const WORLD_PARTS: World_parts = {
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

/** Loader slot of channel 0; slot 0 stays empty. */
const FIRST_CHANNEL_SLOT = 1;

export class Impl_world implements World {
  protected channels = 0;

  constructor(readonly kernel: Kernel) {}

  new_channel(): Channel {
    const channel = this.channels++;
    this.kernel.create_gate(this.kernel.loader, FIRST_CHANNEL_SLOT + channel, L4_CAP_FPAGE_RWSD);
    return channel;
  }

  create_task(name: string, caps: Readonly<Record<string, Env_cap>> = {}): Impl_task {
    const k = this.kernel;
    const task = k.new_task(name);
    for (const [env_name, { channel, rights }] of Object.entries(caps)) {
      if (!Number.isInteger(channel) || channel < 0 || channel >= this.channels) {
        throw new Error(`Impl_world.create_task: no channel ${channel} for ${name}.${env_name}`);
      }
      const slot = task.add_env(env_name);
      k.map(k.loader, cap_of_slot(FIRST_CHANNEL_SLOT + channel), task, cap_of_slot(slot), rights);
    }
    return task;
  }

  stats(): World_stats {
    return this.kernel.stats();
  }

  debug_label(task: Task, cap: Cap): number | undefined {
    const k = this.kernel;
    if (!(task instanceof Impl_task) || task.kernel !== k) return undefined;
    const index = k.lookup_cap(task, cap);
    return index < 0 ? undefined : k.gate_label(index);
  }

  check_invariants(): void {
    this.kernel.check_invariants();
  }
}

/** A world built from WORLD_PARTS with `swap` swapped in. */
export function create_world(config: World_config, swap?: Partial<World_parts>): Impl_world {
  const parts = with_parts(WORLD_PARTS, swap);
  return new Impl_world(new parts.Kernel(config, parts));
}
