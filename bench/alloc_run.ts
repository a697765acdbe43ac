/**
 * What one allocator did with one trace in the alloc benchmark, and the shape
 * every allocator the benchmark drives has.
 */
import type { Trace } from '../properties/trace/read_trace.ts';
import type { Timing } from '../properties/trace/replay.ts';

/**
 * - completed: at least one whole replay was timed; `ops` is the trace's length;
 * - capped: the time cap ended the first replay; `ops` is the prefix that ran;
 * - skipped / failed: nothing was timed, `reason` says why (failed: a request
 *   the allocator could not serve, or an error).
 * `ops_per_sec` is over all the replay time measured; `util` is absent where it
 * was not measured (no measure, or its replay hit the cap).
 */
export type Trace_run =
  | { readonly status: 'completed' | 'capped'; readonly ops: number; readonly ops_per_sec: number; readonly util?: number }
  | { readonly status: 'skipped' | 'failed'; readonly reason: string };

export interface Limits {
  /** Replays repeat until this much replay time is measured, like replay_timed. */
  readonly min_ms: number;
  /** A replay (timed or for utilization) stops after this much time on one trace. */
  readonly cap_ms: number;
}

export interface Bench_allocator {
  readonly name: string;
  /** Never throws: what goes wrong is a failed run. */
  run(trace: Trace, limits: Limits): Trace_run;
}

/** `run`, with any exception turned into a failed run. */
export function guarded(name: string, run: (trace: Trace, limits: Limits) => Trace_run): Bench_allocator {
  return {
    name,
    run(trace, limits) {
      try {
        return run(trace, limits);
      } catch (e) {
        return { status: 'failed', reason: (e as Error).message };
      }
    },
  };
}

/** A timed run; `util` undefined when it was not measured. */
export function timed_run({ ops, ops_per_sec, capped }: Timing, util: number | undefined): Trace_run {
  return { status: capped ? 'capped' : 'completed', ops, ops_per_sec, ...(util === undefined ? {} : { util }) };
}
