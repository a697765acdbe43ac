/**
 * `npm run fuzz -- [--minutes N] [--runs N] [--target world|alloc|grade:FILE] [--seed S] [--jobs N] [--out DIR] [--shrink-seconds S]`
 *
 * Hunts with fresh seeds (one seed per batch, counting up from --seed, the
 * clock by default), short and long programs in turn, on --jobs threads (1 by
 * default; one a core is full speed), until the time is up
 * (--minutes, 10 by default) or, with --runs, until that many programs ran:
 * the same work on any machine, whatever its speed (what the tests use).
 * A failure is shrunk for at most --shrink-seconds and written at once to DIR
 * (default reports/fuzz/) as a counterexample file; the same bug found again is
 * only counted, and not shrunk again. Ctrl-C stops cleanly (the current shrink ends with what it has);
 * a second Ctrl-C exits at once, having lost nothing written.
 *
 * `L4CHECK_PLANTED=<bug>` arms one of l4check's planted bugs in the impl (the
 * target defaults to the bug's: world or alloc), to see the fuzzer find it.
 *
 * Exit code: 0 nothing found, 1 a counterexample was found, 2 a usage error.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { call_count } from '../properties/run_check.ts';
import { type Counterexample, signature, write_counterexample } from './counterexample.ts';
import { PLANTED_ENV, planted_kind } from './planted.ts';
import { fuzz_jobs } from './jobs.ts';
import { type Fuzz_target, open_target } from './targets.ts';
import { type Output, outputs, write_all } from '../reports/outputs.ts';
import { Progress } from '../reports/progress.ts';
import type { Fuzz_finding, Fuzz_report } from '../reports/report.ts';

const USAGE = 'usage: npm run fuzz -- [--minutes N] [--runs N] [--target world|alloc|grade:FILE] [--seed S] [--jobs N] [--out DIR] [--shrink-seconds S] [--report terminal|json|junit|html]...';

/** A second SIGINT within this time of the first is the same Ctrl-C. */
const SIGINT_ECHO_MS = 1000;

interface Fuzz_options {
  /** Stop when this time is up (undefined: no time limit, with --runs). */
  readonly minutes: number | undefined;
  /** Stop once this many programs ran (undefined: as many as the time allows). */
  readonly runs: number | undefined;
  readonly target: string;
  readonly planted: string | undefined;
  readonly seed: number;
  /** Threads that hunt at once (fuzz/jobs.ts). */
  readonly jobs: number;
  readonly out: string;
  readonly shrink_ms: number;
  /** The formats asked for with --report (reports/outputs.ts). */
  readonly report: readonly string[] | undefined;
}

function usage_error(msg: string): never {
  console.error(`fuzz: ${msg}\n${USAGE}`);
  process.exit(2);
}

function positive(name: string, v: string | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!(n > 0)) usage_error(`--${name} wants a positive number, got ${JSON.stringify(v)}`);
  return n;
}

function options(): Fuzz_options {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        minutes: { type: 'string' },
        runs: { type: 'string' },
        target: { type: 'string' },
        seed: { type: 'string' },
        jobs: { type: 'string' },
        out: { type: 'string' },
        'shrink-seconds': { type: 'string' },
        report: { type: 'string', multiple: true },
      },
    }));
  } catch (e) {
    return usage_error((e as Error).message);
  }
  const planted = process.env[PLANTED_ENV] || undefined;
  let kind: string | undefined;
  try {
    kind = planted === undefined ? undefined : planted_kind(planted);
  } catch (e) {
    usage_error(`${PLANTED_ENV}: ${(e as Error).message}`);
  }
  const target = values.target ?? kind ?? 'world';
  if (kind !== undefined && target !== kind) usage_error(`${PLANTED_ENV}=${planted} is a bug of the ${kind} target, not of ${target}`);
  const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
  if (!Number.isSafeInteger(seed)) usage_error(`--seed wants an integer, got ${JSON.stringify(values.seed)}`);
  const runs = values.runs === undefined ? undefined : Number(values.runs);
  if (runs !== undefined && !(Number.isSafeInteger(runs) && runs > 0)) usage_error(`--runs wants a positive integer, got ${JSON.stringify(values.runs)}`);
  const jobs = values.jobs === undefined ? 1 : Number(values.jobs);
  if (!(Number.isSafeInteger(jobs) && jobs > 0)) usage_error(`--jobs wants a positive integer, got ${JSON.stringify(values.jobs)}`);
  return {
    minutes: values.minutes === undefined && runs !== undefined ? undefined : positive('minutes', values.minutes, 10),
    runs,
    target,
    planted,
    seed,
    jobs,
    out: values.out ?? join('reports', 'fuzz'),
    shrink_ms: positive('shrink-seconds', values['shrink-seconds'], 60) * 1000,
    report: values.report,
  };
}

