/**
 * The clients' history of an interleaving, checked against the logging
 * server's sequential model: some order of the writes and looks, each taking
 * effect between its call and its return, explains what every look saw. Parts
 * are sessions; texts show as transcripts show them (a long one cut short).
 */
import { text_text } from '../commands/session.ts';
import { check_linearizable } from '../linearizability/check.ts';
import type { History } from '../linearizability/history.ts';
import { type Log_input, type Log_output, log_sessions_model } from '../linearizability/models/log_sessions.ts';
import { linearizability_report } from '../linearizability/report.ts';
import { Violation } from '../pair.ts';

const model = {
  ...log_sessions_model,
  show_input: (i: Log_input) => (i.op === 'write' ? `write(s${i.session}, ${text_text(i.text)})` : `read(s${i.session})`),
  show_output: (o: Log_output) => (typeof o === 'number' ? log_sessions_model.show_output(o) : `[${o.map(text_text).join(', ')}]`),
};

/**
 * Steps only, so that the verdict is the same on every machine: a session's
 * writes come from one client, one at a time, so its part stays small.
 */
const LIMITS = { steps: 200_000 };

/** Throws a Violation with the witness if no order explains `history`, an Error if the budget ran out. */
export function check_log_history(history: History<Log_input, Log_output>): void {
  const r = check_linearizable(model, history, { budget: LIMITS, shrink: LIMITS });
  if (r.verdict === 'not linearizable') throw new Violation(`log history: ${linearizability_report(r)}`);
  if (r.verdict === 'unknown') throw new Error(`check_log_history: ${linearizability_report(r)}`);
}
