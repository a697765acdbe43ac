/**
 * Impl_world: the World facade over one Kernel, and the walk that checks every
 * structure of it.
 *
 *   loader table   slot 1 + c  ── channel c (an unbound gate, counted, RWSD)
 *                  a destroyed channel leaves the env slots naming it empty
 *   tasks          in creation order: slots 1, 2, … env caps mapped from the loader
 */
import { cap_of_slot, L4_CAP_FPAGE_R, L4_CAP_FPAGE_RWSD, type Cap } from '../l4re/cap.ts';
import type { Task } from '../l4re/task.ts';
import type { Channel, Env_cap, World, World_config, World_stats } from '../l4re/world.ts';
import type { Kernel } from './kernel.ts';
import { GATE } from './object_table.ts';
import { with_parts, type Parts } from './parts.ts';
import { Impl_task } from './task.ts';

/** Loader slot of channel 0; slot 0 stays empty. */
const FIRST_CHANNEL_SLOT = 1;

export class Impl_world implements World {
  protected channels = 0;

  constructor(readonly kernel: Kernel) {}

  new_channel(): Channel {
    const channel = this.channels++;
    this.kernel.create(this.kernel.loader, FIRST_CHANNEL_SLOT + channel, GATE, L4_CAP_FPAGE_RWSD);
    return channel;
  }

  create_task(name: string, caps: Readonly<Record<string, Env_cap>> = {}): Impl_task {
    const k = this.kernel;
    const task = new Impl_task(k, name);
    k.tasks.push(task);
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
    const k = this.kernel;
    let objects = 0;
    for (const s of k.servers) objects += s.registry.size();
    return {
      tasks: k.tasks.map((t) => ({ name: t.name, slots: t.cap_alloc.in_use(), regions: t.rm.regions() })),
      gates: k.objects.live.gates,
      dataspaces: k.objects.live.dataspaces,
      quota_used: k.quota.used,
      objects,
    };
  }

  debug_label(task: Task, cap: Cap): number | undefined {
    const k = this.kernel;
    if (!(task instanceof Impl_task) || task.kernel !== k) return undefined;
    const index = k.lookup_cap(task, cap);
    if (index < 0 || k.objects.kind[index] !== GATE || k.objects.server[index] == null) return undefined;
    return k.objects.label[index];
  }

  check_invariants(): void {
    const k = this.kernel;
    const o = k.objects;
    o.check_invariants();
    const tally = new Int32Array(o.capacity());
    for (const task of [k.loader, ...k.tasks]) {
      const t = task.table;
      for (let slot = 0; slot < t.capacity(); slot++) {
        const index = t.obj[slot]!;
        if (index < 0 || !o.is_live(index, t.gen[slot]!)) continue;
        if (!(t.rights[slot]! & L4_CAP_FPAGE_R)) throw new Error(`Cap_table of ${task.name}: slot ${slot} lacks R`);
        tally[index]! += t.counted[slot]!;
      }
      task.cap_alloc.check_invariants();
      task.rm.check_invariants();
      for (const r of task.rm.live_regions()) tally[r.ds]!++;
    }
    let charged = 0;
    for (let i = 0; i < o.capacity(); i++) {
      if (!o.is_live(i, o.gen[i]!)) continue;
      if (tally[i] !== o.count[i] || tally[i]! < 1) {
        throw new Error(`Object_table: object ${i} counts ${o.count[i]} counted copies, tables and regions hold ${tally[i]}`);
      }
      charged += o.ds[i]?.charge ?? 0;
    }
    if (charged !== k.quota.used) throw new Error(`Mem_alloc quota: ${k.quota.used} bytes used, live dataspaces charge ${charged}`);
    for (const s of k.servers) s.registry.check_invariants();
  }
}

export function create_world(config: World_config, parts?: Partial<Parts>): Impl_world {
  const p = with_parts(parts);
  return new Impl_world(new p.Kernel(config, p));
}
