/**
 * Fuzzing on several cores: job 0 runs in this thread on `target`, jobs 1 to
 * jobs - 1 in worker threads on targets of their own; job j hunts seeds
 * seed + j, seed + j + jobs, …, and every hunt of every job reaches `each`
 * here, which keeps the findings.
 *
 * Invariants: every job stops within one run of `stopped()` turning true (a
 * shared flag the workers read, set here whenever this thread breathes or
 * hears from a job); a failure signature any job reported is known to every
 * job from its next breath on, so a bug is shrunk twice only if two jobs met
 * it at once.
 */
import type { Worker } from 'node:worker_threads';
import { ts_worker } from '../properties/ts_worker.ts';
import { signature } from './counterexample.ts';
import { type Loop_options, fuzz_loop } from './loop.ts';
import type { Fuzz_target, Hunt } from './targets.ts';

export interface Jobs_options extends Omit<Loop_options, 'stride' | 'known'> {
  /** `world`, `alloc` or `grade:FILE`: what each worker opens. */
  readonly spec: string;
  readonly planted: string | undefined;
  readonly jobs: number;
  /** Whether a failure signature (counterexample.ts) was found already: it is not shrunk again. */
  readonly known: (sig: string) => boolean;
}

/** What a job posts: a hunt and its seed, or that it has stopped (with its error, if it failed). */
export type Job_message = { readonly hunt: Hunt; readonly seed: number } | { readonly done: true; readonly error?: string };

/** What a job starts from. */
export interface Job_data {
  readonly spec: string;
  readonly planted: string | undefined;
  readonly seed: number;
  readonly stride: number;
  readonly shrink_ms: number;
  /** Int32Array over it: [0] is set to 1 when every job must stop. */
  readonly stop: SharedArrayBuffer;
}

const JOB_MODULE = new URL('./job.ts', import.meta.url);

/** Hunts on `o.jobs` threads until `o.stopped()`, calling `each` after every hunt of any job. */
export async function fuzz_jobs(target: Fuzz_target, o: Jobs_options, each: (h: Hunt, seed: number) => void): Promise<void> {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const stopped = () => {
    if (o.stopped()) Atomics.store(flag, 0, 1);
    return Atomics.load(flag, 0) !== 0;
  };
  const workers: Worker[] = [];
  const heard = (h: Hunt, seed: number) => {
    if (h.finding !== undefined) {
      const sig = signature(target.name, h.finding.failure);
      if (!o.known(sig)) for (const w of workers) w.postMessage(sig);
    }
    each(h, seed);
    stopped();
  };
  for (let j = 1; j < o.jobs; j++) {
    const data: Job_data = { spec: o.spec, planted: o.planted, seed: o.seed + j, stride: o.jobs, shrink_ms: o.shrink_ms, stop: flag.buffer as SharedArrayBuffer };
    workers.push(ts_worker(JOB_MODULE, { workerData: data }));
  }
  const done = workers.map(
    (w) =>
      new Promise<void>((resolve, reject) => {
        w.on('message', (m: Job_message) => {
          if (!('done' in m)) heard(m.hunt, m.seed);
          else if (m.error === undefined) resolve();
          else reject(new Error(`fuzz job: ${m.error}`));
        });
        w.on('error', reject);
      }),
  );
  try {
    await fuzz_loop(target, { ...o, stride: o.jobs, stopped, known: (f) => o.known(signature(target.name, f)) }, heard);
    Atomics.store(flag, 0, 1);
    await Promise.all(done);
  } finally {
    Atomics.store(flag, 0, 1);
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
