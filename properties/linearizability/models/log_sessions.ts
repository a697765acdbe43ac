/**
 * The logging server as its sessions see it: each session keeps its own
 * lines, in the order they were written. write(s, text) appends one line and
 * gives L4_EOK, or is refused with an error code (its session was closed
 * mid-text) and appends nothing; read(s) gives the session's lines so far.
 * Partitioned by session: no operation of one session reads or changes
 * another's lines.
 */
import { L4_EOK, l4_err_name } from '../../../l4re/err.ts';
import { PENDING } from '../history.ts';
import type { Part, Sequential_model } from '../model.ts';

export type Log_input =
  | { readonly op: 'write'; readonly session: number; readonly text: string }
  | { readonly op: 'read'; readonly session: number };
/** L4_EOK or a negative error code for a write, the lines for a read. */
export type Log_output = number | readonly string[];
/** Each session's lines; a session without any is absent. */
export type Log_state = ReadonlyMap<number, readonly string[]>;

function same_lines(output: Log_output, lines: readonly string[]): boolean {
  return typeof output !== 'number' && output.length === lines.length && output.every((l, i) => l === lines[i]);
}

export const log_sessions_model: Sequential_model<Log_state, Log_input, Log_output> = {
  init: () => new Map(),
  step(state, input, output) {
    const lines = state.get(input.session) ?? [];
    if (input.op === 'read') return { ok: output === PENDING || same_lines(output, lines), next: state };
    if (typeof output === 'number' && output < 0) return { ok: true, next: state };
    return { ok: output === PENDING || output === L4_EOK, next: new Map(state).set(input.session, [...lines, input.text]) };
  },
  key: (state) => JSON.stringify([...state].sort((a, b) => a[0] - b[0])),
  partition(history) {
    const parts = new Map<number, Part<Log_input, Log_output>>();
    for (const op of history) {
      const s = op.input.session;
      const part = parts.get(s) ?? { name: `session ${s}`, history: [] };
      parts.set(s, { ...part, history: [...part.history, op] });
    }
    return [...parts.values()];
  },
  show_input: (input) => (input.op === 'write' ? `write(s${input.session}, ${JSON.stringify(input.text)})` : `read(s${input.session})`),
  show_output: (output) => (typeof output === 'number' ? l4_err_name(output) : JSON.stringify(output)),
};
