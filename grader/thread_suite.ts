/**
 * The thread-safety check (`l4check grade --threads N`; docs/GRADER.md,
 * "Threads"). It runs after the sequential checks, and only when they all
 * held: a bug that one thread shows is theirs to report, with a shorter
 * program.
 *
 * THREAD_ROUNDS rounds, each N threads of THREAD_OPS ops at once on one fresh
 * heap (thread_programs.ts, grader/native/threads.h), until one fails. Any
 * failure of a round is check `thread-safety`: a check of the driver's, a
 * crash, a hang, a misuse of the environment. Its counterexample is the
 * threads' programs shrunk (thread_shrink.ts) within shrink_ms, with how many
 * of REPLAYS replays of them fail (counted within shrink_ms again). A hang is
 * not shrunk: every attempt would cost its whole limit.
 */
import type { Found_failure } from './failure.ts';
import type { Program, Runner } from './runner.ts';
import { round_programs } from './thread_programs.ts';
import { REPLAYS, type Shrunk, type Thread_failure, type Threaded, WANTED, replay_count, round_limit, shrink_threads } from './thread_shrink.ts';

export const THREAD_ROUNDS = 20;
/** Ops of each thread's program in a round. */
export const THREAD_OPS = 2000;

export interface Thread_options {
  readonly threads: number;
  readonly seed: number;
  /** CPU seconds of a round for every 10,000 of its ops (thread_shrink.ts round_limit). */
  readonly program_limit_s: number;
  /** Wall time shrinking may take, and again the replays. */
  readonly shrink_ms: number;
}

/** What the check did: its threads, each one's ops in a round, the rounds it ran; `not run` when an earlier check failed. */
export interface Thread_safety {
  readonly threads: number;
  readonly ops_per_thread: number;
  readonly rounds: number;
  readonly outcome: 'pass' | 'fail' | 'not run';
}

export function thread_check_not_run(threads: number): Thread_safety {
  return { threads, ops_per_thread: THREAD_OPS, rounds: 0, outcome: 'not run' };
}

/** A round's failure as one message, led by its kind where the driver's check does not name it (`crash: killed by SIGSEGV ...`). */
export function thread_failure_text(f: Thread_failure): string {
  if (f.kind === 'fail') return f.check === 'thread-safety' ? f.message : `${f.check}: ${f.message}`;
  return `${f.kind}: ${f.message}`;
}

/**
 * The smallest of the programs shrinking went through whose replays fail
 * WANTED of REPLAYS times, or, when none does by the deadline, the one that
 * failed most often; with its failure and how many replays failed.
 */
async function most_reproducible(run: Threaded, steps: readonly Shrunk[], o: Thread_options): Promise<Shrunk & { readonly failed: number; readonly runs: number }> {
  const deadline = performance.now() + o.shrink_ms;
  let best: (Shrunk & { failed: number; runs: number }) | undefined;
  for (const step of [...steps].reverse()) {
    const counted = await replay_count(run, step.programs, round_limit(step.programs, o.program_limit_s), REPLAYS, deadline);
    if (best === undefined || counted.failed * best.runs > best.failed * counted.runs) best = { ...step, ...counted };
    if (counted.failed >= WANTED || performance.now() >= deadline) break;
  }
  return best!;
}

async function counterexample(run: Threaded, programs: readonly Program[], first: Thread_failure, where: string, o: Thread_options): Promise<Found_failure> {
  const steps = first.kind === 'timeout' ? [{ programs, failure: first }] : await shrink_threads(run, programs, first, o.program_limit_s, performance.now() + o.shrink_ms);
  const chosen = await most_reproducible(run, steps, o);
  const n = chosen.programs.length;
  const message = `${thread_failure_text(chosen.failure)}; reproduced in ${chosen.failed} of ${chosen.runs} replays of these ${n} threads' programs`;
  const thread = Math.max(0, Math.min(n - 1, chosen.failure.thread));
  return { check: 'thread-safety', where, message, program: chosen.programs[thread]!, threads: chosen.programs };
}

/** The check's rounds, and the failure of the first that failed, if one did. */
export async function thread_suite(runner: Runner, o: Thread_options): Promise<{ readonly summary: Thread_safety; readonly failure?: Found_failure }> {
  const threaded = runner.threaded?.bind(runner);
  if (threaded === undefined) throw new Error(`thread_suite: a ${runner.kind} runner runs one thread`);
  for (let round = 0; round < THREAD_ROUNDS; round++) {
    const programs = round_programs(o.seed, round, o.threads, THREAD_OPS);
    const out = await threaded(programs, round_limit(programs, o.program_limit_s));
    if (out.kind === 'ok') continue;
    const where = `--threads ${o.threads}, round ${round + 1} of ${THREAD_ROUNDS} (seed ${o.seed}, ${THREAD_OPS} ops a thread)`;
    const failure = await counterexample(threaded, programs, out, where, o);
    return { summary: { threads: o.threads, ops_per_thread: THREAD_OPS, rounds: round + 1, outcome: 'fail' }, failure };
  }
  return { summary: { threads: o.threads, ops_per_thread: THREAD_OPS, rounds: THREAD_ROUNDS, outcome: 'pass' } };
}
