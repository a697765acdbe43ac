/**
 * `npm run bench -- NAME [--json FILE] [--seconds S] [--sizes N,N,...]`:
 * benchmarks that print figures; never run by `npm test`. Record results in
 * docs/BENCHMARKS.md.
 *
 *   world   the mixed world workload at 10^3, 10^4 and 10^5 live objects
 *   alloc   every malloc-lab trace: impl, model, thi.ng, as-tlsf, glibc
 *   fuzz    commands a second per fuzz target; seconds to failure and shrunk length for every planted bug
 *   threads the shared heap's calls/s from 1, 2 and 4 worker threads, the lock's cost, how often the missing lock is found
 */
import { parseArgs } from 'node:util';
import { alloc_main } from './alloc_main.ts';
import { fuzz_main } from './fuzz_main.ts';
import type { Bench_options } from './bench_options.ts';
import { threads_main } from './threads_main.ts';
import { world_main } from './world_main.ts';

const BENCHMARKS: Readonly<Record<string, (options: Bench_options) => void | Promise<void>>> = {
  world: world_main,
  alloc: alloc_main,
  fuzz: fuzz_main,
  threads: threads_main,
};

const USAGE = `usage: npm run bench -- ${Object.keys(BENCHMARKS).join('|')} [--json FILE] [--seconds S] [--sizes N,N,...]`;

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
const run = Object.hasOwn(BENCHMARKS, name) ? BENCHMARKS[name]! : fail(`unknown benchmark ${JSON.stringify(name)}`);
const seconds = values.seconds === undefined ? undefined : Number(values.seconds);
if (seconds !== undefined && !(seconds > 0)) fail(`--seconds wants a positive number, got ${JSON.stringify(values.seconds)}`);
const sizes = values.sizes?.split(',').map((s) => {
  const n = Number(s);
  if (!Number.isInteger(n) || n <= 0) fail(`--sizes wants positive integers, got ${JSON.stringify(s)}`);
  return n;
});
await run({ json: values.json, seconds, sizes });
