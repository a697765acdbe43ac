/**
 * `tsx bench/alloc_worker.ts NAME MIN_MS CAP_MS FILE...`: one allocator of the
 * alloc benchmark over the given traces, in a process of its own so that no
 * other allocator's JIT feedback or garbage (wasm memories, 4 GiB pools)
 * weighs on its figures. Prints `[{file, run}]` as JSON, and one line to stderr
 * when done.
 *
 * Before timing, WARM_UP_MS of untimed runs over the first traces, so the
 * first traces are not measured on cold code.
 */
import { type Trace, read_trace } from '../properties/trace/read_trace.ts';
import { BENCH_ALLOCATORS } from './alloc_allocators.ts';
import type { Limits, Trace_run } from './alloc_run.ts';

const WARM_UP_MS = 1000;

const [name, min_ms, cap_ms, ...files] = process.argv.slice(2);
const allocator = BENCH_ALLOCATORS.find((a) => a.name === name);
if (allocator === undefined) throw new Error(`alloc_worker: no allocator ${JSON.stringify(name)}`);
const limits: Limits = { min_ms: Number(min_ms), cap_ms: Number(cap_ms) };

function trace_of(file: string): Trace | Trace_run {
  try {
    const trace = read_trace(file);
    return trace.ops.length === 0 ? { status: 'skipped', reason: 'the trace has no ops' } : trace;
  } catch (e) {
    return { status: 'failed', reason: (e as Error).message };
  }
}

/** One trace in memory at a time: a heap full of parsed traces would slow every GC the replays cause. */
const warm_until = performance.now() + WARM_UP_MS;
for (const file of files) {
  if (performance.now() > warm_until) break;
  const t = trace_of(file);
  if ('num_ids' in t) allocator.run(t, { min_ms: 0, cap_ms: warm_until - performance.now() });
}
const t0 = performance.now();
const runs = files.map((file) => {
  const t = trace_of(file);
  return { file, run: 'num_ids' in t ? allocator.run(t, limits) : t };
});
process.stderr.write(`${name}: ${files.length} traces in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
process.stdout.write(JSON.stringify(runs));
