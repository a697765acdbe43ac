/** Hand-written histories: `returned(1, read, [4, 5], 1)` is client 1's read, called at 4, returning 1 at 5. */
import type { Operation } from './history.ts';

export function returned<I, O>(client: number, input: I, [call, at]: readonly [number, number], output: O): Operation<I, O> {
  return { client, input, call, response: { output, at } };
}

export function pending<I, O>(client: number, input: I, call: number): Operation<I, O> {
  return { client, input, call };
}
