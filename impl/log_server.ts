/**
 * boot: the Lua example with sessions, on an impl world.
 *
 *   loader ── channel ch ──┬─ logging: log_server RWSD, bound to Session_factory
 *                          └─ client i: log_server RWS
 */
import { L4_CAP_FPAGE_RWS, L4_CAP_FPAGE_RWSD } from '../l4re/cap.ts';
import type { Boot_config, Log_session, Log_system } from '../l4re/world.ts';
import { with_parts } from './parts.ts';
import { create_world, WORLD_PARTS, type World_parts } from './world.ts';

export function boot(config: Boot_config, swap?: Partial<World_parts>): Log_system {
  const p = with_parts(WORLD_PARTS, swap);
  const world = create_world(config, p);
  const ch = world.new_channel();
  const server = world.create_task('logging', { log_server: { channel: ch, rights: L4_CAP_FPAGE_RWSD } });
  const registry_server = new p.Registry_server(server, p);
  const registry = registry_server.registry;
  const console: string[] = [];
  const factory = new p.Session_factory(registry_server, console, p);
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
