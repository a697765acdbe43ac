/**
 * Whether one part is linearizable: Wing and Gong's search with Lowe's memo
 * (G. Lowe, "Testing for linearizability", 2017), as Porcupine and Knossos do it.
 *
 * The search walks the event list from its head. At a call it tries that
 * operation next: if the model accepts it in the current state, the operation
 * is linearized (lifted out of the list) and the walk starts again from the
 * head. The first return still linked ends the choices: its operation must
 * take effect before anything called after it. Then the last choice is undone
 * (unlifted) and the walk goes on after that call. An operation that need not
 * take effect (pending or weakened) may also be skipped, at its return; with
 * no return it is simply never chosen.
 *
 * The memo holds every (linearized set, state) pair reached. What can follow
 * such a pair depends on nothing else, so each is explored once; and the set
 * grows along a path, so a pair on the path is never met again on it.
 *
 * Verdicts are exact; `unknown` only when the budget ran out first.
 */
import { Bitset } from './bitset.ts';
import type { Budget } from './budget.ts';
import { type Event, build_events, lift, unlift } from './events.ts';
import type { Sequential_model } from './model.ts';
import type { Search_op } from './search_op.ts';

export type Search_result =
  /** `order`: the operations that took effect, as indices into the part, in a linearization's order. */
  | { readonly verdict: 'linearizable'; readonly order: readonly number[] }
  | { readonly verdict: 'not linearizable' }
  | { readonly verdict: 'unknown' };

/** A choice on the stack: the operation, the state before it, and whether it was skipped. */
interface Choice<S> {
  readonly call: Event;
  readonly state: S;
  readonly skipped: boolean;
}

export function linearize<S, I, O>(model: Sequential_model<S, I, O>, ops: readonly Search_op<I, O>[], budget: Budget): Search_result {
  const head = build_events(ops);
  const done = new Bitset(ops.length);
  const seen = new Set<string>();
  const choices: Choice<S>[] = [];
  let state = model.init();
  /** Operations that must take effect and have not yet. */
  let open = ops.filter((o) => o.must).length;

  /** Takes `call`'s operation with `next` as the state after it, unless that pair was reached before. */
  const choose = (call: Event, next: S, skipped: boolean): boolean => {
    done.set(call.op);
    const key = done.key() + model.key(next);
    if (seen.has(key)) {
      done.clear(call.op);
      return false;
    }
    seen.add(key);
    choices.push({ call, state, skipped });
    state = next;
    lift(call);
    if (ops[call.op]!.must) open--;
    return true;
  };

  /** Undoes choices up to the latest that took effect, and gives its call; null when none is left. */
  const undo = (): Event | null => {
    for (let c = choices.pop(); c !== undefined; c = choices.pop()) {
      state = c.state;
      done.clear(c.call.op);
      unlift(c.call);
      if (ops[c.call.op]!.must) open++;
      // After a skip every call before that return has been tried: undo further.
      if (!c.skipped) return c.call;
    }
    return null;
  };

  let e = head.next;
  while (open > 0) {
    if (!budget.spend()) return { verdict: 'unknown' };
    if (e === null) throw new Error('linearize: the events ran out with an operation left that must take effect');
    if (e.is_call) {
      const o = ops[e.op]!;
      const { ok, next } = model.step(state, o.input, o.output);
      e = ok && choose(e, next, false) ? head.next : e.next;
    } else if (!ops[e.op]!.must && choose(e.call, state, true)) {
      e = head.next;
    } else {
      const undone = undo();
      if (undone === null) return { verdict: 'not linearizable' };
      e = undone.next;
    }
  }
  return { verdict: 'linearizable', order: choices.filter((c) => !c.skipped).map((c) => c.call.op) };
}
