/**
 * The score: CMU's malloc-lab scheme of 2016 and later, as its mdriver.c
 * computes it, every constant here. A trace's weight says what it counts for:
 * 0 nothing (checked, never scored), 1 both, 2 utilization only, 3 throughput
 * only.
 *   util        = the mean utilization over the traces that count for it
 *   throughput  = their ops over their cost, over the traces that count for
 *                 it, ÷ the same for the reference on the same traces (in the
 *                 same run), which is the reference's cost ÷ the submission's;
 *                 the cost of a replay is its seconds, or with `--throughput
 *                 instructions` the instructions it executes
 *   score       = 100 × (UTIL_WEIGHT × ramp(util, UTIL_RAMP)
 *                      + THROUGHPUT_WEIGHT × ramp(throughput, THROUGHPUT_RAMP))
 * Summing costs before dividing lets long traces, which time steadily,
 * outweigh short ones, whose few microseconds are mostly noise. Correctness
 * gates everything: only a passing submission is scored.
 */

/** A grading ramp: no points at or below `lo`, all of them at or above `hi`. */
export interface Ramp {
  readonly lo: number;
  readonly hi: number;
}

export const UTIL_RAMP: Ramp = { lo: 0.55, hi: 0.74 };
export const THROUGHPUT_RAMP: Ramp = { lo: 0.5, hi: 0.9 };
/** Each part's share of the score; they add up to 1. */
export const UTIL_WEIGHT = 0.6;
export const THROUGHPUT_WEIGHT = 0.4;

/** 0 at or below the ramp's `lo`, 1 at or above its `hi`, linear between. */
export function ramp(x: number, r: Ramp): number {
  return Math.min(1, Math.max(0, (x - r.lo) / (r.hi - r.lo)));
}

/** Whether a trace of `weight` counts for utilization. */
export function counts_for_util(weight: number): boolean {
  return weight === 1 || weight === 2;
}

/** Whether a trace of `weight` counts for throughput (and so is timed). */
export function counts_for_throughput(weight: number): boolean {
  return weight === 1 || weight === 3;
}

export interface Scored_trace {
  readonly weight: number;
  readonly util: number;
  readonly ops: number;
  /** The cost of one replay, the submission's and the reference's (0: not measured). */
  readonly cost: number;
  readonly reference_cost: number;
}

export interface Score {
  readonly score: number;
  /** The mean utilization over the traces that count for it. */
  readonly util: number;
  /** The submission's throughput ÷ the reference's. */
  readonly throughput: number;
  /** Ops per unit of cost over the traces that count for throughput (per second, or per instruction). */
  readonly ops_per_cost: number;
}

/** The score of a passing submission; 0 when no trace counts. */
export function score(traces: readonly Scored_trace[]): Score {
  const for_util = traces.filter((t) => counts_for_util(t.weight));
  const measured = traces.filter((t) => counts_for_throughput(t.weight) && t.cost > 0 && t.reference_cost > 0);
  const util = for_util.length === 0 ? 0 : for_util.reduce((s, t) => s + t.util, 0) / for_util.length;
  const cost = measured.reduce((s, t) => s + t.cost, 0);
  const ops = measured.reduce((s, t) => s + t.ops, 0);
  const throughput = cost === 0 ? 0 : measured.reduce((s, t) => s + t.reference_cost, 0) / cost;
  return {
    score: 100 * (UTIL_WEIGHT * ramp(util, UTIL_RAMP) + THROUGHPUT_WEIGHT * ramp(throughput, THROUGHPUT_RAMP)),
    util,
    throughput,
    ops_per_cost: cost === 0 ? 0 : ops / cost,
  };
}
