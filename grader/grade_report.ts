/**
 * How graded submissions are shown: one terminal line each, the JSON report and
 * the gradebook CSV. Plain functions of the results.
 */
import type { Submission_result } from './grade.ts';

export function summary_line(r: Submission_result, cached: boolean): string {
  const first = r.failures[0];
  const cells = [
    r.verdict.padEnd(11),
    `util ${r.util.toFixed(3)}`,
    r.instructions_per_op === undefined ? `${Math.round(r.opsPerSec).toString().padStart(9)} ops/s` : `${r.instructions_per_op.toFixed(1).padStart(7)} instr/op`,
    `score ${r.score.toFixed(1).padStart(5)}`,
  ];
  const why = first === undefined ? '' : `  ${first.check}: ${first.message.split('\n')[0]}`;
  return `${r.file}  ${cells.join('  ')}${cached ? '  (cached)' : ''}${why}`;
}

/** `{"submissions": [...]}`; each with file, kind, verdict, failures, util, opsPerSec, throughput, score (and instructions_per_op, robustness, refused, traces). */
export function json_report(results: readonly Submission_result[]): string {
  const submissions = results.map(({ file, kind, verdict, failures, util, opsPerSec, instructions_per_op, throughput, score, robustness, refused, traces }) => ({
    file,
    kind,
    verdict,
    failures,
    util,
    opsPerSec,
    ...(instructions_per_op === undefined ? {} : { instructions_per_op }),
    throughput: throughput ?? 0,
    score,
    ...(robustness === undefined ? {} : { robustness }),
    ...(refused === undefined ? {} : { refused }),
    ...(traces === undefined ? {} : { traces }),
  }));
  return `${JSON.stringify({ submissions }, null, 2)}\n`;
}

export const CSV_HEADER = 'file,kind,verdict,score,util,ops_per_sec,robustness';

function csv_cell(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Robustness as `double_free=detected;invalid_free=undetected`, empty if not probed. */
function robustness_cell(r: Submission_result): string {
  if (r.robustness === undefined) return '';
  return `double_free=${r.robustness.double_free};invalid_free=${r.robustness.invalid_free}`;
}

export function csv_report(results: readonly Submission_result[]): string {
  const rows = results.map((r) =>
    [r.file, r.kind, r.verdict, r.score.toFixed(1), r.util.toFixed(3), Math.round(r.opsPerSec).toString(), robustness_cell(r)].map(csv_cell).join(','),
  );
  return `${[CSV_HEADER, ...rows].join('\n')}\n`;
}
