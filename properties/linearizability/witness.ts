/**
 * The witness of a part that no order explains: few operations whose outputs
 * contradict each other whatever the part's other operations did.
 *
 * Greedily, in halving chunks as delta debugging does, completed operations
 * are weakened (search_op.ts: the output no longer counts, and the operation
 * need not take effect, though if it does then within its own call and
 * return); a chunk stays weakened while the part is still not linearizable.
 * Weakening only adds orders, so an operation found needed stays needed and
 * one pass of single operations ends the search. What is left:
 * - is needed, each operation of it: weakening any one more lets an order
 *   explain the rest (`minimal`; false if the budget ran out first);
 * - is not linearizable on its own either, since leaving the others out is
 *   one of the things they may do.
 */
import type { Budget } from './budget.ts';
import type { History, Operation } from './history.ts';
import type { Sequential_model } from './model.ts';
import { linearize } from './search.ts';
import { search_ops } from './search_op.ts';

export interface Witness<I, O> {
  /** Ordered by call. */
  readonly ops: readonly Operation<I, O>[];
  readonly minimal: boolean;
}

/** Precondition: `history` is not linearizable. */
export function find_witness<S, I, O>(model: Sequential_model<S, I, O>, history: History<I, O>, budget: Budget): Witness<I, O> {
  const weakened = new Set<number>();
  let needed = history.flatMap((op, i) => (op.response === undefined ? [] : [i]));
  let minimal = true;
  for (let size = top_power_of_two(needed.length); size >= 1 && minimal; size >>= 1) {
    for (let at = 0; at < needed.length && minimal; ) {
      const chunk = needed.slice(at, at + size);
      for (const i of chunk) weakened.add(i);
      const verdict = linearize(model, search_ops(history, weakened), budget).verdict;
      if (verdict === 'not linearizable') {
        needed = needed.filter((i) => !chunk.includes(i));
        continue;
      }
      for (const i of chunk) weakened.delete(i);
      minimal = verdict === 'linearizable';
      at += size;
    }
  }
  const ops = needed.map((i) => history[i]!).sort((a, b) => a.call - b.call || a.client - b.client);
  return { ops, minimal };
}

/** The largest power of two not above `n`; 0 for 0. */
function top_power_of_two(n: number): number {
  return 2 ** Math.floor(Math.log2(n));
}
