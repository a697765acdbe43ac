/**
 * An operation as the search sees it, one of three kinds:
 *
 *   kind        output     ret    must   may take effect
 *   completed   returned   time   yes    once, within [call, ret]
 *   pending     PENDING    null   no     once, any time after call, or never
 *   weakened    PENDING    time   no     once, within [call, ret], or never
 *
 * A witness weakens the completed operations it does not need.
 */
import { type History, PENDING, type Pending } from './history.ts';

export interface Search_op<I, O> {
  readonly input: I;
  readonly output: O | Pending;
  readonly call: number;
  /** The return's time; null when there is no return event (pending). */
  readonly ret: number | null;
  /** Must take effect: a completed operation that is not weakened. */
  readonly must: boolean;
}

/** `history` for the search, with the completed operations at the indices in `weakened` weakened. */
export function search_ops<I, O>(history: History<I, O>, weakened: ReadonlySet<number> = new Set()): Search_op<I, O>[] {
  return history.map((op, i) => {
    const r = op.response;
    if (r === undefined) return { input: op.input, output: PENDING, call: op.call, ret: null, must: false };
    if (r.at < op.call) {
      throw new Error(`search_ops: operation ${i} (client ${op.client}) returns at t=${r.at}, before its call at t=${op.call}`);
    }
    const weak = weakened.has(i);
    return { input: op.input, output: weak ? PENDING : r.output, call: op.call, ret: r.at, must: !weak };
  });
}
