/**
 * `npm run bench -- NAME [--json FILE] [--seconds S]`: benchmarks that print
 * figures; never run by `npm test`. Record results in docs/BENCHMARKS.md.
 *
 *   world   the mixed world workload at 10^3, 10^4 and 10^5 live objects
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { WORLDS } from '../properties/worlds.ts';
import { bench_world } from './world.ts';

const USAGE = 'usage: npm run bench -- world [--json FILE] [--seconds S] [--sizes N,N,...]';

function fail(msg: string): never {
  console.error(`bench: ${msg}\n${USAGE}`);
  process.exit(2);
}

function parse() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: { json: { type: 'string' }, seconds: { type: 'string' }, sizes: { type: 'string' } },
    });
  } catch (e) {
    return fail((e as Error).message);
  }
}

const { values, positionals } = parse();
const [name, ...rest] = positionals;
if (name === undefined) fail('name a benchmark');
if (rest.length > 0) fail(`unexpected argument ${JSON.stringify(rest[0])}`);
const seconds = values.seconds === undefined ? 3 : Number(values.seconds);
if (!(seconds > 0)) fail(`--seconds wants a positive number, got ${JSON.stringify(values.seconds)}`);
const sizes = (values.sizes ?? '1000,10000,100000').split(',').map((s) => {
  const n = Number(s);
  if (!Number.isInteger(n) || n <= 0) fail(`--sizes wants positive integers, got ${JSON.stringify(s)}`);
  return n;
});

if (name !== 'world') fail(`unknown benchmark ${JSON.stringify(name)}`);
const model = WORLDS.find((w) => w.name === 'model')!;
const impl = WORLDS.find((w) => w.name === 'impl')!;
console.log(`world benchmark: ${seconds} s per measurement, ${cpus().length} cores, node ${process.version}`);
console.log('live objects   impl ops/s   model ops/s   impl/model');
const results = bench_world(model, impl, sizes, seconds);
for (const r of results) {
  console.log(
    `${String(r.live).padStart(12)}  ${String(r.implOpsPerSec).padStart(11)}  ${String(r.modelOpsPerSec).padStart(12)}  ${(r.implOpsPerSec / r.modelOpsPerSec).toFixed(1).padStart(10)}x`,
  );
}
const first = results[0]!;
const last = results.at(-1)!;
console.log(`impl falls ${(first.implOpsPerSec / last.implOpsPerSec).toFixed(2)}x from ${first.live} to ${last.live} live objects`);
if (values.json !== undefined) writeFileSync(values.json, `${JSON.stringify({ bench: 'world', results }, null, 2)}\n`);
