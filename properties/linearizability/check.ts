/**
 * Whether a history is linearizable against a sequential model: the entry.
 *
 * The model's partition splits the history into independent parts, checked
 * smallest first under one budget (linearize, search.ts). The first part no
 * order explains ends the check: being the smallest that fails, it is the one
 * reported, with its witness found under a budget of its own (witness.ts).
 * Otherwise a part whose budget ran out makes the verdict `unknown`.
 */
import { Budget, type Limits } from './budget.ts';
import type { History, Operation } from './history.ts';
import type { Part, Sequential_model } from './model.ts';
import { program_lines } from './program_text.ts';
import { linearize } from './search.ts';
import { search_ops } from './search_op.ts';
import { type Witness, find_witness } from './witness.ts';

export interface Check_options {
  /** For deciding, all parts together. */
  readonly budget?: Limits;
  /** For the witness of a failing part. */
  readonly shrink?: Limits;
}

export const DEFAULT_BUDGET: Limits = { steps: 1_000_000, ms: 10_000 };
export const DEFAULT_SHRINK: Limits = { steps: 1_000_000, ms: 5_000 };

export type Linearizability<I, O> =
  | {
      readonly verdict: 'linearizable';
      readonly parts: number;
      readonly steps: number;
      /** Each part's operations that took effect, in an order that explains them; smallest part first. */
      readonly orders: readonly { readonly part: string; readonly order: readonly Operation<I, O>[] }[];
    }
  | {
      readonly verdict: 'unknown';
      readonly parts: number;
      readonly steps: number;
      /** The first part the budget ran out in. */
      readonly part: string;
    }
  | {
      readonly verdict: 'not linearizable';
      readonly parts: number;
      readonly steps: number;
      readonly part: Part<I, O>;
      readonly witness: Witness<I, O>;
      /** The witness as a program, one line an operation. */
      readonly program: readonly string[];
    };

export function check_linearizable<S, I, O>(
  model: Sequential_model<S, I, O>,
  history: History<I, O>,
  options: Check_options = {},
): Linearizability<I, O> {
  const parts = split(model, history).sort((a, b) => a.history.length - b.history.length);
  const budget = new Budget(options.budget ?? DEFAULT_BUDGET);
  const orders: { part: string; order: Operation<I, O>[] }[] = [];
  let unknown: string | undefined;
  for (const part of parts) {
    const r = linearize(model, search_ops(part.history), budget);
    if (r.verdict === 'not linearizable') {
      const witness = find_witness(model, part.history, new Budget(options.shrink ?? DEFAULT_SHRINK));
      return { verdict: r.verdict, parts: parts.length, steps: budget.used, part, witness, program: program_lines(model, witness.ops) };
    }
    if (r.verdict === 'unknown') unknown ??= part.name;
    else orders.push({ part: part.name, order: r.order.map((i) => part.history[i]!) });
  }
  if (unknown !== undefined) return { verdict: 'unknown', parts: parts.length, steps: budget.used, part: unknown };
  return { verdict: 'linearizable', parts: parts.length, steps: budget.used, orders };
}

/** The model's parts, each operation of `history` in exactly one; or the whole history as one. */
function split<S, I, O>(model: Sequential_model<S, I, O>, history: History<I, O>): Part<I, O>[] {
  if (model.partition === undefined) return [{ name: 'all', history }];
  const parts = model.partition(history);
  const left = new Set(history);
  for (const part of parts) {
    for (const op of part.history) {
      if (!left.delete(op)) throw new Error(`check_linearizable: the partition puts an operation in part "${part.name}" that is not in the history or in two parts`);
    }
  }
  if (left.size > 0) throw new Error(`check_linearizable: the partition leaves ${left.size} of ${history.length} operations out`);
  return parts;
}
