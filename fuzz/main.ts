/**
 * `npm run fuzz -- [--minutes N] [--seed S] [--out DIR]`: run the world
 * properties with fresh seeds and long programs until the time is up. Each
 * counterexample is written to DIR (default reports/fuzz/) as JSON — seed,
 * path, the error and the shrunk program — and fuzzing goes on. Ctrl-C stops
 * cleanly and keeps every finding. Exit code 1 if anything was found.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type Check, run_check } from '../properties/check.ts';
import { WORLD_CHECKS } from '../properties/checks.ts';

const USAGE = 'usage: npm run fuzz -- [--minutes N] [--seed S] [--out DIR]';
/** Runs per seed: short enough that Ctrl-C and the deadline are noticed quickly. */
const RUNS_PER_SEED = 50;

function fail(msg: string): never {
  console.error(`fuzz: ${msg}\n${USAGE}`);
  process.exit(2);
}

function options() {
  let values;
  try {
    ({ values } = parseArgs({ options: { minutes: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' } } }));
  } catch (e) {
    return fail((e as Error).message);
  }
  const minutes = values.minutes === undefined ? 10 : Number(values.minutes);
  if (!(minutes > 0)) fail(`--minutes wants a positive number, got ${JSON.stringify(values.minutes)}`);
  const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
  if (!Number.isInteger(seed)) fail(`--seed wants an integer, got ${JSON.stringify(values.seed)}`);
  return { minutes, seed, out: values.out ?? join('reports', 'fuzz') };
}

const opts = options();
const targets: readonly Check[] = WORLD_CHECKS.filter((c) => c.expect === 'holds');
let stop = false;
process.on('SIGINT', () => {
  stop = true;
});

const t0 = performance.now();
const deadline = t0 + opts.minutes * 60_000;
let runs = 0;
let commands = 0;
let found = 0;
/** Off a terminal (CI logs) the progress line comes every REPORT_EVERY_S seconds. */
const REPORT_EVERY_S = 10;
let next_report = REPORT_EVERY_S;
console.log(`fuzzing ${targets.length} properties for ${opts.minutes} min from seed ${opts.seed}; findings go to ${opts.out}/`);
for (let seed = opts.seed; !stop && performance.now() < deadline; seed++) {
  const check = targets[seed % targets.length]!;
  const r = run_check(check, { seed, runs: RUNS_PER_SEED });
  runs += r.runs;
  commands += r.commands;
  if (!r.ok && r.counterexample) {
    found++;
    mkdirSync(opts.out, { recursive: true });
    const file = join(opts.out, `world-${seed}.json`);
    writeFileSync(file, `${JSON.stringify({ property: r.name, seed, ...r.counterexample }, null, 2)}\n`);
    process.stdout.write(`\nfound: ${r.counterexample.error.split('\n')[0]}\n  saved ${file}\n`);
  }
  const s = (performance.now() - t0) / 1000;
  const line = `${s.toFixed(0)} s  ${runs} runs  ${Math.round(commands / s)} commands/s  ${found} found`;
  if (process.stdout.isTTY) process.stdout.write(`\r${line}   `);
  else if (s >= next_report) {
    console.log(line);
    next_report += REPORT_EVERY_S;
  }
}
process.stdout.write(`\n${stop ? 'stopped' : 'time is up'}: ${runs} runs, ${commands} commands, ${found} found\n`);
process.exitCode = found > 0 ? 1 : 0;
