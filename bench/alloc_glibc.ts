/**
 * glibc's malloc as a benchmark allocator, through bench/native/replay.c built
 * with `cc -O2` (a build step of the benchmark). The C replayer times only its
 * replay loop and measures utilization against mallinfo2(); see its header.
 * The trace reaches it in the plain `.rep` form, written from the parsed trace
 * (sizes past 2^64 saturate in the replayer, and then fail as out of memory).
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Trace, Trace_op } from '../properties/trace/read_trace.ts';
import { guarded } from './alloc_run.ts';
import { BENCH_DIR, BUILD_DIR, build } from './build.ts';

const SOURCE = join(BENCH_DIR, 'native', 'replay.c');

/** The replayer's exit status when a request fails (or the trace cannot be read); it prints why. */
const FAILED = 3;

function op_line(op: Trace_op): string {
  return op.kind === 'f' ? `f ${op.id}` : `${op.kind} ${op.id} ${BigInt(op.size)}`;
}

/** `trace` in the form replay.c reads: header (weight, ids, ops, 0), one op a line. */
function plain_rep(trace: Trace): string {
  return `${trace.weight}\n${trace.num_ids}\n${trace.ops.length}\n0\n${trace.ops.map(op_line).join('\n')}\n`;
}

export const glibc_bench = guarded('glibc', (trace, { min_ms }) => {
  const replayer = build('replay', [SOURCE], 'cc', (out) => ['-O2', '-o', out, SOURCE]);
  const file = join(BUILD_DIR, 'trace.rep');
  writeFileSync(file, plain_rep(trace));
  const run = spawnSync(replayer, [file, String(min_ms)], { encoding: 'utf8' });
  if (run.error) throw run.error;
  if (run.status === FAILED) return { status: 'failed', reason: (JSON.parse(run.stdout) as { error: string }).error };
  if (run.status !== 0) throw new Error(`replay exited with ${run.status ?? run.signal}: ${run.stderr.trim()}`);
  const out = JSON.parse(run.stdout) as { ops: number; ms: number; util: number };
  return { status: 'completed', ops: trace.ops.length, ops_per_sec: out.ops / (out.ms / 1000), util: out.util };
});
