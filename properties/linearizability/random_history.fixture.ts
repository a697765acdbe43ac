/**
 * Random small histories for checking the search and the witness against
 * brute force: up to `max` operations of up to four clients, with calls and
 * returns on a short clock (so that many overlap), one in five pending, each
 * completed one weakened or not.
 */
import fc from 'fast-check';
import type { History, Operation } from './history.ts';

export interface Random_history<I, O> {
  readonly history: History<I, O>;
  /** Indices of completed operations to weaken. */
  readonly weakened: ReadonlySet<number>;
}

export function random_history<I, O>(call: fc.Arbitrary<{ readonly input: I; readonly output: O }>, max: number): fc.Arbitrary<Random_history<I, O>> {
  const op = fc.record({
    client: fc.nat({ max: 3 }),
    call,
    at: fc.nat({ max: 12 }),
    length: fc.nat({ max: 6 }),
    pending: fc.nat({ max: 4 }).map((k) => k === 0),
    weak: fc.nat({ max: 3 }).map((k) => k === 0),
  });
  return fc.array(op, { minLength: 1, maxLength: max }).map((ops) => ({
    history: ops.map(
      (o): Operation<I, O> =>
        o.pending
          ? { client: o.client, input: o.call.input, call: o.at }
          : { client: o.client, input: o.call.input, call: o.at, response: { output: o.call.output, at: o.at + o.length } },
    ),
    weakened: new Set(ops.flatMap((o, i) => (o.weak && !o.pending ? [i] : []))),
  }));
}
