/**
 * The correctness checks of one submission, through its Runner:
 * - the property suite: fast-check programs (grader/program_gen.ts), each run
 *   `checked`; fast-check shrinks a failure, keeping only failures of the first
 *   failure's kind and check;
 * - every trace, `checked`. The first failure of each check not shrunk yet is
 *   shrunk by delta debugging (grader/shrink.ts); later failures of a check
 *   already shown are listed as they are, so a buggy submission's grading time
 *   stays bounded.
 *
 * Time limits are CPU seconds (runner.ts Limit): a property program gets
 * `program_limit_s`; a trace `trace_limit_s`, or TIME_FACTOR times what the
 * reference's checked replay of the same trace takes in the same run, if that
 * is more (asked only when a submission uses up the floor).
 *
 * Nothing here throws for what a submission does: every outcome is a value.
 */
import fc from 'fast-check';
import { read_trace } from '../properties/trace/read_trace.ts';
import { skip_reason } from '../properties/trace/replay.ts';
import { type Found_failure, check_of } from './failure.ts';
import { program_of, steps } from './program_gen.ts';
import type { Checked_outcome, Limit, Program, Run_failure, Runner } from './runner.ts';
import { same_failure, shrink_program, with_teardown } from './shrink.ts';

export interface Suite_options {
  readonly seed: number;
  readonly runs: number;
  readonly max_ops: number;
  /** CPU seconds of one property program. */
  readonly program_limit_s: number;
  /** CPU seconds every trace may take (more if the reference needs it: TIME_FACTOR). */
  readonly trace_limit_s: number;
  /** Wall time the property suite may take. */
  readonly budget_ms: number;
  /** Wall time shrinking one check's first failing trace may take. */
  readonly shrink_ms: number;
}

export const SUITE_DEFAULTS: Suite_options = {
  seed: 20261125,
  runs: 200,
  max_ops: 40,
  program_limit_s: 5,
  trace_limit_s: 10,
  budget_ms: 120_000,
  shrink_ms: 20_000,
};

/** A trace may take this many times the CPU time of the reference's checked replay of it. */
export const TIME_FACTOR = 50;

/** The limit of a trace's replays: the floor, or more once the reference has been timed on it. */
export type Trace_limit = (file: string, p: Program) => Limit;

/** The failure found, with its program (the teardown's frees written out when it failed there). */
function found(check: string, where: string, failure: Run_failure, program: Program, source?: string): Found_failure {
  const p = failure.op >= program.ops.length ? with_teardown(program) : program;
  return { check, where, message: failure.message, program: p, ...(source === undefined || p !== program ? {} : { source }) };
}

/**
 * The property suite's counterexample, shrunk; undefined if every program passed.
 * A timeout is not shrunk: every attempt would cost the whole limit, and the
 * first program that runs out of time already shows the endless loop.
 */
export async function property_suite(runner: Runner, o: Suite_options): Promise<Found_failure | undefined> {
  let first: Run_failure | undefined;
  let last: { program: Program; failure: Run_failure } | undefined;
  const limit = { cpu_s: o.program_limit_s };
  const property = fc.asyncProperty(steps(o.max_ops), async (s) => {
    if (first?.kind === 'timeout') return true;
    const program = program_of(s);
    const out = await runner.checked(program, limit);
    if (out.kind === 'ok' || (first !== undefined && !same_failure(first, out))) return true;
    first ??= out;
    last = { program, failure: out };
    return false;
  });
  const details = await fc.check(property, { seed: o.seed, numRuns: o.runs, interruptAfterTimeLimit: o.budget_ms, markInterruptAsFailure: false });
  if (last === undefined) return undefined;
  return found(check_of(last.failure), `property suite (seed ${o.seed}, ${details.numShrinks} shrinks)`, last.failure, last.program);
}

/** A trace's checked outcome; `skipped` when it cannot run, `unreadable` when malformed. */
export interface Trace_check {
  readonly file: string;
  readonly weight: number;
  readonly program?: Program;
  readonly outcome: Checked_outcome | { readonly kind: 'skipped'; readonly message: string } | { readonly kind: 'unreadable'; readonly message: string };
}

export interface Trace_suite {
  readonly checks: readonly Trace_check[];
  readonly failures: readonly Found_failure[];
}

/**
 * Every trace, checked; `shown` holds the checks whose failure is already
 * shrunk (the property suite's), and gets those shrunk here. After a timeout
 * the remaining traces are not run: each could cost the whole limit.
 */
export async function trace_suite(runner: Runner, files: readonly string[], o: Suite_options, limit_of: Trace_limit, shown: Set<string>): Promise<Trace_suite> {
  const checks: Trace_check[] = [];
  const failures: Found_failure[] = [];
  for (const file of files) {
    const c = await check_trace(runner, file, limit_of);
    checks.push(c);
    const out = c.outcome;
    if (out.kind === 'ok' || out.kind === 'skipped' || out.kind === 'unreadable') continue;
    const where = `${file}, op ${out.op}`;
    const check = check_of(out);
    if (shown.has(check) || out.kind === 'timeout') failures.push(found(check, where, out, c.program!, file));
    else {
      shown.add(check);
      const shrunk = await shrink_trace(runner, with_teardown(c.program!), out, o, limit_of(file, c.program!));
      failures.push(found(check, where, shrunk.failure, shrunk.program));
    }
    if (out.kind === 'timeout') break;
  }
  return { checks, failures };
}

async function check_trace(runner: Runner, file: string, limit_of: Trace_limit): Promise<Trace_check> {
  let trace;
  try {
    trace = read_trace(file);
  } catch (e) {
    return { file, weight: 0, outcome: { kind: 'unreadable', message: (e as Error).message } };
  }
  const skipped = skip_reason(trace);
  if (skipped !== undefined) return { file, weight: trace.weight, outcome: { kind: 'skipped', message: skipped } };
  const program = { num_ids: trace.num_ids, ops: trace.ops, file };
  return { file, weight: trace.weight, program, outcome: await runner.checked(program, limit_of(file, program)) };
}

/** The shrunk program, with the failure it shows (its message names the shrunk program's op). */
async function shrink_trace(runner: Runner, p: Program, failure: Run_failure, o: Suite_options, limit: Limit): Promise<{ program: Program; failure: Run_failure }> {
  let last = failure;
  const fails = async (cand: Program) => {
    const out = await runner.checked(cand, limit);
    if (!same_failure(failure, out)) return false;
    last = out as Run_failure;
    return true;
  };
  const program = await shrink_program(p, failure, fails, { budget_ms: o.shrink_ms });
  return { program, failure: program === p ? failure : last };
}
