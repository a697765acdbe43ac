/** The alloc benchmark's terminal output: a line per trace, the summary table, impl's ratios. */
import type { Trace_row } from './alloc.ts';
import { BENCH_ALLOCATORS } from './alloc_allocators.ts';
import type { Trace_run } from './alloc_run.ts';
import { type Allocator_summary, ratio_on_common } from './alloc_summary.ts';

const FILE_WIDTH = 56;
const CELL_WIDTH = 14;

/** 1234567 → "1.23M". */
export function si(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return n.toFixed(0);
}

function cell(r: Trace_run): string {
  if ('reason' in r) return r.status === 'skipped' ? 'skipped' : 'FAILED';
  return r.status === 'capped' ? `${si(r.ops_per_sec)} (cap)` : si(r.ops_per_sec);
}

export function trace_header(): string {
  return `${'trace (ops/s)'.padEnd(FILE_WIDTH)}${BENCH_ALLOCATORS.map((a) => a.name.padStart(CELL_WIDTH)).join('')}`;
}

export function trace_line({ file, runs }: Trace_row): string {
  return `${file.padEnd(FILE_WIDTH)}${BENCH_ALLOCATORS.map((a) => cell(runs[a.name]!).padStart(CELL_WIDTH)).join('')}`;
}

/** Columns: allocator, total ops/s, avg util, completed, capped, skipped, failed. */
export function summary_table(summaries: Readonly<Record<string, Allocator_summary>>): string[] {
  const lines = ['allocator        ops/s   avg util   completed   capped   skipped   failed'];
  for (const [name, s] of Object.entries(summaries)) {
    const capped = s.traces.length - s.completed;
    const util = s.avg_util === undefined ? '—' : `${(s.avg_util * 100).toFixed(1)}%`;
    lines.push(
      `${name.padEnd(10)}${si(s.ops_per_sec).padStart(11)}${util.padStart(11)}${String(s.completed).padStart(12)}${String(capped).padStart(9)}${String(s.skipped.length).padStart(10)}${String(s.failed.length).padStart(9)}`,
    );
  }
  return lines;
}

/** impl's total ops/s over `other`'s, and the same on the traces both completed. */
export function ratio_line(rows: readonly Trace_row[], summaries: Readonly<Record<string, Allocator_summary>>, other: string): string {
  const total = summaries.impl!.ops_per_sec / summaries[other]!.ops_per_sec;
  const common = ratio_on_common(rows, 'impl', other);
  return `impl / ${other}: ${total.toFixed(2)}x in total, ${common.ratio.toFixed(2)}x on the ${common.traces} traces both completed`;
}
