/**
 * The Lua example with sessions, booted: a `logging` server task whose
 * Registry_server serves one object as service `log_server`, and client tasks
 * holding that service with RWS. The loader keeps its channel for good.
 */
import { L4_CAP_FPAGE_RWS, L4_CAP_FPAGE_RWSD } from '../l4re/cap.ts';
import type { Epiface } from '../l4re/epiface.ts';
import type { Boot_config, Log_system } from '../l4re/world.ts';
import { Log_session } from './log_session.ts';
import type { Registry_server } from './registry_server.ts';
import { Session_factory } from './session_factory.ts';
import type { Task } from './task.ts';
import { type World, create_world } from './world.ts';

export interface Booted_service {
  readonly world: World;
  readonly server: Task;
  readonly registry_server: Registry_server;
  readonly clients: readonly Task[];
  readonly console: string[];
}

/** Boot a world whose `log_server` service is the object `make` builds in the server task. */
export function boot_service(
  config: Boot_config,
  make: (server: Task, registry_server: Registry_server, console: string[]) => Epiface,
): Booted_service {
  const world = create_world(config);
  const ch = world.new_channel();
  const server = world.create_task('logging', { log_server: { channel: ch, rights: L4_CAP_FPAGE_RWSD } });
  const registry_server = world.registry_server(server);
  const console: string[] = [];
  registry_server.registry.register_obj(make(server, registry_server, console), 'log_server');
  const clients = config.clients.map((n) =>
    world.create_task(n, { log_server: { channel: ch, rights: L4_CAP_FPAGE_RWS } }),
  );
  return { world, server, registry_server, clients, console };
}

export function boot(config: Boot_config): Log_system {
  const b = boot_service(config, (server, rs, console) => new Session_factory(server, rs.registry, console));
  const registry = b.registry_server.registry;
  return {
    world: b.world,
    server: b.server,
    registry,
    clients: b.clients,
    console: b.console,
    sessions: () => registry.objects().filter((o) => o instanceof Log_session),
  };
}
