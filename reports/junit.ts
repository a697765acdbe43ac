/**
 * The JUnit XML reporter, for CI servers: one <testsuite> per report, one
 * <testcase> per property (verify), trace (traces), check of a submission
 * (grade: build, correctness, leak, thread-safety) or fuzzing finding (fuzz). `classname` is l4check.<command>.<kind>.
 *
 * A failure's message is its first line; its text is the shrunk
 * counterexample, one call a line, and the command that replays it.
 */
import { basename } from 'node:path';
import type { Reported_failure } from '../grader/failure.ts';
import type { Submission_result } from '../grader/grade.ts';
import { type Check_result, describe_counterexample } from '../properties/run_check.ts';
import type { Trace_result } from '../properties/trace/run_trace.ts';
import { type Junit_case, type Junit_outcome, type Junit_suite, junit_document } from './junit_xml.ts';
import { EVERY_COMMAND, type Fuzz_report, type Grade_report, type Per_command, type Reporter, type Traces_report, type Verify_report, per_command } from './report.ts';

const sum_seconds = (cases: readonly Junit_case[]) => cases.reduce((s, c) => s + c.seconds, 0);

/** A property refuted passes when it must be refuted; `ok` already says so. */
function property_case(r: Check_result): Junit_case {
  const base = { name: r.name, classname: `l4check.verify.${r.expect}`, seconds: r.ms / 1000 };
  if (r.ok) return base;
  if (r.counterexample === undefined) {
    const message = `no counterexample in ${r.runs} runs: this property must be refuted`;
    const replay = `npm run verify -- --only ${JSON.stringify(r.name)} --seed ${r.seed}`;
    return { ...base, outcome: { kind: 'failure', type: 'not refuted', message, details: `${message}\n  replay: ${replay}` } };
  }
  return { ...base, outcome: { kind: 'failure', type: 'counterexample', message: r.counterexample.error, details: describe_counterexample(r) } };
}

function verify_suite(r: Verify_report): Junit_suite {
  const cases = r.properties.map(property_case);
  return { name: 'verify', package: 'l4check', seconds: sum_seconds(cases), properties: [['seed', String(r.seed)]], cases, out: '' };
}

/** A classname part from an allocator that may be a path: its file name, dots and the like as `_`. */
function class_part(s: string): string {
  return basename(s).replace(/\W+/g, '_');
}

function trace_case(r: Trace_result, allocator: string): Junit_case {
  const base = { name: r.file, classname: `l4check.traces.${class_part(allocator)}`, seconds: r.ops_per_sec > 0 ? r.ops / r.ops_per_sec : 0 };
  if (r.skipped !== undefined) return { ...base, outcome: { kind: 'skipped', message: r.skipped } };
  if (r.ok) return base;
  const message = r.error ?? 'failed';
  const details = `${message}\n  replay: npx l4check traces --allocator ${allocator} --traces ${r.file}`;
  return { ...base, outcome: { kind: 'failure', type: 'trace', message, details } };
}

function traces_suite(r: Traces_report): Junit_suite {
  const cases = r.traces.map((t) => trace_case(t, r.allocator));
  const properties = [
    ['allocator', r.allocator],
    ['util', r.summary.avg_util.toFixed(3)],
    ['ops_per_sec', Math.round(r.summary.ops_per_sec).toString()],
  ] as const;
  const out = r.traces.flatMap((t) => (t.warnings ?? []).map((w) => `${t.file}: ${w}\n`)).join('');
  return { name: `traces ${r.allocator}`, package: 'l4check', seconds: sum_seconds(cases), properties, cases, out };
}

function failure_text(f: Reported_failure): string {
  return [`${f.check}: ${f.message}`, `  where: ${f.where}`, ...(f.program ?? []).map((l) => `    ${l}`), ...(f.replay === undefined ? [] : [`  replay: npx ${f.replay}`])].join('\n');
}

/** The first failure's message and type; the text of each, in order. Undefined: none. */
function outcome_of(kind: 'failure' | 'error', failures: readonly Reported_failure[]): Junit_outcome | undefined {
  const first = failures[0];
  if (first === undefined) return undefined;
  return { kind, type: first.check, message: first.message, details: failures.map(failure_text).join('\n\n') };
}

/** With --threads: `thread-safety` failed, passed, or skipped when an earlier check failed and it did not run. */
function thread_outcome(s: Submission_result, failures: readonly Reported_failure[]): Junit_outcome | undefined {
  if (s.threads?.outcome === 'not run') return { kind: 'skipped', message: `not run: an earlier check failed (--threads ${s.threads.threads})` };
  return outcome_of('failure', failures);
}

/**
 * A submission's checks: `build` (built and loaded), then, if it loaded,
 * `correctness` (every failure but leaks and thread-safety), `leak` (no leak
 * found) and, graded with --threads, `thread-safety`. The grader gives kind
 * `unknown` exactly to a submission it could not load (or failed on itself):
 * its one test is an error. A result carries no duration.
 */
function submission_cases(s: Submission_result): Junit_case[] {
  const test = (check: string, outcome: Junit_outcome | undefined): Junit_case => ({
    name: `${s.file}: ${check}`,
    classname: `l4check.grade.${s.kind}`,
    seconds: 0,
    ...(outcome === undefined ? {} : { outcome }),
  });
  if (s.kind === 'unknown') return [test('build', outcome_of('error', s.failures))];
  const own = (check: string) => s.failures.filter((f) => f.check === check);
  return [
    test('build', undefined),
    test('correctness', outcome_of('failure', s.failures.filter((f) => f.check !== 'leak' && f.check !== 'thread-safety'))),
    test('leak', outcome_of('failure', own('leak'))),
    ...(s.threads === undefined ? [] : [test('thread-safety', thread_outcome(s, own('thread-safety')))]),
  ];
}

function grade_suite(r: Grade_report): Junit_suite {
  const cases = r.submissions.flatMap(submission_cases);
  const properties = r.submissions.flatMap((s) => [
    [`${s.file}: verdict`, s.verdict],
    [`${s.file}: score`, s.score.toFixed(1)],
  ] as const);
  const out = r.submissions.flatMap((s) => (s.output === undefined ? [] : [`--- ${s.file} printed:\n${s.output}\n`])).join('');
  return { name: 'grade', package: 'l4check', seconds: 0, properties, cases, out };
}

/** Each finding fails; a run with none is one passing test that took the whole run. */
function fuzz_suite(r: Fuzz_report): Junit_suite {
  const classname = `l4check.fuzz.${r.target}`;
  const cases: Junit_case[] =
    r.findings.length === 0
      ? [{ name: `${r.target}: no finding`, classname, seconds: r.seconds }]
      : r.findings.map((f) => {
          const details = [f.failure, ...f.transcript.map((l) => `    ${l}`), `  found ${f.times} times`, `  replay: npx l4check replay ${f.file}`];
          return { name: f.signature, classname, seconds: 0, outcome: { kind: 'failure', type: 'finding', message: f.failure, details: details.join('\n') } };
        });
  const properties = [
    ['seed', String(r.seed)],
    ['runs', String(r.runs)],
    ['commands', String(r.commands)],
  ] as const;
  return { name: `fuzz ${r.target}`, package: 'l4check', seconds: r.seconds, properties, cases, out: '' };
}

const SUITE: Per_command<Junit_suite> = { verify: verify_suite, traces: traces_suite, grade: grade_suite, fuzz: fuzz_suite };

export const junit: Reporter = {
  format: 'junit',
  file_name: 'junit.xml',
  commands: EVERY_COMMAND,
  render: (report) => junit_document(per_command(SUITE, report)),
};
