/**
 * A threads run: N worker_threads on one Shared_heap, each running its own
 * program (thread_program.ts) at once from the start of its clock (thread.worker.ts
 * checks its own blocks as it goes), then the checks that need them all done:
 *
 *   1. no thread failed (the earliest failure on the shared clock is reported)
 *   2. the merged history is linearizable against malloc_blocks_model
 *   3. the heap's invariants hold (Shared_buddy.check_invariants)
 *   4. nothing leaked: every thread freed its blocks, so no block is live and
 *      (with 3) every top block is whole and free, as Shared_heap.format left it
 *
 * The failure's first line is the first of these that broke; the run's
 * options follow, to repeat it.
 */
import { Shared_heap } from '../../impl/shared_heap.ts';
import { type Linearizability, check_linearizable } from '../linearizability/check.ts';
import type { History, Operation } from '../linearizability/history.ts';
import { type Malloc_input, type Malloc_output, malloc_blocks_model } from '../linearizability/models/malloc_blocks.ts';
import { linearizability_report } from '../linearizability/report.ts';
import { Ownership_map } from './ownership_map.ts';
import { Run_clock } from './run_clock.ts';
import { type Thread_step, thread_program } from './thread_program.ts';
import { ts_worker } from '../ts_worker.ts';

/** The heap's bytes: room for every thread's 16 blocks of up to 4 KiB (thread_program.ts) many times over. */
const HEAP_BYTES = 1 << 20;
/**
 * Steps for deciding linearizability and for a witness. The addresses a heap
 * reuses chain most of a run into one part; in call order, its memo keys stay
 * short (Bitset.key), and a correct run takes about a step a call: 8,000
 * calls, 0.3 s.
 */
const DECIDE = { steps: 20_000_000 };
const SHRINK = { steps: 2_000_000 };
/** Lines of a witness printed: one the budget did not shrink may hold a whole part. */
const WITNESS_LINES = 12;
/** For a verdict alone: the witness of a history that is not linearizable costs many searches of its part. */
const NO_WITNESS = { steps: 0 };

export interface Threads_options {
  readonly threads: number;
  /** Steps of each thread's program (its teardown frees come after). */
  readonly steps: number;
  /** Thread i draws its program from seed + i. */
  readonly seed: number;
  /** A planted bug's name (properties/planted/threads/), or none. */
  readonly bug?: string;
}

/** What a thread is given (its workerData). */
export interface Thread_job {
  readonly id: number;
  readonly threads: number;
  readonly program: readonly Thread_step[];
  readonly bug: string | null;
  readonly heap: SharedArrayBuffer;
  readonly clock: SharedArrayBuffer;
  readonly owners: SharedArrayBuffer;
}

export interface Thread_report {
  readonly ops: readonly Operation<Malloc_input, Malloc_output>[];
  /** Its first failure, at a time of the shared clock. */
  readonly failure: { readonly message: string; readonly at: number } | null;
}

/** What a thread posts: ready to start, then done. */
export type Thread_message = { readonly kind: 'ready' } | { readonly kind: 'done'; readonly report: Thread_report };

type Verdict = Linearizability<Malloc_input, Malloc_output>['verdict'];

export interface Threads_run {
  /** Null if every check passed; else what broke first, then the run's options. */
  readonly failure: string | null;
  /** Check 2 on its own: the merged history's verdict, decided even when a thread failed first. */
  readonly history: Verdict;
  /** Calls the threads made. */
  readonly calls: number;
  /** From the clock's start until every thread was done. */
  readonly ms: number;
}

/** Start thread `job`; `ready` settles once it waits for the clock (or died), `done` with its report. */
function start(job: Thread_job): { ready: Promise<void>; done: Promise<Thread_report> } {
  const worker = ts_worker(new URL('./thread.worker.ts', import.meta.url), { workerData: job });
  let ready!: () => void;
  const waiting = new Promise<void>((resolve) => (ready = resolve));
  const done = new Promise<Thread_report>((resolve) => {
    worker.on('message', (m: Thread_message) => (m.kind === 'ready' ? ready() : resolve(m.report)));
    worker.once('error', (e) => resolve({ ops: [], failure: { message: `thread ${job.id} died: ${e.message}`, at: Infinity } }));
    worker.once('exit', (code) => resolve({ ops: [], failure: { message: `thread ${job.id} exited (code ${code}) without a report`, at: Infinity } }));
  });
  void done.then(ready);
  return { ready: waiting, done };
}

/** What broke first, or null: checks 1 to 4 above, given check 2's verdict (its witness is searched for only if it is reported). */
function first_failure(reports: readonly Thread_report[], history: History<Malloc_input, Malloc_output>, lin: Verdict, heap: SharedArrayBuffer): string | null {
  const failed = reports.flatMap((r) => (r.failure === null ? [] : [r.failure])).sort((a, b) => a.at - b.at);
  if (failed.length > 0) return failed[0]!.message;
  if (lin !== 'linearizable') {
    const lines = linearizability_report(check_linearizable(malloc_blocks_model, history, { budget: DECIDE, shrink: SHRINK })).split('\n');
    return lines.length <= WITNESS_LINES ? lines.join('\n') : [...lines.slice(0, WITNESS_LINES), `… and ${lines.length - WITNESS_LINES} more operations`].join('\n');
  }
  const h = new Shared_heap(heap);
  try {
    h.check_invariants();
  } catch (e) {
    return (e as Error).message;
  }
  const n = h.live_blocks();
  return n === 0 ? null : `leak: ${n} blocks live after every thread freed its own`;
}

export async function run_threads(o: Threads_options): Promise<Threads_run> {
  const heap = Shared_heap.format(HEAP_BYTES);
  const shared = { heap, clock: Run_clock.create(), owners: Ownership_map.create(HEAP_BYTES) };
  const threads = Array.from({ length: o.threads }, (_, id) =>
    start({ id, threads: o.threads, program: thread_program(o.seed + id, o.steps), bug: o.bug ?? null, ...shared }),
  );
  await Promise.all(threads.map((t) => t.ready));
  const t0 = performance.now();
  new Run_clock(shared.clock).start();
  const reports = await Promise.all(threads.map((t) => t.done));
  const ms = performance.now() - t0;
  const history = reports.flatMap((r) => r.ops).sort((a, b) => a.call - b.call); // in call order: see DECIDE
  const lin = check_linearizable(malloc_blocks_model, history, { budget: DECIDE, shrink: NO_WITNESS }).verdict;
  const failure = first_failure(reports, history, lin, heap);
  const options = `(${o.threads} threads of ${o.steps} steps, seeds ${o.seed}..${o.seed + o.threads - 1}${o.bug === undefined ? '' : `, planted ${o.bug}`})`;
  return { failure: failure === null ? null : `${failure}\n${options}`, history: lin, calls: history.length, ms };
}
