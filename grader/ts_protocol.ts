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
import type { Trace, Trace_op } from '../properties/trace/read_trace.ts';
import type { Call_results, Checked_outcome, Detection, Program, Timed_outcome } from './runner.ts';

/** A trace op as a tuple: `['a', id, size]`, `['f', id]`, `['r', id, size]`. */
export type Wire_op = readonly ['a' | 'r', number, number] | readonly ['f', number];

export interface Wire_program {
  readonly num_ids: number;
  readonly ops: readonly Wire_op[];
}

export type Request =
  /** `results`: also return what each call returned, up to the failing op. */
  | { readonly id: number; readonly op: 'checked'; readonly program: Wire_program; readonly results?: boolean }
  | { readonly id: number; readonly op: 'timed'; readonly program: Wire_program; readonly budget_ms: number }
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
  return { num_ids: p.num_ids, ops: p.ops.map((o) => (o.kind === 'f' ? ['f', o.id] : [o.kind, o.id, o.size])) };
}

/** The program as a trace the replays take; an op's line is its index + 1. */
export function from_wire(w: Wire_program): Trace {
  const ops = w.ops.map(([kind, id, size], i): Trace_op => (kind === 'f' ? { kind, id, line: i + 1 } : { kind, id, size: size!, line: i + 1 }));
  return { file: 'program', format: '2016+', weight: 0, num_ids: w.num_ids, ops, warnings: [] };
}
