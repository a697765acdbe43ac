/**
 * A runner: one student submission, isolated in a child process, replaying
 * programs (lists of malloc-lab trace ops) on a fresh heap each time. The
 * grader never runs student code itself; every kind of submission (TypeScript
 * module, malloc-lab C file, L4Re C file) is driven through this interface, so
 * the property suite, the traces, shrinking and scoring are written once.
 *
 * Invariant: a runner survives nothing the submission does. A crash, a timeout
 * or a memory blow-up ends that program with an outcome; the next call starts a
 * fresh child process.
 */
import type { Footprint } from '../properties/trace/heap_picture.ts';
import type { Trace_op } from '../properties/trace/read_trace.ts';

export type Submission_kind = 'ts' | 'mm' | 'l4re' | 'cxx';

/** What a runner replays: trace ops over ids 0..num_ids-1, line numbers optional. */
export interface Program {
  readonly num_ids: number;
  readonly ops: readonly Trace_op[];
  /** The trace file these ops are, unchanged: a runner may read them from there itself. */
  readonly file?: string;
}

/**
 * The op a failure happened at: its index in the program; from the program's
 * length on, the teardown's frees of the blocks it left live, in id order.
 */
export type Run_failure =
  /** A check found a bug: `check` names it (alignment, overlap, bounds, payload, realloc copy, result, checkheap, leak, environment). */
  | { readonly kind: 'fail'; readonly op: number; readonly check: string; readonly message: string }
  /** The submission died: a signal, abort() or exit() during op `op`. */
  | { readonly kind: 'crash'; readonly op: number; readonly message: string }
  /** The program used up its CPU time, or used none for a long time (blocked); `op` is the last op started. */
  | { readonly kind: 'timeout'; readonly op: number; readonly message: string }
  /** The submission exceeded its memory limit. */
  | { readonly kind: 'memory'; readonly op: number; readonly message: string };

export type Checked_outcome =
  | {
      readonly kind: 'ok';
      /** Peak live payload / peak heap held (mm: heap size; l4re: dataspace bytes; ts: Mem_alloc bytes). */
      readonly util: number;
      /** Requests the allocator answered with null because the environment had no room: how many, the largest. */
      readonly refused: number;
      readonly refused_max: number;
      /** Live payload and held bytes over the replay, where the runner samples them (ts). */
      readonly footprint?: Footprint;
    }
  | Run_failure;

/** Every outcome says how much CPU time the runner's process used for it. */
export interface Cpu_used {
  readonly cpu_s?: number;
}

/**
 * How long a program may run: CPU seconds of the runner's process, so that
 * other work on the machine never turns a slow answer into a timeout. A
 * process that uses no CPU for a while without answering is blocked, and
 * times out too.
 */
export interface Limit {
  readonly cpu_s: number;
  /** Asked once, when `cpu_s` is used up: the total it may use after all (no more than cpu_s: stop). */
  readonly more?: () => Promise<number>;
}

export interface Checked_options {
  readonly results?: boolean;
}

/** What each call returned (malloc/realloc: the address; free: its code), in op order. */
export interface Call_results {
  readonly results?: readonly number[];
}

/**
 * One check-free replay: its seconds, the fresh heap before and the teardown
 * after it not counted, and the instructions it executed if the runner counts
 * them (a C driver under callgrind).
 */
export type Timed_outcome = { readonly kind: 'ok'; readonly seconds: number; readonly instructions?: number } | Run_failure;

/**
 * A threaded round (grader/native/threads.h): `ok`, or how it failed. Every
 * failure names the op each worker had started last when the round stopped
 * (`progress`, -1: none; from a program's length on, its teardown), and the
 * worker whose op `op` it is (`thread`, -1: the round as a whole).
 */
export type Threads_outcome =
  | { readonly kind: 'ok'; readonly refused: number }
  | (Run_failure & { readonly thread: number; readonly progress: readonly number[] });

/** Whether a submission notices misuse. Reported apart from correctness. */
export type Detection = 'detected' | 'undetected' | 'crash';

export interface Robustness {
  readonly double_free: Detection;
  readonly invalid_free: Detection;
}

export interface Runner {
  readonly kind: Submission_kind;
  /**
   * Replay with every check on a fresh heap. With `results`, a runner may also
   * give what each call returned, up to the failing op (for `l4check replay`).
   */
  checked(p: Program, limit: Limit, opts?: Checked_options): Promise<Checked_outcome & Call_results & Cpu_used>;
  /**
   * Replay once without checks on a fresh heap (grader/timing.ts takes the
   * samples). `first`: the first sample of this program, on a heap that
   * nothing timed before has shaped; later ones may keep the heap's memory.
   */
  timed(p: Program, first: boolean, limit: Limit): Promise<Timed_outcome>;
  /** Free a block twice; free a pointer malloc never returned. */
  robustness(limit: Limit): Promise<Robustness>;
  /** Run the programs at once on one fresh heap, one thread each (C kinds only). */
  threaded?(programs: readonly Program[], limit: Limit): Promise<Threads_outcome>;
  /** Everything the submission printed so far (capped). */
  output(): string;
  close(): Promise<void>;
}
