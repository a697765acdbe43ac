/**
 * The score: CMU's malloc-lab scheme of 2016 and later, every constant here.
 * Over the traces of weight ≥ 1 that ran, weighted by their weight:
 *   util score       = ramp(util, UTIL_MIN → UTIL_MAX)
 *   throughput score = ramp(ops/s ÷ reference ops/s, THROUGHPUT_MIN → THROUGHPUT_MAX)
 *   score            = 100 × (UTIL_WEIGHT × mean util score + THROUGHPUT_WEIGHT × mean throughput score)
 * The reference is timed on the same machine in the same run. Correctness gates
 * everything: only a passing submission is scored.
 */
export const UTIL_MIN = 0.55;
export const UTIL_MAX = 0.74;
export const THROUGHPUT_MIN = 0.5;
export const THROUGHPUT_MAX = 0.9;
export const UTIL_WEIGHT = 0.6;
export const THROUGHPUT_WEIGHT = 0.4;
/** Traces below this weight are checked, never scored. */
export const MIN_SCORED_WEIGHT = 1;

/** 0 at or below `lo`, 1 at or above `hi`, linear between. */
export function ramp(x: number, lo: number, hi: number): number {
  return Math.min(1, Math.max(0, (x - lo) / (hi - lo)));
}

export interface Scored_trace {
  readonly weight: number;
  readonly util: number;
  readonly opsPerSec: number;
  readonly referenceOpsPerSec: number;
}

export interface Score {
  readonly score: number;
  /** Weighted means over the scored traces. */
  readonly util: number;
  readonly opsPerSec: number;
}

/** The score of a passing submission; 0 when no trace is scored. */
export function score(traces: readonly Scored_trace[]): Score {
  const scored = traces.filter((t) => t.weight >= MIN_SCORED_WEIGHT);
  const weights = scored.reduce((s, t) => s + t.weight, 0);
  if (weights === 0) return { score: 0, util: 0, opsPerSec: 0 };
  const mean = (f: (t: Scored_trace) => number) => scored.reduce((s, t) => s + t.weight * f(t), 0) / weights;
  const util_score = mean((t) => ramp(t.util, UTIL_MIN, UTIL_MAX));
  const throughput_score = mean((t) => ramp(t.referenceOpsPerSec > 0 ? t.opsPerSec / t.referenceOpsPerSec : 0, THROUGHPUT_MIN, THROUGHPUT_MAX));
  return {
    score: 100 * (UTIL_WEIGHT * util_score + THROUGHPUT_WEIGHT * throughput_score),
    util: mean((t) => t.util),
    opsPerSec: mean((t) => t.opsPerSec),
  };
}
