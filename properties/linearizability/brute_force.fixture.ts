/**
 * Linearizability by its definition, for a handful of operations, to check the
 * search against: some order of the operations that take effect (every one
 * that must, any others) in which each comes after every operation that took
 * effect and returned before its call, and the model accepts each in turn.
 * Exponential in the number of operations.
 */
import type { Sequential_model } from './model.ts';
import type { Search_op } from './search_op.ts';

export function brute_force<S, I, O>(model: Sequential_model<S, I, O>, ops: readonly Search_op<I, O>[]): boolean {
  /** Taken effect, or skipped: an operation that returned before a later one's call and never took effect. */
  const placed = ops.map(() => false);
  const from = (state: S): boolean => {
    if (ops.every((o, i) => placed[i] || !o.must)) return true;
    return ops.some((o, i) => {
      if (placed[i]) return false;
      const skipped = ops.flatMap((p, j) => (!placed[j] && j !== i && p.ret !== null && p.ret < o.call ? [j] : []));
      if (skipped.some((j) => ops[j]!.must)) return false;
      const { ok, next } = model.step(state, o.input, o.output);
      if (!ok) return false;
      for (const j of [i, ...skipped]) placed[j] = true;
      const found = from(next);
      for (const j of [i, ...skipped]) placed[j] = false;
      return found;
    });
  };
  return from(model.init());
}

/** Whether `order` (indices into `ops`) is a linearization of them; the first reason it is not, or null. */
export function explains<S, I, O>(model: Sequential_model<S, I, O>, ops: readonly Search_op<I, O>[], order: readonly number[]): string | null {
  if (new Set(order).size !== order.length) return 'an operation twice';
  const left = ops.findIndex((o, i) => o.must && !order.includes(i));
  if (left >= 0) return `operation ${left} must take effect and does not`;
  let state = model.init();
  for (const [k, i] of order.entries()) {
    const before = order.slice(k + 1).find((j) => ops[j]!.ret !== null && ops[j]!.ret! < ops[i]!.call);
    if (before !== undefined) return `operation ${before} returned before operation ${i} was called, yet comes after it`;
    const { ok, next } = model.step(state, ops[i]!.input, ops[i]!.output);
    if (!ok) return `the model refuses operation ${i} at position ${k}`;
    state = next;
  }
  return null;
}
