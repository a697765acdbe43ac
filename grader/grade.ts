/**
 * Grading one submission: open (build), property suite, traces, robustness,
 * score. Every failure's program is saved as a .rep file in the submission's
 * folder under `out_dir`, with the command that replays it. Correctness gates
 * the score: only `pass` is scored. Never throws for what a submission does.
 */
import { threads_transcript, transcript } from './transcript.ts';
import type { Heap_picture } from '../properties/trace/heap_picture.ts';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Found_failure, Reported_failure } from './failure.ts';
import { grader_version } from './grader_version.ts';
import { type Opened, open_runner } from './open_runner.ts';
import type { References } from './references.ts';
import { write_rep } from './rep_file.ts';
import type { Limit, Program, Robustness, Runner, Submission_kind } from './runner.ts';
import { type Scored_trace, counts_for_throughput, counts_for_util, score } from './score.ts';
import type { Open_failure } from './ts_runner.ts';
import { type Suite_options, TIME_FACTOR, type Trace_check, type Trace_limit, property_suite, trace_suite } from './suite.ts';
import { type Thread_safety, thread_check_not_run, thread_suite } from './thread_suite.ts';
import { time_against } from './timing.ts';

export type Verdict = 'pass' | 'fail' | 'crash' | 'timeout' | 'build-error';

export interface Submission_result {
  readonly file: string;
  /** sha256 of the file's content, the grading options and the grader's version: a rerun skips a file whose result has the same. */
  readonly hash: string;
  readonly kind: Submission_kind | 'unknown';
  readonly verdict: Verdict;
  readonly failures: readonly Reported_failure[];
  /** Mean utilization over the traces that count for it; for a failing submission, over those it passed. */
  readonly util: number;
  /** Ops per second over the traces that count for throughput (0 with `--throughput instructions`). */
  readonly ops_per_sec: number;
  /** With `--throughput instructions`: instructions per op over those traces. */
  readonly instructions_per_op?: number;
  /** The throughput ÷ the reference's on the same traces (0 unless it passed). */
  readonly throughput?: number;
  readonly score: number;
  readonly robustness?: Robustness;
  /** Traces on which the allocator answered requests with null because the environment had no room. */
  readonly refused?: readonly Refused[];
  /** Of a passing submission: what each trace that counts for the score measured. */
  readonly traces?: readonly (Scored_trace & { readonly file: string })[];
  /** What the submission printed, capped. */
  readonly output?: string;
  /** The heap's pictures on one trace, where its runner can report them. */
  readonly picture?: Heap_picture & { readonly trace: string };
  /** With `--threads N`: what the thread-safety check did. */
  readonly threads?: Thread_safety;
}

export interface Refused {
  readonly trace: string;
  readonly requests: number;
  /** The largest refused request, in bytes. */
  readonly largest: number;
}

export interface Grade_options extends Suite_options {
  readonly traces: readonly string[];
  /** Counterexamples go to `out_dir/<submission name>/`. */
  readonly out_dir: string;
  readonly memory_mb: number;
  readonly heap_limit: number;
  /** Check-free replay time per trace for throughput, at most (the K best samples usually agree before). */
  readonly timed_ms: number;
  /** What a replay's cost is: its seconds, or (C kinds) its instructions counted under callgrind, the same on every run. */
  readonly throughput: 'time' | 'instructions';
  /** Threads of the thread-safety check (C kinds), after the sequential checks; none: no such check. */
  readonly threads?: number;
}

/** How much longer a replay takes under callgrind, at most. */
const VALGRIND_SLOWDOWN = 200;

/**
 * What a stored result stands for: the file's content, every option that
 * changes a verdict or a score, and the grader's version ('' when the file
 * cannot be read).
 */
export function result_key(file: string, o: Grade_options): string {
  const { out_dir: _, ...options } = o;
  try {
    return createHash('sha256').update(readFileSync(file)).update(JSON.stringify(options)).update(grader_version()).digest('hex');
  } catch {
    return '';
  }
}

function verdict_of(check: string): Verdict {
  if (check === 'timeout') return 'timeout';
  return check === 'crash' || check === 'memory' ? 'crash' : 'fail';
}

