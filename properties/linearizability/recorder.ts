/**
 * Records a history as it happens: one logical clock that ticks at every call
 * and every response, so that the history's times are a total order of its
 * events. An operation never given its response stays pending.
 */
import type { History, Operation } from './history.ts';

export class History_recorder<I, O> {
  private clock = 0;
  private readonly ops: Operation<I, O>[] = [];

  /** `client` calls `input` now; the result names the operation for respond(). */
  invoke(client: number, input: I): number {
    this.ops.push({ client, input, call: this.clock++ });
    return this.ops.length - 1;
  }

  /** Operation `id` returns `output` now. Precondition: it was invoked and has not returned. */
  respond(id: number, output: O): void {
    const op = this.ops[id];
    if (op === undefined || op.response !== undefined) {
      throw new Error(`History_recorder.respond: operation ${id} is ${op === undefined ? 'not invoked' : 'already returned'}`);
    }
    this.ops[id] = { ...op, response: { output, at: this.clock++ } };
  }

  history(): History<I, O> {
    return [...this.ops];
  }
}
