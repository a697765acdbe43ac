/**
 * What each l4check command computed, as plain data, and the one interface
 * every reporter implements (one reporter per file in reports/). A report is
 * rendered whole; a long command renders again after each item it finishes
 * (a trace, a submission), so an interrupted run keeps what it computed.
 *
 * REPORT_VERSION goes up whenever a field's meaning changes or one is
 * removed; fields only added keep it. docs/REPORTS.md is the schema.
 */
import type { Submission_result } from '../grader/grade.ts';
import type { Check_result } from '../properties/run_check.ts';
import type { Trace_result, Traces_summary } from '../properties/trace/run_trace.ts';

export const REPORT_VERSION = 2;

/** `l4check verify`: every property, in the order run. */
export interface Verify_report {
  readonly command: 'verify';
  readonly seed: number;
  readonly properties: readonly Check_result[];
}

/** `l4check traces`: one allocator on malloc-lab traces. */
export interface Traces_report {
  readonly command: 'traces';
  readonly allocator: string;
  readonly traces: readonly Trace_result[];
  readonly summary: Traces_summary;
}

/** `l4check grade`: one result per submission, in the order graded. */
export interface Grade_report {
  readonly command: 'grade';
  readonly submissions: readonly Submission_result[];
}

/** One finding of a fuzzing run: its counterexample file and how often it came up. */
export interface Fuzz_finding {
  readonly signature: string;
  readonly file: string;
  readonly times: number;
  /** The failure's message, and the shrunk program, one call a line. */
  readonly failure: string;
  readonly transcript: readonly string[];
}

/** `npm run fuzz`: one target fuzzed for a while. */
export interface Fuzz_report {
  readonly command: 'fuzz';
  readonly target: string;
  readonly seed: number;
  readonly seconds: number;
  readonly runs: number;
  readonly commands: number;
  readonly findings: readonly Fuzz_finding[];
}

export type Report = Verify_report | Traces_report | Grade_report | Fuzz_report;

/** The commands whose reports a reporter of every command renders. */
export const EVERY_COMMAND: readonly Report['command'][] = ['verify', 'traces', 'grade', 'fuzz'];

/** One function per command: a table a reporter keeps, so that no command is left out. */
export type Per_command<T> = { readonly [C in Report['command']]: (report: Extract<Report, { readonly command: C }>) => T };

/** The report given to its command's function of `fns`. */
export function per_command<T>(fns: Per_command<T>, report: Report): T {
  return (fns[report.command] as (r: Report) => T)(report);
}

export const REPORT_FORMATS = ['terminal', 'json', 'csv', 'junit', 'html', 'gradescope', 'autolab'] as const;
export type Report_format = (typeof REPORT_FORMATS)[number];

export interface Reporter {
  readonly format: Report_format;
  /** The file it writes into a folder given as --out (and into reports/<command>/ by default). */
  readonly file_name: string;
  /** The commands whose reports it renders. */
  readonly commands: readonly Report['command'][];
  /** The whole report as this format's text. Pure: no I/O, no clock. */
  render(report: Report): string;
}
