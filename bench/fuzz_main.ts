/**
 * `npm run bench -- fuzz [--json FILE] [--seconds S]`: the fuzzer's power,
 * measured on l4check's planted bugs (world and allocator). Each bug gets
 * TRIALS fuzzing sessions from different seeds, each stopped at its first
 * counterexample or after S seconds (60); printed and saved per bug: the median
 * seconds to the first failure (before shrinking) and the median length of the
 * shrunk program, in calls.
 *
 *   {"bench":"fuzz","bugs":[{"name","found","seconds_to_failure","shrunk_length","trials","found_in"}]}
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fuzz_loop } from '../fuzz/loop.ts';
import { call_count } from '../properties/run_check.ts';
import { PLANTED_NAMES } from '../fuzz/planted.ts';
import { type Finding, open_target } from '../fuzz/targets.ts';
import type { Bench_options } from './bench_options.ts';

const TRIALS = 15;
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
  console.log(`fuzz benchmark: ${TRIALS} trials a bug, at most ${seconds} s each, ${cpus().length} cores, node ${process.version}`);
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
  if (json !== undefined) writeFileSync(json, `${JSON.stringify({ bench: 'fuzz', bugs }, null, 2)}\n`);
}
