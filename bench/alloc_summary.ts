/**
 * Per-allocator figures of the alloc benchmark, in the JSON shape
 * `{ops_per_sec, avg_util, traces: [{file, ops_per_sec, util}], skipped, failed}`.
 *
 * ops_per_sec = total ops / total replay time, one replay of each trace that ran
 * (a trace's time is its ops at its measured rate): completed traces, plus the
 * prefix a capped trace managed. avg_util is the mean over traces with a util.
 */
import type { Trace_row } from './alloc.ts';
import type { Trace_run } from './alloc_run.ts';

type Ran = Extract<Trace_run, { status: 'completed' | 'capped' }>;

export interface Trace_figures {
  readonly file: string;
  readonly ops_per_sec: number;
  readonly util?: number;
  /** Present when the time cap ended the replay: the figure is over a prefix. */
  readonly capped?: true;
}

export interface Allocator_summary {
  readonly ops_per_sec: number;
  readonly avg_util?: number;
  readonly completed: number;
  readonly traces: readonly Trace_figures[];
  readonly skipped: readonly { readonly file: string; readonly reason: string }[];
  readonly failed: readonly { readonly file: string; readonly reason: string }[];
}

/** Total ops / total time of one replay of each run; 0 when nothing ran. */
export function rate(runs: readonly Ran[]): number {
  const ops = runs.reduce((n, r) => n + r.ops, 0);
  const s = runs.reduce((t, r) => t + r.ops / r.ops_per_sec, 0);
  return s === 0 ? 0 : ops / s;
}

export function summarize(rows: readonly Trace_row[], name: string): Allocator_summary {
  const ran: Ran[] = [];
  const traces: Trace_figures[] = [];
  const skipped: { file: string; reason: string }[] = [];
  const failed: { file: string; reason: string }[] = [];
  for (const { file, runs } of rows) {
    const r = runs[name]!;
    if ('reason' in r) {
      (r.status === 'skipped' ? skipped : failed).push({ file, reason: r.reason });
      continue;
    }
    ran.push(r);
    traces.push({
      file,
      ops_per_sec: Math.round(r.ops_per_sec),
      ...(r.util === undefined ? {} : { util: Number(r.util.toFixed(4)) }),
      ...(r.status === 'capped' ? { capped: true as const } : {}),
    });
  }
  const utils = traces.flatMap((t) => (t.util === undefined ? [] : [t.util]));
  return {
    ops_per_sec: Math.round(rate(ran)),
    ...(utils.length === 0 ? {} : { avg_util: Number((utils.reduce((a, b) => a + b, 0) / utils.length).toFixed(4)) }),
    completed: ran.filter((r) => r.status === 'completed').length,
    traces,
    skipped,
    failed,
  };
}

/** a's rate over b's on the traces both completed, and how many those are. */
export function ratio_on_common(rows: readonly Trace_row[], a: string, b: string): { ratio: number; traces: number } {
  const both = rows.filter(({ runs }) => runs[a]!.status === 'completed' && runs[b]!.status === 'completed');
  const of = (name: string) => rate(both.map(({ runs }) => runs[name] as Ran));
  return { ratio: of(a) / of(b), traces: both.length };
}
