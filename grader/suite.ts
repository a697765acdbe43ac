/**
 * The correctness checks of one submission, through its Runner:
 * - the property suite: fast-check programs (grader/program_gen.ts), each run
 *   `checked`; fast-check shrinks a failure, keeping only failures of the first
 *   failure's kind and check;
 * - every trace, `checked`; the first failing trace is shrunk by delta
 *   debugging (grader/shrink.ts), the others are reported as they are.
 * Nothing here throws for what a submission does: every outcome is a value.
 */
import fc from 'fast-check';
import { read_trace } from '../properties/trace/read_trace.ts';
import { skip_reason } from '../properties/trace/replay.ts';
import { type Found_failure, check_of } from './failure.ts';
import { program_of, steps } from './program_gen.ts';
import type { Checked_outcome, Program, Run_failure, Runner } from './runner.ts';
import { same_failure, shrink_program } from './shrink.ts';

export interface Suite_options {
  readonly seed: number;
  readonly runs: number;
  readonly max_ops: number;
  /** Wall-clock limit of one property program. */
  readonly program_limit_s: number;
  /** Wall-clock limit of one trace. */
  readonly trace_limit_s: number;
  /** Time the property suite and the shrinking of one trace may take. */
  readonly budget_ms: number;
}

export const SUITE_DEFAULTS: Suite_options = {
  seed: 20261125,
  runs: 200,
  max_ops: 40,
  program_limit_s: 5,
  trace_limit_s: 60,
  budget_ms: 120_000,
};

/**
 * The property suite's counterexample, shrunk; undefined if every program passed.
 * A timeout is not shrunk: every attempt would cost the whole limit, and the
 * first program that runs out of time already shows the endless loop.
 */
export async function property_suite(runner: Runner, o: Suite_options): Promise<Found_failure | undefined> {
  let first: Run_failure | undefined;
  let last: { program: Program; failure: Run_failure } | undefined;
  const property = fc.asyncProperty(steps(o.max_ops), async (s) => {
    if (first?.kind === 'timeout') return true;
    const program = program_of(s);
    const out = await runner.checked(program, o.program_limit_s);
    if (out.kind === 'ok' || (first !== undefined && !same_failure(first, out))) return true;
    first ??= out;
    last = { program, failure: out };
    return false;
  });
  const details = await fc.check(property, { seed: o.seed, numRuns: o.runs, interruptAfterTimeLimit: o.budget_ms, markInterruptAsFailure: false });
  if (last === undefined) return undefined;
  const where = `property suite (seed ${o.seed}, ${details.numShrinks} shrinks)`;
  return { check: check_of(last.failure), where, message: last.failure.message, program: last.program };
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
 * Every trace, checked. After a timeout the remaining traces are not run: each
 * would cost the whole limit.
 */
export async function trace_suite(runner: Runner, files: readonly string[], o: Suite_options): Promise<Trace_suite> {
  const checks: Trace_check[] = [];
  const failures: Found_failure[] = [];
  for (const file of files) {
    const c = await check_trace(runner, file, o);
    checks.push(c);
    const out = c.outcome;
    if (out.kind === 'ok' || out.kind === 'skipped' || out.kind === 'unreadable') continue;
    const where = `${file}, op ${out.op}`;
    const check = check_of(out);
    if (failures.length > 0) failures.push({ check, where, message: out.message, program: c.program!, source: file });
    else {
      const shrunk = await shrink_trace(runner, c.program!, out, o);
      failures.push({ check, where, message: shrunk.failure.message, program: shrunk.program });
    }
    if (out.kind === 'timeout') break;
  }
  return { checks, failures };
}

async function check_trace(runner: Runner, file: string, o: Suite_options): Promise<Trace_check> {
  let trace;
  try {
    trace = read_trace(file);
  } catch (e) {
    return { file, weight: 0, outcome: { kind: 'unreadable', message: (e as Error).message } };
  }
  const skipped = skip_reason(trace);
  if (skipped !== undefined) return { file, weight: trace.weight, outcome: { kind: 'skipped', message: skipped } };
  const program = { num_ids: trace.num_ids, ops: trace.ops };
  return { file, weight: trace.weight, program, outcome: await runner.checked(program, o.trace_limit_s) };
}

/** The shrunk program, with the failure it shows (its message names the shrunk program's op). */
async function shrink_trace(runner: Runner, p: Program, failure: Run_failure, o: Suite_options): Promise<{ program: Program; failure: Run_failure }> {
  let last = failure;
  const fails = async (cand: Program) => {
    const out = await runner.checked(cand, o.trace_limit_s);
    if (!same_failure(failure, out)) return false;
    last = out as Run_failure;
    return true;
  };
  const program = await shrink_program(p, failure, fails, { budget_ms: o.budget_ms });
  return { program, failure: program === p ? failure : last };
}
