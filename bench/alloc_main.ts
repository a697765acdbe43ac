/**
 * `npm run bench -- alloc`: every trace under TRACES_DIR, each allocator side by
 * side (see alloc.ts); --seconds caps each allocator's replay of one trace (1 s).
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { TRACES_DIR, trace_files } from '../properties/trace/trace_files.ts';
import { bench_alloc } from './alloc.ts';
import { BENCH_ALLOCATORS } from './alloc_allocators.ts';
import type { Limits } from './alloc_run.ts';
import { ratio_line, summary_table, trace_header, trace_line } from './alloc_report.ts';
import { summarize } from './alloc_summary.ts';
import type { Bench_options } from './bench_options.ts';

/** replay_timed's default: replays repeat until this much time is measured. */
const MIN_MS = 100;

export function alloc_main({ json, seconds = 1 }: Bench_options): void {
  const limits: Limits = { min_ms: MIN_MS, cap_ms: seconds * 1000 };
  const files = trace_files([TRACES_DIR]);
  console.log(
    `alloc benchmark: ${files.length} traces, check-free, >= ${MIN_MS} ms per trace, cap ${seconds} s per trace and allocator, ${cpus().length} cores, node ${process.version}`,
  );
  const rows = bench_alloc(TRACES_DIR, files, limits);
  console.log(trace_header());
  for (const row of rows) console.log(trace_line(row));
  const allocators = Object.fromEntries(BENCH_ALLOCATORS.map((a) => [a.name, summarize(rows, a.name)]));
  console.log();
  for (const line of summary_table(allocators)) console.log(line);
  console.log(ratio_line(rows, allocators, 'as-tlsf'));
  console.log(ratio_line(rows, allocators, 'glibc'));
  const bar = allocators.impl!.ops_per_sec >= 0.8 * allocators['as-tlsf']!.ops_per_sec;
  console.log(`acceptance (impl total ops/s >= 0.8x as-tlsf's): ${bar ? 'met' : 'NOT met'}`);
  if (json !== undefined) {
    const meta = { cores: cpus().length, node: process.version, min_ms: limits.min_ms, cap_ms: limits.cap_ms };
    writeFileSync(json, `${JSON.stringify({ bench: 'alloc', ...meta, allocators }, null, 2)}\n`);
  }
}
