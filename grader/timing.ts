/**
 * Timing a submission against its reference on one trace: a sample of the
 * submission, then one of the reference, in turn, each side keeping its K
 * best (properties/trace/best_samples.ts) until they agree, it has taken
 * MAX_SAMPLES, or about `budget_ms` of wall time is spent (but never fewer
 * than K). Taken in turn, the two sides see the same machine: a
 * neighbour's load, a slower minute, land on both, and the ratio of their
 * fastest samples, which is what the score uses, barely moves.
 */
import { Best_samples } from '../properties/trace/best_samples.ts';
import type { Limit, Program, Run_failure, Runner } from './runner.ts';

export interface Paired_timing {
  /** Seconds of the fastest replay, the submission's and the reference's (0: the reference could not run it). */
  readonly seconds: number;
  readonly reference_seconds: number;
}

export async function time_against(sub: Runner, ref: Runner | undefined, p: Program, budget_ms: number, limit: Limit): Promise<Paired_timing | Run_failure> {
  const mine = new Best_samples();
  const theirs = new Best_samples();
  let ref_failed = ref === undefined;
  const begin = performance.now();
  for (;;) {
    const elapsed = performance.now() - begin;
    const more_mine = mine.more(elapsed, budget_ms);
    const more_theirs = !ref_failed && theirs.more(elapsed, budget_ms);
    if (!more_mine && !more_theirs) break;
    if (more_mine) {
      const t = await sub.timed(p, mine.taken === 0, limit);
      if (t.kind !== 'ok') return t;
      mine.add(t.seconds);
    }
    if (more_theirs) {
      const t = await ref!.timed(p, theirs.taken === 0, limit);
      if (t.kind === 'ok') theirs.add(t.seconds);
      else ref_failed = true;
    }
  }
  return { seconds: mine.fastest, reference_seconds: ref_failed ? 0 : theirs.fastest };
}
