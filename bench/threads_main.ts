/**
 * `npm run bench -- threads [--json FILE] [--seconds S]`: the Shared_heap
 * (impl/shared_heap.ts) from 1, 2 and 4 worker threads at once, in ops (calls
 * of malloc, free, realloc) a second over all threads, the same op mix
 * (properties/threads/thread_program.ts) with no work between calls; the
 * lock's cost against the same heap with the lock a no-op on one thread, and
 * impl's one-thread malloc (impl/malloc.ts) for scale; --seconds each (2), the
 * best of ROUNDS. Then HUNT_RUNS runs at 2 and 4 threads of the heap with its
 * lock, which must never fail, and of the missing-lock bug
 * (properties/planted/threads/): how many found it, and how long a run takes.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Shared_heap } from '../impl/shared_heap.ts';
import { run_threads } from '../properties/threads/run_threads.ts';
import { Run_clock } from '../properties/threads/run_clock.ts';
import { thread_program } from '../properties/threads/thread_program.ts';
import { ts_worker } from '../properties/ts_worker.ts';
import type { Bench_options } from './bench_options.ts';
import type { Bench_heap, Bench_job } from './threads.worker.ts';

const HEAP_BYTES = 1 << 22;
/** Steps of each thread's program, run over and over. */
const PROGRAM_STEPS = 10_000;

/** The table's lines: a heap and its threads. */
const ROWS = [['unlocked', 1], ['locked', 1], ['locked', 2], ['locked', 4], ['impl', 1]] as const;
/** Each line is measured once a round, the lines in turn, and keeps its best: on a shared machine, the least disturbed. */
const ROUNDS = 3;

/** One line of the table: a heap, how many threads share it, and their ops a second together. */
interface Row {
  readonly heap: Bench_heap;
  readonly threads: number;
  readonly ops_per_s: number;
}

/** Ops a second of `threads` threads on one heap of `kind` for `seconds`. */
async function measure(kind: Bench_heap, threads: number, seconds: number): Promise<Row> {
  const shared = { heap: Shared_heap.format(HEAP_BYTES), clock: Run_clock.create(), stop: new SharedArrayBuffer(4) };
  const workers = Array.from({ length: threads }, (_, id) => {
    const job: Bench_job = { heap_kind: kind, program: thread_program(7 + id, PROGRAM_STEPS), ...shared };
    const w = ts_worker(new URL('./threads.worker.ts', import.meta.url), { workerData: job });
    const ready = new Promise((resolve) => w.once('message', resolve));
    const calls = ready.then(() => new Promise<number>((resolve) => w.once('message', resolve)));
    return { ready, calls };
  });
  await Promise.all(workers.map((w) => w.ready));
  const t0 = performance.now();
  new Run_clock(shared.clock).start();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  Atomics.store(new Int32Array(shared.stop), 0, 1);
  const ms = performance.now() - t0;
  const calls = (await Promise.all(workers.map((w) => w.calls))).reduce((a, b) => a + b, 0);
  return { heap: kind, threads, ops_per_s: Math.round((calls * 1000) / ms) };
}

/** Runs at each thread count, with the lock and without, and steps a thread of each (as the hunt of properties/threads/threads.test.ts). */
const HUNT_RUNS = 20;
const HUNT_STEPS = 4000;

interface Hunt_row {
  /** The planted bug's name, or `none` for the heap with its lock: the control, which must never fail. */
  readonly bug: string;
  readonly threads: number;
  readonly runs: number;
  readonly found: number;
  /** Runs whose merged history alone was not linearizable. */
  readonly not_linearizable: number;
  readonly ms_per_run: number;
  /** How many runs failed first on each check: `overlap`, `pattern`, …. */
  readonly first: Readonly<Record<string, number>>;
}

async function hunt_row(bug: string | undefined, threads: number): Promise<Hunt_row> {
  const first: Record<string, number> = {};
  let found = 0;
  let not_linearizable = 0;
  const t0 = performance.now();
  for (let r = 0; r < HUNT_RUNS; r++) {
    const run = await run_threads({ threads, steps: HUNT_STEPS, seed: 1000 + r * threads, ...(bug === undefined ? {} : { bug }) });
    if (run.history === 'not linearizable') not_linearizable++;
    if (run.failure === null) continue;
    found++;
    const check = run.failure.split(/[:(]/)[0]!;
    first[check] = (first[check] ?? 0) + 1;
  }
  return { bug: bug ?? 'none', threads, runs: HUNT_RUNS, found, not_linearizable, ms_per_run: Math.round((performance.now() - t0) / HUNT_RUNS), first };
}

export async function threads_main({ json, seconds = 2 }: Bench_options): Promise<void> {
  console.log(`threads benchmark: ${seconds} s per measurement, ${availableParallelism()} cores, node ${process.version}`);
  console.log(`heap                     threads     ops/s (best of ${ROUNDS})`);
  const rows: Row[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, [kind, threads]] of ROWS.entries()) {
      const row = await measure(kind, threads, seconds);
      const best = rows[i];
      if (best === undefined || row.ops_per_s > best.ops_per_s) rows[i] = row;
    }
  }
  for (const row of rows) console.log(`${row.heap.padEnd(24)} ${String(row.threads).padStart(7)} ${String(row.ops_per_s).padStart(9)}`);
  const overhead = 1 - rows[1]!.ops_per_s / rows[0]!.ops_per_s;
  console.log(`the lock costs ${(overhead * 100).toFixed(1)}% of one thread's ops/s (no other thread wants it)`);
  console.log(`runs of ${HUNT_STEPS} steps a thread, with the lock (none) and with missing_lock planted`);
  const hunts: Hunt_row[] = [];
  for (const bug of [undefined, 'missing_lock']) {
    for (const threads of [2, 4]) {
      const h = await hunt_row(bug, threads);
      hunts.push(h);
      console.log(`${h.bug} at ${threads} threads: failed in ${h.found} of ${h.runs} runs, ${h.ms_per_run} ms a run; first failures ${JSON.stringify(h.first)}`);
      console.log(`  the history alone not linearizable in ${h.not_linearizable} of ${h.runs}`);
    }
  }
  if (json !== undefined) {
    writeFileSync(json, `${JSON.stringify({ bench: 'threads', cores: availableParallelism(), node: process.version, seconds, rows, lock_overhead: overhead, hunts }, null, 2)}\n`);
  }
}