function file_name(target: string): string {
  return target.replace(/[^\w.+-]+/g, '_');
}

async function fuzz(o: Fuzz_options, target: Fuzz_target, outs: readonly Output[]): Promise<number> {
  let stop = false;
  let first_sigint = 0;
  // One Ctrl-C can arrive twice: from the terminal, and relayed by tsx or npm.
  process.on('SIGINT', () => {
    if (stop && performance.now() - first_sigint > SIGINT_ECHO_MS) process.exit(130);
    first_sigint ||= performance.now();
    stop = true;
  });
  const t0 = performance.now();
  const deadline = o.minutes === undefined ? Infinity : t0 + o.minutes * 60_000;
  /** Each finding once, with how often it came up; `seen` maps its signatures, shrunk and as first found, to it. */
  const findings: Fuzz_finding[] = [];
  const seen = new Map<string, { times: number }>();
  let runs = 0;
  let commands = 0;
  const ran_all = () => o.runs !== undefined && runs >= o.runs;
  const time_up = () => performance.now() >= deadline;
  const stopped = () => stop || ran_all() || time_up();
  const progress = o.minutes === undefined ? new Progress('runs', o.runs!) : new Progress('seconds', Math.round(o.minutes * 60));
  const budget = [o.minutes === undefined ? [] : [`${o.minutes} min`], o.runs === undefined ? [] : [`${o.runs} runs`]].flat().join(' or ');
  console.log(`fuzzing ${target.name} for ${budget} from seed ${o.seed}${o.jobs > 1 ? ` on ${o.jobs} threads` : ''}; findings go to ${o.out}/`);
  const jobs = { spec: o.target, planted: o.planted, jobs: o.jobs, seed: o.seed, shrink_ms: o.shrink_ms, stopped, known: (sig: string) => seen.has(sig) };
  await fuzz_jobs(target, jobs, (h, seed) => {
    runs += h.runs;
    commands += h.commands;
    if (h.finding !== undefined) {
      const sig = signature(target.name, h.finding.failure);
      const first = signature(target.name, h.first_failure!);
      let f = seen.get(sig) ?? seen.get(first);
      if (f !== undefined) f.times++;
      else {
        mkdirSync(o.out, { recursive: true });
        const c: Counterexample = { l4check: 'counterexample', target: target.name, found: new Date().toISOString(), ...h.finding };
        const finding = { signature: sig, file: write_counterexample(o.out, `${file_name(target.name)}-${seed}`, c), times: 1, failure: h.finding.failure, transcript: h.finding.transcript };
        findings.push(finding);
        f = finding;
        const calls = call_count(h.finding.transcript);
        progress.note(`found: ${h.finding.failure.split('\n')[0]}\n  ${calls > 0 ? `${calls} calls, ` : ''}saved ${finding.file}\n  replay: npx l4check replay ${finding.file}`);
      }
      seen.set(sig, f);
      seen.set(first, f);
    }
    const s = (performance.now() - t0) / 1000;
    const done = o.minutes === undefined ? Math.min(runs, o.runs!) : Math.min(Math.round(s), Math.round(o.minutes * 60));
    progress.at(done, `${runs} runs  ${Math.round(commands / s)} commands/s  ${findings.length} found`);
  });
  const s = (performance.now() - t0) / 1000;
  progress.end();
  console.log(`${stop ? 'stopped' : ran_all() ? `ran ${runs} runs` : 'time is up'} after ${s.toFixed(0)} s`);
  const report: Fuzz_report = { command: 'fuzz', target: target.name, seed: o.seed, seconds: s, runs, commands, findings };
  write_all(outs, report);
  return findings.length > 0 ? 1 : 0;
}

const opts = options();
let target: Fuzz_target;
let outs: Output[];
try {
  target = await open_target(opts.target, opts.planted);
  outs = outputs('fuzz', opts.report, `${join(opts.out, `report-${file_name(target.name)}`)}/`, ['terminal', 'json']);
} catch (e) {
  usage_error((e as Error).message);
}
try {
  process.exitCode = await fuzz(opts, target, outs);
} finally {
  await target.close();
}
