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
import type { Trace_op } from '../properties/trace/read_trace.ts';

export type Submission_kind = 'ts' | 'mm' | 'l4re';

/** What a runner replays: trace ops over ids 0..num_ids-1, line numbers optional. */
export interface Program {
  readonly num_ids: number;
  readonly ops: readonly Trace_op[];
}

/** The op a failure happened at: its index in the program. */
export type Run_failure =
  /** A check found a bug: `check` names it (alignment, overlap, bounds, payload, realloc copy, result, checkheap, leak). */
  | { readonly kind: 'fail'; readonly op: number; readonly check: string; readonly message: string }
  /** The submission died: a signal, abort() or exit() during op `op`. */
  | { readonly kind: 'crash'; readonly op: number; readonly message: string }
  /** The program exceeded its wall-clock limit; `op` is the last op started. */
  | { readonly kind: 'timeout'; readonly op: number; readonly message: string }
  /** The submission exceeded its memory limit. */
  | { readonly kind: 'memory'; readonly op: number; readonly message: string };

export type Checked_outcome =
  | {
      readonly kind: 'ok';
      /** Peak live payload / peak heap held (mm: heap size; l4re: dataspace bytes; ts: Mem_alloc bytes). */
      readonly util: number;
    }
  | Run_failure;

export interface Checked_options {
  readonly results?: boolean;
}

/** What each call returned (malloc/realloc: the address; free: its code), in op order. */
export interface Call_results {
  readonly results?: readonly number[];
}

export type Timed_outcome = { readonly kind: 'ok'; readonly opsPerSec: number } | Run_failure;

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
  checked(p: Program, limit_s: number, opts?: Checked_options): Promise<Checked_outcome & Call_results>;
  /** Replay without checks, repeated for at least `min_ms`, on fresh heaps. */
  timed(p: Program, min_ms: number, limit_s: number): Promise<Timed_outcome>;
  /** Free a block twice; free a pointer malloc never returned. */
  robustness(limit_s: number): Promise<Robustness>;
  /** Everything the submission printed so far (capped). */
  output(): string;
  close(): Promise<void>;
}
