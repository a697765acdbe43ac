/**
 * Replaying and shrinking the threads' programs of a failed round
 * (thread_suite.ts). A race shows on some runs and not on others, so a
 * candidate counts as failing when FAILS of up to TRIES runs of it fail: one
 * lucky failure would let shrinking end at programs that hardly ever fail
 * again. The shrunk programs are then replayed REPLAYS times and the
 * failures counted.
 *
 * Shrinking first keeps each thread's ops up to the one it had started when
 * the round stopped, then, while the candidate still fails: drops one thread
 * (never below two), or cuts every thread, then one thread, to the first half
 * of its ops. A prefix of a program is a valid program: it frees only what it
 * made. Every run is bounded by the round's CPU limit and the whole by a
 * wall-time budget; what was found when it ran out is kept. The smaller the
 * programs, the fewer the chances to race: of the steps shrinking took, the
 * smallest whose replays fail WANTED of REPLAYS times is the counterexample
 * (thread_suite.ts).
 */
import type { Limit, Program, Threads_outcome } from './runner.ts';

/** A candidate fails when FAILS of at most TRIES runs of it fail. */
export const TRIES = 10;
export const FAILS = 2;
/** Runs of the shrunk programs whose failures are counted. */
export const REPLAYS = 10;
/** Failures of REPLAYS runs that make programs a counterexample worth replaying. */
export const WANTED = 3;

/** A threaded runner's round, bound to its runner. */
export type Threaded = (programs: readonly Program[], limit: Limit) => Promise<Threads_outcome>;
export type Thread_failure = Exclude<Threads_outcome, { readonly kind: 'ok' }>;

/** The first `n` ops of p. */
function prefix(p: Program, n: number): Program {
  return { num_ids: p.num_ids, ops: p.ops.slice(0, n) };
}

function ops_of(programs: readonly Program[]): number {
  return programs.reduce((n, p) => n + p.ops.length, 0);
}

/** Each thread's ops up to the one it had started (at least one op each). */
function cut_at(programs: readonly Program[], progress: readonly number[]): Program[] {
  return programs.map((p, t) => prefix(p, Math.max(1, Math.min(p.ops.length, (progress[t] ?? p.ops.length) + 1))));
}

/** The limit of a round of these programs: the CPU seconds of a program for every 10,000 ops, or more. */
export function round_limit(programs: readonly Program[], program_limit_s: number): Limit {
  return { cpu_s: program_limit_s * Math.max(1, ops_of(programs) / 10_000) };
}

/** The FAILS-th failure of up to TRIES runs, or undefined if fewer failed (or the deadline came first). */
async function reproduce(run: Threaded, programs: readonly Program[], limit: Limit, deadline: number): Promise<Thread_failure | undefined> {
  for (let k = 0, failed = 0; k < TRIES - FAILS + 1 + failed && performance.now() < deadline; k++) {
    const out = await run(programs, limit);
    if (out.kind !== 'ok' && ++failed === FAILS) return out;
  }
  return undefined;
}

/** Candidates one step smaller: without one thread, every thread halved, one thread halved. */
function smaller(programs: readonly Program[]): Program[][] {
  const halve = (p: Program) => prefix(p, Math.ceil(p.ops.length / 2));
  const drops = programs.length > 2 ? programs.map((_, t) => programs.filter((_p, u) => u !== t)) : [];
  const halves = programs.map((_, t) => programs.map((q, u) => (u === t ? halve(q) : q)));
  return [...drops, programs.map(halve), ...halves].filter((c) => c.length < programs.length || ops_of(c) < ops_of(programs));
}

export interface Shrunk {
  readonly programs: readonly Program[];
  /** The failure these programs showed last. */
  readonly failure: Thread_failure;
}

/**
 * Every program set shrinking took, each smaller than the one before: the
 * round's programs that failed first, then (if it fails) each thread's up to
 * the op it had started, then ever smaller ones; until `deadline`
 * (performance.now()).
 */
export async function shrink_threads(run: Threaded, programs: readonly Program[], failure: Thread_failure, limit_s: number, deadline: number): Promise<Shrunk[]> {
  const steps: Shrunk[] = [{ programs, failure }];
  for (let again = true; again && performance.now() < deadline; ) {
    again = false;
    const last = steps.at(-1)!.programs;
    for (const candidate of steps.length === 1 ? [cut_at(last, failure.progress), ...smaller(last)] : smaller(last)) {
      const out = await reproduce(run, candidate, round_limit(candidate, limit_s), deadline);
      if (out === undefined) continue;
      steps.push({ programs: candidate, failure: out });
      again = true;
      break;
    }
  }
  return steps;
}

/** How many of `times` runs fail, and how many ran before the deadline. */
export async function replay_count(run: Threaded, programs: readonly Program[], limit: Limit, times: number, deadline: number): Promise<{ readonly failed: number; readonly runs: number }> {
  let failed = 0;
  let runs = 0;
  for (; runs < times && performance.now() < deadline; runs++) if ((await run(programs, limit)).kind !== 'ok') failed++;
  return { failed, runs };
}
