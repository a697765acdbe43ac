/**
 * The line-oriented JSON protocol between the TypeScript runner and its child
 * (grader/ts_child.ts). Requests go to the child's stdin; the child answers on
 * fd 3, so nothing the submission prints can corrupt the protocol.
 *
 * Child → parent lines, in order:
 *   one Loaded line;
 *   per request: any number of Progress lines, then one Response with its id;
 *   Exiting, if the submission calls process.exit, naming the op it was in.
 */
import { type Trace, type Trace_op, read_trace } from '../properties/trace/read_trace.ts';
import type { World_name } from '../properties/worlds.ts';
import type { Call_results, Checked_outcome, Detection, Program, Timed_outcome } from './runner.ts';

/**
 * l4check's own allocators, run in a child as a submission is: the
 * reference a TypeScript submission is measured against, and what
 * `l4check replay --allocator impl|model` runs. The child has them built in:
 * a bundle of its own would have its own impl, whose tasks the child's world
 * does not make.
 */
export const BUILT_IN_ALLOCATORS = ['model', 'impl'] as const satisfies readonly World_name[];
export type Built_in = World_name;

/** What the child's argv[2] names for a built-in allocator. */
export function built_in_source(name: Built_in): string {
  return `l4check:${name}`;
}

/** A trace op as a tuple: `['a', id, size]`, `['f', id]`, `['r', id, size]`. */
export type Wire_op = readonly ['a' | 'r', number, number] | readonly ['f', number];

/** The ops themselves, or the trace file they are (the child reads it: cheaper than JSON by far). */
export type Wire_program = { readonly num_ids: number; readonly ops: readonly Wire_op[] } | { readonly trace: string };

export type Request =
  /** `results`: also return what each call returned, up to the failing op. */
  | { readonly id: number; readonly op: 'checked'; readonly program: Wire_program; readonly results?: boolean }
  /** One check-free replay on a fresh world (`first` changes nothing: every world is fresh). */
  | { readonly id: number; readonly op: 'timed'; readonly program: Wire_program; readonly first: boolean }
  /** Free a block twice, or free a pointer malloc never returned. */
  | { readonly id: number; readonly op: 'probe'; readonly probe: Probe };

export type Probe = 'double_free' | 'invalid_free';

export type Checked_answer = Checked_outcome & Call_results;

export type Answer = Checked_answer | Timed_outcome | { readonly kind: 'probe'; readonly detection: Detection };

export type Child_line =
  | { readonly loaded: true }
  | { readonly load_error: string }
  | { readonly progress: number }
  | { readonly id: number; readonly answer: Answer }
  | { readonly exiting: number; readonly code: number };

/** Ops between two Progress lines: a crash names its op within this many. */
export const PROGRESS_EVERY = 1024;

export function to_wire(p: Program): Wire_program {
  if (p.file !== undefined) return { trace: p.file };
  return { num_ids: p.num_ids, ops: p.ops.map((o) => (o.kind === 'f' ? ['f', o.id] : [o.kind, o.id, o.size])) };
}

/** The trace file read last, kept: a timed trace is asked for sample after sample. */
let last_read: Trace | undefined;

/** The program as a trace the replays take; an op's line is its index + 1, or its line in the trace file. */
export function from_wire(w: Wire_program): Trace {
  if ('trace' in w) {
    if (last_read?.file !== w.trace) last_read = read_trace(w.trace);
    return last_read;
  }
  const ops = w.ops.map(([kind, id, size], i): Trace_op => (kind === 'f' ? { kind, id, line: i + 1 } : { kind, id, size: size!, line: i + 1 }));
  return { file: 'program', format: '2016+', weight: 0, num_ids: w.num_ids, ops, warnings: [] };
}
