/**
 * One trace, start to end, as a plain result: read it, skip it if the
 * simulation cannot hold it, replay it with every check, then time a check-free
 * replay, and draw the heap's picture: its footprint over the checked replay
 * and, for impl's allocator, its map at the peak (heap_map.ts). Nothing here
 * throws: every outcome is a Trace_result.
 */
import type { Heap_picture } from './heap_picture.ts';
import { heap_map_at } from './heap_map.ts';
import { read_trace } from './read_trace.ts';
import { type Allocator_under_test, replay_checked, replay_timed, skip_reason } from './replay.ts';

export interface Trace_result {
  readonly file: string;
  readonly ok: boolean;
  readonly skipped?: string;
  readonly error?: string;
  readonly util: number;
  readonly ops_per_sec: number;
  readonly weight?: number;
  readonly ops: number;
  readonly warnings?: readonly string[];
  /** The heap's footprint over the checked replay and its map at the peak, where the allocator can be looked at. */
  readonly picture?: Heap_picture;
}

export interface Traces_summary {
  readonly ok: number;
  readonly failed: number;
  readonly skipped: number;
  /** Mean utilization over the traces that replayed correctly. */
  readonly avg_util: number;
  /** All their ops over all their check-free replay time, as mdriver totals it. */
  readonly ops_per_sec: number;
}

export function run_trace(file: string, a: Allocator_under_test): Trace_result {
  let trace;
  try {
    trace = read_trace(file);
  } catch (e) {
    return { file, ok: false, error: (e as Error).message, util: 0, ops_per_sec: 0, ops: 0 };
  }
  const base = {
    file,
    weight: trace.weight,
    ops: trace.ops.length,
    ...(trace.warnings.length > 0 ? { warnings: trace.warnings } : {}),
  };
  const skipped = skip_reason(trace);
  if (skipped !== undefined) return { ...base, ok: true, skipped, util: 0, ops_per_sec: 0 };
  try {
    const { util, footprint, peak_held, peak_held_op } = replay_checked(trace, a);
    const ops_per_sec = replay_timed(trace, a);
    const heap_map = peak_held > 0 ? heap_map_at(trace, a, peak_held_op) : undefined;
    const picture: Heap_picture = { footprint, ...(heap_map !== undefined ? { heap_map } : {}) };
    return { ...base, ok: true, util, ops_per_sec, picture };
  } catch (e) {
    return { ...base, ok: false, error: (e as Error).message, util: 0, ops_per_sec: 0 };
  }
}

export function summarize(results: readonly Trace_result[]): Traces_summary {
  const good = results.filter((r) => r.ok && r.skipped === undefined);
  const seconds = good.reduce((s, r) => s + (r.ops_per_sec > 0 ? r.ops / r.ops_per_sec : 0), 0);
  return {
    ok: good.length,
    failed: results.filter((r) => !r.ok).length,
    skipped: results.filter((r) => r.skipped !== undefined).length,
    avg_util: good.length === 0 ? 0 : good.reduce((s, r) => s + r.util, 0) / good.length,
    ops_per_sec: seconds === 0 ? 0 : good.reduce((s, r) => s + r.ops, 0) / seconds,
  };
}
