/**
 * boot: the Lua example with sessions, on an impl world.
 *
 *   loader ── channel ch ──┬─ logging: log_server RWSD, bound to Session_factory
 *                          └─ client i: log_server RWS
 */
import { L4_CAP_FPAGE_RWS, L4_CAP_FPAGE_RWSD } from '../l4re/cap.ts';
import type { Boot_config, Log_session, Log_system } from '../l4re/world.ts';
import type { Parts } from './parts.ts';
import { create_world } from './world.ts';

export function boot(config: Boot_config, parts?: Partial<Parts>): Log_system {
  const world = create_world(config, parts);
  const p = world.kernel.parts;
  const ch = world.new_channel();
  const server = world.create_task('logging', { log_server: { channel: ch, rights: L4_CAP_FPAGE_RWSD } });
  const registry_server = new p.Registry_server(server);
  const registry = registry_server.registry;
  const console: string[] = [];
  const factory = new p.Session_factory(registry_server, console);
  registry.register_obj(factory, 'log_server');
  const clients = config.clients.map((name) => world.create_task(name, { log_server: { channel: ch, rights: L4_CAP_FPAGE_RWS } }));
  return {
    world,
    server,
    registry,
    clients,
    console,
    sessions: () => [...registry.objects()].filter((o) => o !== factory) as Log_session[],
  };
}
