/**
 * `npm run bench -- fuzz [--json FILE] [--seconds S]`: the fuzzer's speed and
 * power.
 *
 * Speed: each target with no bug armed fuzzes for THROUGHPUT_SECONDS, as
 * `npm run fuzz` does (short and long programs in turn), on one thread and on
 * one thread a core (--jobs), and its commands per second are printed:
 * property commands for world and alloc, ops of the checked programs for a C
 * and a TypeScript submission's grade.
 *
 * Power, on l4check's planted bugs (world and allocator): each bug gets TRIALS
 * fuzzing sessions from different seeds, each stopped at its first
 * counterexample or after S seconds (60); printed and saved per bug: the median
 * seconds to the first failure (before shrinking) and the median length of the
 * shrunk program, in calls.
 *
 *   {"bench":"fuzz","throughput":[{"target","jobs","commands","seconds","per_second"}],
 *    "bugs":[{"name","found","seconds_to_failure","shrunk_length","trials","found_in"}]}
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fuzz_jobs } from '../fuzz/jobs.ts';
import { fuzz_loop } from '../fuzz/loop.ts';
import { call_count } from '../properties/run_check.ts';
import { PLANTED_NAMES } from '../fuzz/planted.ts';
import { type Finding, open_target } from '../fuzz/targets.ts';
import type { Bench_options } from './bench_options.ts';

const TRIALS = 15;
/** How long each target fuzzes for the speed figures. */
const THROUGHPUT_SECONDS = 20;
/** The targets timed: the two properties, and the grade of a correct C and TypeScript allocator. */
const THROUGHPUT_TARGETS = ['world', 'alloc', 'grade:examples/mm/correct_first_fit.c', 'grade:examples/ts/correct_first_fit.ts'];
const SHRINK_MS = 30_000;
/** Trial t of every bug starts from this seed plus t times SEED_STRIDE. */
const FIRST_SEED = 1;
const SEED_STRIDE = 100_003;

interface Trial {
  /** Seconds to the first failure; undefined if none within the limit. */
  readonly seconds?: number;
  readonly finding?: Finding;
}

interface Bug_result {
  readonly name: string;
  readonly target: string;
  /** Found in more than half of the trials. */
  readonly found: boolean;
  /** Median over the trials, a trial that found nothing counting as infinitely long (null then). */
  readonly seconds_to_failure: number | null;
  /** Median length of the shrunk programs found, in calls. */
  readonly shrunk_length: number | null;
  readonly trials: number;
  readonly found_in: number;
}

interface Throughput {
  readonly target: string;
  readonly jobs: number;
  readonly commands: number;
  readonly seconds: number;
  readonly per_second: number;
}

/** Commands a second of `npm run fuzz --jobs N` on `spec`, with nothing armed, over THROUGHPUT_SECONDS. */
async function throughput(spec: string, jobs: number): Promise<Throughput> {
  const target = await open_target(spec, undefined);
  const t0 = performance.now();
  let commands = 0;
  const stopped = () => performance.now() - t0 > THROUGHPUT_SECONDS * 1000;
  await fuzz_jobs(target, { spec, planted: undefined, jobs, seed: FIRST_SEED, shrink_ms: 0, stopped, known: () => false }, (h) => {
    if (h.finding !== undefined) throw new Error(`bench fuzz: ${spec} failed with nothing armed: ${h.finding.failure.split('\n')[0]}`);
    commands += h.commands;
  });
  const seconds = (performance.now() - t0) / 1000;
  await target.close();
  return { target: spec, jobs, commands, seconds, per_second: Math.round(commands / seconds) };
}

/** The median of xs, with undefined as +infinity; null if that is the median. */
function median(xs: readonly (number | undefined)[]): number | null {
  const s = xs.map((x) => x ?? Number.POSITIVE_INFINITY).sort((a, b) => a - b);
  const m = s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  return Number.isFinite(m) ? m : null;
}

async function trial(bug: string, kind: string, seed: number, limit_s: number): Promise<Trial> {
  const target = await open_target(kind, bug);
  const t0 = performance.now();
  let spent = 0;
  let found: Trial | undefined;
  const stopped = () => found !== undefined || performance.now() - t0 > limit_s * 1000;
  await fuzz_loop(target, { seed, shrink_ms: SHRINK_MS, stopped }, (h) => {
    if (h.finding !== undefined && found === undefined) found = { seconds: (spent + h.failed_after_ms!) / 1000, finding: h.finding };
    spent = performance.now() - t0;
  });
  await target.close();
  return found ?? {};
}

export async function fuzz_main({ json, seconds = 60 }: Bench_options): Promise<void> {
  console.log(`fuzz benchmark: ${cpus().length} cores, node ${process.version}`);
  console.log(`speed: ${THROUGHPUT_SECONDS} s a target, nothing armed`);
  console.log('target                                          jobs  commands  seconds  commands/s');
  const speeds: Throughput[] = [];
  for (const spec of THROUGHPUT_TARGETS) {
    for (const jobs of new Set([1, cpus().length])) {
      const t = await throughput(spec, jobs);
      speeds.push(t);
      console.log(`${spec.padEnd(46)}${String(jobs).padStart(6)}${String(t.commands).padStart(10)}  ${t.seconds.toFixed(1).padStart(7)}  ${String(t.per_second).padStart(10)}`);
    }
  }
  console.log(`power: ${TRIALS} trials a bug, at most ${seconds} s each`);
  console.log('bug                                   target  found  median s  median calls');
  const bugs: Bug_result[] = [];
  for (const [name, kind] of Object.entries(PLANTED_NAMES)) {
    const trials: Trial[] = [];
    for (let t = 0; t < TRIALS; t++) trials.push(await trial(name, kind, FIRST_SEED + t * SEED_STRIDE, seconds));
    const found = trials.filter((t) => t.finding !== undefined);
    const r: Bug_result = {
      name,
      target: kind,
      found: found.length * 2 > TRIALS,
      seconds_to_failure: median(trials.map((t) => t.seconds)),
      shrunk_length: median(found.map((t) => call_count(t.finding!.transcript))),
      trials: TRIALS,
      found_in: found.length,
    };
    bugs.push(r);
    const s = r.seconds_to_failure === null ? '-' : r.seconds_to_failure.toFixed(2);
    console.log(`${name.padEnd(38)}${kind.padEnd(8)}${`${r.found_in}/${TRIALS}`.padStart(5)}  ${s.padStart(8)}  ${String(r.shrunk_length ?? '-').padStart(12)}`);
  }
  const all = median(bugs.map((b) => b.seconds_to_failure ?? undefined));
  console.log(`median over bugs: ${all === null ? '-' : `${all.toFixed(2)} s`}; slowest: ${Math.max(...bugs.map((b) => b.seconds_to_failure ?? Number.POSITIVE_INFINITY)).toFixed(2)} s`);
  if (json !== undefined) writeFileSync(json, `${JSON.stringify({ bench: 'fuzz', throughput: speeds, bugs }, null, 2)}\n`);
}
