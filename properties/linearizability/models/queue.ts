/**
 * A FIFO queue of numbers, empty at first: enq(x) appends x and gives `ok`,
 * deq() removes and gives the first, or `empty`. The toy model of Herlihy and
 * Wing's examples.
 */
import { PENDING } from '../history.ts';
import type { Sequential_model } from '../model.ts';

export type Queue_input = { readonly op: 'enq'; readonly value: number } | { readonly op: 'deq' };
export type Queue_output = number | 'ok' | 'empty';

export const queue_model: Sequential_model<readonly number[], Queue_input, Queue_output> = {
  init: () => [],
  step(queue, input, output) {
    if (input.op === 'enq') return { ok: output === PENDING || output === 'ok', next: [...queue, input.value] };
    const right = queue[0] ?? 'empty';
    return { ok: output === PENDING || output === right, next: queue.slice(1) };
  },
  key: (queue) => queue.join(','),
  show_input: (input) => (input.op === 'enq' ? `enq(${input.value})` : 'deq()'),
  show_output: (output) => String(output),
};
