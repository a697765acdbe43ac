/**
 * Alloc benchmark: every malloc-lab trace replayed check-free by each allocator
 * of BENCH_ALLOCATORS (impl and the model on the simulated world, @thi.ng/malloc,
 * AssemblyScript's TLSF in WebAssembly, native glibc), one allocator after the
 * other, each in a process of its own (alloc_worker.ts), then side by side.
 */
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { BENCH_ALLOCATORS } from './alloc_allocators.ts';
import type { Limits, Trace_run } from './alloc_run.ts';
import { BENCH_DIR } from './build.ts';

export interface Trace_row {
  /** Relative to the traces directory. */
  readonly file: string;
  /** By allocator name, one entry per BENCH_ALLOCATORS. */
  readonly runs: Readonly<Record<string, Trace_run>>;
}

const WORKER = join(BENCH_DIR, 'alloc_worker.ts');

/** `name`'s run on each file, in order, from a worker process started the way this one was (tsx). */
function runs_of(name: string, files: readonly string[], limits: Limits): Trace_run[] {
  const args = [...process.execArgv, WORKER, name, String(limits.min_ms), String(limits.cap_ms), ...files];
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 });
  if (child.status !== 0) throw new Error(`alloc worker for ${name} exited with ${child.status ?? child.signal}`);
  const out = JSON.parse(child.stdout) as { file: string; run: Trace_run }[];
  return files.map((f, i) => {
    if (out[i]?.file !== f) throw new Error(`alloc worker for ${name}: no run for ${f}`);
    return out[i].run;
  });
}

export function bench_alloc(dir: string, files: readonly string[], limits: Limits): Trace_row[] {
  const by_allocator = BENCH_ALLOCATORS.map((a) => runs_of(a.name, files, limits));
  return files.map((path, i) => ({
    file: relative(dir, path),
    runs: Object.fromEntries(BENCH_ALLOCATORS.map((a, k) => [a.name, by_allocator[k]![i]!])),
  }));
}
