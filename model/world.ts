/**
 * The model world: the kernel, the loader (ned) with its channels, the tasks in
 * creation order and the registry servers started in them.
 */
import { type Cap, L4_CAP_FPAGE_RWSD, cap_of_slot } from '../l4re/cap.ts';
import { L4RE_CAP_ALLOC_BASE, L4RE_CAP_ALLOC_SLOTS } from '../l4re/mem.ts';
import type { Task as Task_api } from '../l4re/task.ts';
import type { Channel, Env_cap, World as World_api, World_config, World_stats } from '../l4re/world.ts';
import { Kernel } from './kernel.ts';
import type { Kobject, Obj_space } from './obj_space.ts';
import { Registry_server } from './registry_server.ts';
import { Task } from './task.ts';

export class World implements World_api {
  readonly kernel: Kernel;
  /** The loader's object space: channel n is a counted copy in slot n, kept for good. */
  private readonly loader: Obj_space;
  private channels = 0;
  private readonly tasks: Task[] = [];
  private readonly servers: Registry_server[] = [];

  constructor(private readonly config: World_config) {
    this.kernel = new Kernel(config.quota);
    this.loader = this.kernel.new_space('loader');
  }

  new_channel(): Channel {
    const ch = this.channels++;
    this.kernel.create_gate(this.loader, ch, L4_CAP_FPAGE_RWSD);
    return ch;
  }

  create_task(name: string, caps: Readonly<Record<string, Env_cap>> = {}): Task {
    const env = Object.entries(caps);
    if (env.length >= L4RE_CAP_ALLOC_BASE) throw new Error(`create_task ${name}: ${env.length} environment capabilities`);
    const t = new Task(name, this.kernel, this.config.cap_alloc_slots ?? L4RE_CAP_ALLOC_SLOTS);
    env.forEach(([cap_name, { channel, rights }], i) => {
      if (!Number.isInteger(channel) || channel < 0 || channel >= this.channels) {
        throw new Error(`create_task ${name}: no channel ${channel}`);
      }
      t.env.set(cap_name, i + 1);
      this.kernel.map(this.loader, cap_of_slot(channel), t.space, cap_of_slot(i + 1), rights);
    });
    this.tasks.push(t);
    return t;
  }

  /** Start a Registry_server in `task`; its registry counts in stats().objects. */
  registry_server(task: Task): Registry_server {
    const s = new Registry_server(this.kernel, task);
    this.servers.push(s);
    return s;
  }

  stats(): World_stats {
    let gates = 0;
    let dataspaces = 0;
    for (const o of this.kernel.objects) {
      if (o.kind === 'gate') gates++;
      else dataspaces++;
    }
    return {
      tasks: this.tasks.map((t) => ({ name: t.name, slots: t.cap_alloc.in_use(), regions: t.rm.regions() })),
      gates,
      dataspaces,
      quota_used: this.kernel.quota_used,
      objects: this.servers.reduce((n, s) => n + s.registry.size(), 0),
    };
  }

  check_invariants(): void {
    const region_refs = new Map<Kobject, number>();
    for (const t of this.tasks) {
      t.cap_alloc.check_invariants();
      t.rm.check_invariants();
      for (const r of t.rm.list) if (r.ds.alive) region_refs.set(r.ds, (region_refs.get(r.ds) ?? 0) + 1);
    }
    this.kernel.check_invariants(region_refs);
    for (const s of this.servers) s.registry.check_invariants();
  }

  debug_label(task: Task_api, cap: Cap): number | undefined {
    const t = this.tasks.find((x) => x === task);
    if (t === undefined) return undefined;
    const e = this.kernel.lookup(t.space, cap);
    return e?.obj.kind === 'gate' ? e.obj.binding?.label : undefined;
  }
}

export function create_world(config: World_config): World {
  return new World(config);
}
