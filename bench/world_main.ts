/** `npm run bench -- world`: the world table (see world.ts); --seconds per measurement (3), --sizes of the world (10^3, 10^4, 10^5). */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { WORLDS } from '../properties/worlds.ts';
import type { Bench_options } from './bench_options.ts';
import { bench_world } from './world.ts';

export function world_main({ json, seconds = 3, sizes = [1000, 10000, 100000] }: Bench_options): void {
  const model = WORLDS.model;
  const impl = WORLDS.impl;
  console.log(`world benchmark: ${seconds} s per measurement, ${cpus().length} cores, node ${process.version}`);
  console.log('live objects   impl ops/s   model ops/s   impl/model');
  const results = bench_world(model, impl, sizes, seconds);
  for (const r of results) {
    console.log(
      `${String(r.live).padStart(12)}  ${String(r.impl_ops_per_sec).padStart(11)}  ${String(r.model_ops_per_sec).padStart(12)}  ${(r.impl_ops_per_sec / r.model_ops_per_sec).toFixed(1).padStart(10)}x`,
    );
  }
  const first = results[0]!;
  const last = results.at(-1)!;
  console.log(`impl falls ${(first.impl_ops_per_sec / last.impl_ops_per_sec).toFixed(2)}x from ${first.live} to ${last.live} live objects`);
  if (json !== undefined) writeFileSync(json, `${JSON.stringify({ bench: 'world', results }, null, 2)}\n`);
}
