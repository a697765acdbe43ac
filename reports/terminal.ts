/**
 * The terminal reporter: what a person reads at the end of a run, on stdout.
 * Progress while the run goes is reports/progress.ts's, on stderr.
 */
import type { Submission_result } from '../grader/grade.ts';
import { type Check_result, call_count, describe_counterexample } from '../properties/run_check.ts';
import type { Trace_result } from '../properties/trace/run_trace.ts';
import { EVERY_COMMAND, type Fuzz_report, type Grade_report, type Per_command, type Reporter, type Traces_report, type Verify_report, per_command } from './report.ts';

/** Columns padded to their widest cell; those from `right` on are right-aligned. */
function table(rows: readonly (readonly string[])[], right: number): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const line = (row: readonly string[]) => row.map((cell, i) => (i >= right ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

function check_result(r: Check_result): string {
  if (r.ok) return r.expect === 'refuted' ? 'ok (refuted)' : 'ok';
  return r.expect === 'refuted' ? 'FAILED (not refuted)' : 'FAILED';
}

function verify(report: Verify_report): string {
  const results = report.properties;
  const rows = [
    ['property', 'must', 'runs', 'commands', 'result', 'shrunk', 'seconds'],
    ...results.map((r) => [r.name, r.expect, String(r.runs), String(r.commands), check_result(r), r.counterexample ? `${call_count(r.counterexample.program)} calls` : '-', (r.ms / 1000).toFixed(1)]),
  ];
  const shown = results.filter((r) => r.counterexample && (!r.ok || !r.name.startsWith('planted')));
  const bad = results.filter((r) => !r.ok).length;
  const counterexamples = shown.length === 0 ? '' : `\n\nCounterexamples (shrunk):\n\n${shown.map(describe_counterexample).join('\n\n')}`;
  return `${table(rows, 2)}${counterexamples}\n\n${results.length - bad} passed, ${bad} failed\n`;
}

/** One trace's row cells after its name. */
export function trace_cells(r: Trace_result): string {
  if (r.skipped !== undefined) return `ok    skipped: ${r.skipped}`;
  if (!r.ok) return `FAIL  ${r.error}`;
  return `ok    ${r.util.toFixed(3).padStart(6)}  ${Math.round(r.ops_per_sec).toString().padStart(10)}`;
}

function traces(report: Traces_report): string {
  const width = Math.max(5, ...report.traces.map((r) => r.file.length));
  const s = report.summary;
  return [
    `${'trace'.padEnd(width)}  ok    util       ops/s   (allocator ${report.allocator})`,
    ...report.traces.map((r) => `${r.file.padEnd(width)}  ${trace_cells(r)}`),
    '',
    `${s.ok} ok, ${s.failed} failed, ${s.skipped} skipped; average utilization ${s.avg_util.toFixed(3)}, ${Math.round(s.ops_per_sec)} ops/s`,
    '',
  ].join('\n');
}

/** One submission in a line: verdict, util, throughput, score and the first failure. */
export function submission_line(r: Submission_result): string {
  const first = r.failures[0];
  const cells = [
    r.verdict.padEnd(11),
    `util ${r.util.toFixed(3)}`,
    r.instructions_per_op === undefined ? `${Math.round(r.ops_per_sec).toString().padStart(9)} ops/s` : `${r.instructions_per_op.toFixed(1).padStart(7)} instr/op`,
    `score ${r.score.toFixed(1).padStart(5)}`,
  ];
  const why = first === undefined ? '' : `  ${first.check}: ${first.message.split('\n')[0]}`;
  return `${r.file}  ${cells.join('  ')}${why}`;
}

function grade(report: Grade_report): string {
  const passed = report.submissions.filter((r) => r.verdict === 'pass').length;
  return `${report.submissions.map(submission_line).join('\n')}\n\n${passed} of ${report.submissions.length} pass\n`;
}

function fuzz(report: Fuzz_report): string {
  const head = `${report.target}: ${report.seconds.toFixed(0)} s, ${report.runs} runs, ${report.commands} commands, ${report.findings.length} found`;
  return `${[head, ...report.findings.map((f) => `  ${f.file}  (${f.times}x)  ${f.signature}`)].join('\n')}\n`;
}

const RENDER: Per_command<string> = { verify, traces, grade, fuzz };

export const terminal: Reporter = {
  format: 'terminal',
  file_name: 'report.txt',
  commands: EVERY_COMMAND,
  render: (report) => per_command(RENDER, report),
};
