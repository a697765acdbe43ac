/**
 * A check's result for a person: one line, and for a history that is not
 * linearizable the witness as a program under it.
 *
 *   not linearizable: in part "blocks in [0x100, 0x110)" (7 operations), no order explains these 2:
 *   client 0: malloc(16) -> 0x100   [t=0..5]
 *   client 1: malloc(16) -> 0x100   [t=1..4]
 */
import type { Linearizability } from './check.ts';

export function linearizability_report(r: Linearizability<unknown, unknown>): string {
  const parts = `${r.parts} part${r.parts === 1 ? '' : 's'}, ${r.steps} steps`;
  if (r.verdict === 'linearizable') return `linearizable: ${parts}`;
  if (r.verdict === 'unknown') return `unknown: the budget ran out in part "${r.part}" (${parts})`;
  const n = r.witness.ops.length;
  const caveat = r.witness.minimal ? '' : ' (the budget ran out before each was shown needed)';
  const head = `not linearizable: in part "${r.part.name}" (${r.part.history.length} operations), no order explains ${n === 1 ? 'this one' : `these ${n}`}${caveat}:`;
  return [head, ...r.program].join('\n');
}
