/**
 * One thread of the threads benchmark (threads_main.ts), in a Worker
 * (properties/ts_worker.ts): its allocator, then, once the run's clock
 * starts, its program's calls over and over until the stop flag is set,
 * with no checks and no work between calls: the worst case for a lock, which
 * every thread wants all the time. Posts the calls it made before the stop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Shared_heap } from '../impl/shared_heap.ts';
import type { Allocator } from '../l4re/alloc.ts';
import { ALLOCATORS } from '../properties/allocators.ts';
import { planted_thread_parts } from '../properties/planted/threads/index.ts';
import { Run_clock } from '../properties/threads/run_clock.ts';
import { type Thread_step, thread_call } from '../properties/threads/thread_program.ts';
import { replay_task } from '../properties/trace/replay.ts';

/** The allocators a row may time: the shared heap with its lock, the same with the lock a no-op, impl's one-thread malloc. */
export type Bench_heap = 'locked' | 'unlocked' | 'impl';

export interface Bench_job {
  readonly heap_kind: Bench_heap;
  readonly program: readonly Thread_step[];
  readonly heap: SharedArrayBuffer;
  /** Only its start: the timed calls are not recorded. */
  readonly clock: SharedArrayBuffer;
  /** One word, set to 1 when the time is up. */
  readonly stop: SharedArrayBuffer;
}

/** Calls between two looks at the stop flag. */
const STOP_EVERY = 256;

function allocator(job: Bench_job): Allocator {
  if (job.heap_kind === 'impl') return ALLOCATORS.impl.create_malloc(replay_task(ALLOCATORS.impl));
  return new Shared_heap(job.heap, planted_thread_parts(job.heap_kind === 'unlocked' ? 'missing_lock' : null));
}

const job = workerData as Bench_job;
const a = allocator(job);
const stop = new Int32Array(job.stop);
const live: number[] = [];
let calls = 0;
parentPort!.postMessage('ready');
new Run_clock(job.clock).wait_start();
while (Atomics.load(stop, 0) === 0) {
  for (let i = 0; i < STOP_EVERY; i++, calls++) {
    const c = thread_call(job.program[calls % job.program.length]!, live.length);
    if (c.op === 'malloc') {
      const p = a.malloc(c.size);
      if (p !== 0) live.push(p);
    } else if (c.op === 'free') {
      a.free(live[c.at]!);
      live.splice(c.at, 1);
    } else {
      const q = a.realloc(live[c.at]!, c.size);
      if (q > 0) live[c.at] = q;
    }
  }
}
for (const p of live) a.free(p);
parentPort!.postMessage(calls);
