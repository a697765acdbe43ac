/**
 * A register of one number, 0 at first: read() gives its value, write(v) sets
 * it and gives `ok`, incr() adds one and gives the new value. The toy model of
 * the literature's examples and of a lost update.
 */
import { PENDING, type Pending } from '../history.ts';
import type { Sequential_model, Step } from '../model.ts';

export type Register_input = { readonly op: 'read' } | { readonly op: 'write'; readonly value: number } | { readonly op: 'incr' };
export type Register_output = number | 'ok';

function answer(next: number, output: Register_output | Pending, right: Register_output): Step<number> {
  return { ok: output === PENDING || output === right, next };
}

export const register_model: Sequential_model<number, Register_input, Register_output> = {
  init: () => 0,
  step(value, input, output) {
    if (input.op === 'read') return answer(value, output, value);
    if (input.op === 'write') return answer(input.value, output, 'ok');
    return answer(value + 1, output, value + 1);
  },
  key: (value) => String(value),
  show_input: (input) => (input.op === 'write' ? `write(${input.value})` : `${input.op}()`),
  show_output: (output) => String(output),
};
