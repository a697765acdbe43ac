/**
 * A program as a malloc-lab trace file in the 2016+ format: weight 0 (never
 * scored), ids, ops, peak payload bytes; then one op a line, no comments, so
 * mdriver and `l4check replay` both read it.
 */
import { writeFileSync } from 'node:fs';
import { op_text, peak_payload } from '../properties/trace/replay.ts';
import type { Program } from './runner.ts';

export function rep_text(p: Program): string {
  const header = [0, p.num_ids, p.ops.length, peak_payload(p.ops)];
  return `${[...header, ...p.ops.map(op_text)].join('\n')}\n`;
}

export function write_rep(file: string, p: Program): void {
  writeFileSync(file, rep_text(p));
}