/** A failure's program is shown in reports up to this many calls (a shrunk one has a handful); a longer one only through its replay file. */
const SHOWN_PROGRAM_OPS = 100;

/** Save each failure's program (a thread-safety failure's, one file a thread); a failing trace that was not shrunk replays from the trace itself. */
function report(file: string, failures: readonly Found_failure[], out_dir: string): Reported_failure[] {
  const dir = join(out_dir, basename(file, extname(file)));
  return failures.map((f, i) => {
    const base = { check: f.check, where: f.where, message: f.message };
    if (f.source !== undefined) return { ...base, replay: `l4check replay ${f.source} --allocator ${file}` };
    mkdirSync(dir, { recursive: true });
    const name = `${i}-${f.check.replace(/\W+/g, '-')}`;
    const programs = f.threads ?? [f.program];
    const reps = programs.map((_, t) => join(dir, f.threads === undefined ? `${name}.rep` : `${name}-t${t}.rep`));
    programs.forEach((p, t) => write_rep(reps[t]!, p));
    const replay = `l4check replay ${reps.join(' ')} --allocator ${file}`;
    const ops = programs.reduce((n, p) => n + p.ops.length, 0);
    if (ops > SHOWN_PROGRAM_OPS) return { ...base, replay };
    return { ...base, replay, program: f.threads === undefined ? transcript(f.program.ops, [], f.program.ops.length - 1) : threads_transcript(f.threads) };
  });
}

/** The limit of a trace: the floor, or TIME_FACTOR times the reference's checked replay of it if that is more. */
function trace_limit(kind: Submission_kind, reference: Opened['reference'], o: Grade_options, refs: References): Trace_limit {
  const generous: Limit = { cpu_s: o.trace_limit_s * TIME_FACTOR };
  return (file: string, p: Program) => ({
    cpu_s: o.trace_limit_s,
    more: async () => TIME_FACTOR * ((await refs.checked_cpu_s(kind, reference, file, p, generous)) ?? 0),
  });
}

type Scored = Scored_trace & { readonly file: string };

/** A trace's cost and the reference's, in seconds or in instructions. */
type Measure = (c: Trace_check & { readonly program: Program }) => Promise<{ readonly cost: number; readonly reference_cost: number }>;

/**
 * Each passing trace that counts for the score, with its utilization and,
 * where it counts for throughput, its cost against the reference's: seconds
 * timed in turn with it (timing.ts), or instructions counted under callgrind.
 */
async function scored_traces(opened: Opened, checks: readonly Trace_check[], limit_of: Trace_limit, o: Grade_options, refs: References): Promise<Scored[]> {
  const scored = async (measure: Measure) => {
    const out: Scored[] = [];
    for (const c of checks) {
      if (c.outcome.kind !== 'ok' || c.program === undefined || !(counts_for_util(c.weight) || counts_for_throughput(c.weight))) continue;
      const costs = counts_for_throughput(c.weight) ? await measure({ ...c, program: c.program }) : { cost: 0, reference_cost: 0 };
      out.push({ file: c.file, weight: c.weight, util: c.outcome.util, ops: c.program.ops.length, ...costs });
    }
    return out;
  };
  const { kind, runner, counting } = opened;
  if (o.throughput === 'instructions') {
    if (counting === undefined) throw new Error(`grade_submission: a ${kind} submission has no instructions to count`);
    const counter = counting.runner();
    const limit = (c: Trace_check & { readonly program: Program }) => ({ cpu_s: limit_of(c.file, c.program).cpu_s * VALGRIND_SLOWDOWN });
    try {
      return await scored(async (c) => {
        const t = await counter.timed(c.program, true, limit(c));
        const reference_cost = (await refs.instructions(kind, counting.reference, c.file, c.program, limit(c))) ?? 0;
        return { cost: t.kind === 'ok' ? (t.instructions ?? 0) : 0, reference_cost };
      });
    } finally {
      await counter.close();
    }
  }
  const ref = await refs.runner(kind, opened.reference);
  return refs.timed(() =>
    scored(async (c) => {
      const t = await time_against(runner, ref, c.program, o.timed_ms, limit_of(c.file, c.program));
      return 'seconds' in t ? { cost: t.seconds, reference_cost: t.reference_seconds } : { cost: 0, reference_cost: 0 };
    }),
  );
}

