/**
 * Operations as a short program a student can replay, one line each in the
 * order of their calls: `client 2: free(p3) -> 0   [t=5..9]`. A pending
 * operation returns `?` and has no end: `[t=5..]`.
 */
import type { Operation } from './history.ts';
import type { Sequential_model } from './model.ts';

export function program_lines<I, O>(
  model: Pick<Sequential_model<unknown, I, O>, 'show_input' | 'show_output'>,
  ops: readonly Operation<I, O>[],
): string[] {
  const sorted = [...ops].sort((a, b) => a.call - b.call || a.client - b.client);
  const calls = sorted.map(
    (op) => `client ${op.client}: ${model.show_input(op.input)} -> ${op.response === undefined ? '?' : model.show_output(op.response.output)}`,
  );
  const width = Math.max(...calls.map((c) => c.length));
  return sorted.map((op, i) => `${calls[i]!.padEnd(width)}   [t=${op.call}..${op.response?.at ?? ''}]`);
}
