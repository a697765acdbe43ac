/**
 * A failure the grader found, before and after its counterexample is saved.
 * `check` is the runner's check name for a `fail`, else the failure's kind
 * (crash, timeout, memory); `where` says which part of the grading found it.
 */
import type { Program, Run_failure } from './runner.ts';

export interface Found_failure {
  readonly check: string;
  readonly where: string;
  readonly message: string;
  /** The shortest program found that fails this way. */
  readonly program: Program;
  /** The trace file `program` is, unchanged (not shrunk). */
  readonly source?: string;
  /** A thread-safety failure's programs, one a thread, run at once; `program` is the failing thread's. */
  readonly threads?: readonly Program[];
}

/** As reported: `replay` is the command that shows it again. */
export interface Reported_failure {
  readonly check: string;
  readonly where: string;
  readonly message: string;
  readonly replay?: string;
  /** A short counterexample's program, one call a line (`p1 = malloc(24)`); whole traces and long programs have only `replay`. */
  readonly program?: readonly string[];
}

export function check_of(f: Run_failure): string {
  return f.kind === 'fail' ? f.check : f.kind;
}