/** The mean utilization of the traces a failing submission passed: how it uses memory where it runs at all. It scores nothing. */
function util_where_passed(checks: readonly Trace_check[]): number {
  return score(checks.flatMap((c) => (c.outcome.kind === 'ok' ? [{ weight: c.weight, util: c.outcome.util, ops: 0, cost: 0, reference_cost: 0 }] : []))).util;
}

/**
 * The footprint of the trace that counts for utilization where the heap held
 * the most bytes beyond its live payload (peak held - peak live), if the
 * runner sampled footprints (ts).
 */
function picture(checks: readonly Trace_check[]): Submission_result['picture'] {
  let best: Submission_result['picture'];
  let gap = -Infinity;
  for (const c of checks) {
    const f = c.outcome.kind === 'ok' && counts_for_util(c.weight) ? c.outcome.footprint : undefined;
    if (f === undefined || f.op.length === 0) continue;
    const g = Math.max(...f.held) - Math.max(...f.live);
    if (g > gap) {
      gap = g;
      best = { trace: c.file, footprint: f };
    }
  }
  return best;
}

function refused(checks: readonly Trace_check[]): Refused[] {
  return checks.flatMap((c) => (c.outcome.kind === 'ok' && c.outcome.refused > 0 ? [{ trace: c.file, requests: c.outcome.refused, largest: c.outcome.refused_max }] : []));
}

/** With `--threads`: the thread-safety check, when every sequential check held; its failure joins `found`. */
async function thread_check(runner: Runner, found: Found_failure[], o: Grade_options): Promise<Thread_safety | undefined> {
  if (o.threads === undefined) return undefined;
  if (found.length > 0) return thread_check_not_run(o.threads);
  const { summary, failure } = await thread_suite(runner, { ...o, threads: o.threads });
  if (failure !== undefined) found.push(failure);
  return summary;
}

export async function grade_submission(file: string, o: Grade_options, refs: References): Promise<Submission_result> {
  const base = { file, hash: result_key(file, o), util: 0, ops_per_sec: 0, score: 0 };
  const opened = await open_runner(file, o);
  if (!('runner' in opened)) {
    const f: Open_failure = opened;
    const check = f.kind === 'build-error' ? 'build' : f.kind;
    const verdict = f.kind === 'build-error' ? 'build-error' : verdict_of(f.kind);
    return { ...base, kind: 'unknown', verdict, failures: [{ check, where: 'loading the submission', message: f.message }] };
  }
  const { runner, kind } = opened;
  try {
    const found: Found_failure[] = [];
    const property = await property_suite(runner, o);
    if (property !== undefined) found.push(property);
    const limit_of = trace_limit(kind, opened.reference, o, refs);
    const traces = await trace_suite(runner, o.traces, o, limit_of, new Set(found.map((f) => f.check)));
    found.push(...traces.failures);
    const threads = await thread_check(runner, found, o);
    const timed_out = found.some((f) => f.check === 'timeout');
    const robustness = timed_out ? undefined : await runner.robustness({ cpu_s: o.program_limit_s });
    const failures = report(file, found, o.out_dir);
    const output = runner.output();
    const notes = refused(traces.checks);
    const common = {
      ...base,
      kind,
      failures,
      ...(robustness === undefined ? {} : { robustness }),
      ...(notes.length === 0 ? {} : { refused: notes }),
      ...(output === '' ? {} : { output }),
      ...(threads === undefined ? {} : { threads }),
    };
    if (found.length > 0) return { ...common, verdict: verdict_of(found[0]!.check), util: util_where_passed(traces.checks) };
    const scored = await scored_traces(opened, traces.checks, limit_of, o, refs);
    const s = score(scored);
    const per_cost = o.throughput === 'instructions' ? { instructions_per_op: s.ops_per_cost > 0 ? 1 / s.ops_per_cost : 0 } : { ops_per_sec: s.ops_per_cost };
    const drawn = kind === 'ts' ? picture(traces.checks) : undefined;
    return { ...common, verdict: 'pass', score: s.score, util: s.util, throughput: s.throughput, ...per_cost, traces: scored, ...(drawn === undefined ? {} : { picture: drawn }) };
  } finally {
    await runner.close();
  }
}
