/**
 * Shrinking a failing program by delta debugging over its ops: first cut it
 * after the failing op, then remove ever smaller chunks (ddmin's complements)
 * while the runner still fails the same way. Removing an `a` removes the later
 * `f` and `r` of its id (up to the id's next `a`), so every candidate is valid.
 * The result's ids are renumbered 0..n-1 in order of first use.
 */
import type { Trace_op } from '../properties/trace/read_trace.ts';
import type { Checked_outcome, Program, Run_failure } from './runner.ts';

/** The same kind of failure, and for a check failure the same check. */
export function same_failure(want: Run_failure, got: Checked_outcome): boolean {
  if (got.kind !== want.kind) return false;
  return got.kind !== 'fail' || want.kind !== 'fail' || got.check === want.check;
}

/** The ops without [from, to) and without the ops that used an id allocated there. */
export function without(ops: readonly Trace_op[], from: number, to: number): Trace_op[] {
  const orphaned = new Set<number>();
  const out: Trace_op[] = [];
  ops.forEach((op, i) => {
    if (i >= from && i < to) {
      if (op.kind === 'a') orphaned.add(op.id);
      return;
    }
    if (op.kind === 'a') orphaned.delete(op.id);
    else if (orphaned.has(op.id)) return;
    out.push(op);
  });
  return out;
}

/**
 * The program with the teardown written out: a free of every id still live
 * at its end, in id order, as the runners free them after the last op (so a
 * failure in the teardown keeps its op number).
 */
export function with_teardown(p: Program): Program {
  const live = new Set<number>();
  for (const op of p.ops) {
    if (op.kind === 'f') live.delete(op.id);
    else live.add(op.id);
  }
  if (live.size === 0) return p;
  const frees = [...live].sort((a, b) => a - b).map((id, k): Trace_op => ({ kind: 'f', id, line: p.ops.length + k + 1 }));
  return { num_ids: p.num_ids, ops: [...p.ops, ...frees] };
}

/** Ids renumbered by first use; lines are positions. `f -1` (free(NULL)) stays. */
export function compact(ops: readonly Trace_op[]): Program {
  const ids = new Map<number, number>();
  const id = (old: number) => {
    if (old < 0) return old;
    if (!ids.has(old)) ids.set(old, ids.size);
    return ids.get(old)!;
  };
  const out = ops.map((op, i): Trace_op => ({ ...op, id: id(op.id), line: i + 1 }));
  return { num_ids: Math.max(1, ids.size), ops: out };
}

export interface Shrink_limits {
  /** Stop trying candidates after this long; the smallest failing program so far is kept. */
  readonly budget_ms: number;
}

/**
 * The smallest program found that still fails like `failure`. `fails` runs a
 * candidate; the program given must be one that fails.
 */
export async function shrink_program(p: Program, failure: Run_failure, fails: (p: Program) => Promise<boolean>, limits: Shrink_limits): Promise<Program> {
  const deadline = performance.now() + limits.budget_ms;
  let ops = p.ops;
  const attempt = async (cand: Trace_op[]) => {
    if (cand.length >= ops.length || performance.now() > deadline) return false;
    if (!(await fails(compact(cand)))) return false;
    ops = cand;
    return true;
  };
  await attempt(ops.slice(0, failure.op + 1));
  let n = 2;
  while (ops.length > 1 && performance.now() <= deadline) {
    const chunk = Math.ceil(ops.length / n);
    let removed = false;
    for (let from = 0; from < ops.length && !removed; from += chunk) removed = await attempt(without(ops, from, from + chunk));
    if (removed) n = Math.max(n - 1, 2);
    else if (chunk === 1) break;
    else n = Math.min(n * 2, ops.length);
  }
  return compact(ops);
}
