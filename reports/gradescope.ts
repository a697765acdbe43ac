/**
 * The Gradescope reporter: results.json as Gradescope's autograder
 * specification has it (gradescope-autograders.readthedocs.io/en/latest/specs/),
 * for one submission graded in its container (examples/autograders/gradescope/).
 * A report of any other number of submissions is refused.
 *
 * The score is l4check's (grader/score.ts, 0–100); the tests explain it:
 *   correctness   0 of 0, passed or failed: it gates the score; each failure with its replay
 *   utilization   UTIL_POINTS × ramp(util)
 *   throughput    THROUGHPUT_POINTS × ramp(throughput ÷ the reference's)
 *   robustness    0 of 0, informational
 *   thread-safety 0 of 0, with --threads only: passed, failed (the failure as
 *                 correctness lists it too, since it gates the score), or not run
 * Invariant: the tests' scores add up to `score`, and their max_scores to 100.
 * Every test is visible, so students see their total; the leaderboard ranks
 * score, utilization and throughput, all 0 for an allocator that is not scored.
 * Outputs are plain text (`output_format: "text"`): a message holding `<` is
 * never read as HTML.
 */
import { basename } from 'node:path';
import type { Reported_failure } from '../grader/failure.ts';
import type { Submission_result } from '../grader/grade.ts';
import { THROUGHPUT_RAMP, UTIL_RAMP } from '../grader/score.ts';
import { type Score_parts, THROUGHPUT_POINTS, UTIL_POINTS, one_submission_reporter } from './score_parts.ts';

export type Gradescope_visibility = 'hidden' | 'after_due_date' | 'after_published' | 'visible';

export interface Gradescope_test {
  readonly name: string;
  readonly score: number;
  readonly max_score: number;
  readonly status: 'passed' | 'failed';
  readonly output: string;
  readonly visibility: Gradescope_visibility;
}

export interface Gradescope_results {
  readonly score: number;
  readonly output: string;
  readonly output_format: 'text';
  readonly tests: readonly Gradescope_test[];
  readonly leaderboard: readonly { readonly name: string; readonly value: number; readonly order: 'asc' | 'desc' }[];
}

const not_scored = (r: Submission_result) => `Not scored: only an allocator that passes every correctness check is (verdict: ${r.verdict}).`;

function test(name: string, score: number, max_score: number, passed: boolean, output: string): Gradescope_test {
  return { name, score, max_score, status: passed ? 'passed' : 'failed', output, visibility: 'visible' };
}

/** `1. check (where)`, the message, the program and the replay command, indented under it. */
function failure_text(f: Reported_failure, i: number): string {
  const lines = [`${i + 1}. ${f.check} (${f.where})`, ...f.message.split('\n'), ...(f.program ?? []).map((l) => `    ${l}`), ...(f.replay === undefined ? [] : [`replay: ${f.replay}`])];
  return lines.join('\n   ');
}

function correctness(r: Submission_result): Gradescope_test {
  const refused = (r.refused ?? []).map((n) => `${n.trace}: ${n.requests} requests answered NULL, the largest ${n.largest} bytes`);
  const notes = refused.length === 0 ? '' : `\n\nNULL where the environment had no room (allowed):\n${refused.join('\n')}`;
  const threads = r.threads === undefined ? '' : `, and from ${r.threads.threads} threads at once`;
  if (r.verdict === 'pass') return test('correctness', 0, 0, true, `Every check held, in the property suite, on every trace${threads}.${notes}`);
  const failures = r.failures.map(failure_text);
  return test('correctness', 0, 0, false, `Verdict: ${r.verdict}. Correctness gates the score: an allocator that fails a check scores 0.\n\n${failures.join('\n\n')}${notes}`);
}

function utilization(r: Submission_result, p: Score_parts): Gradescope_test {
  const where_passed = r.util > 0 ? `\nOn the traces it passed, its utilization was ${r.util.toFixed(3)}.` : '';
  const output = p.scored
    ? `Utilization ${p.util.toFixed(3)}: peak live payload ÷ peak memory held, the mean over the traces of weight 1 and 2.\n` +
      `Ramped from ${UTIL_RAMP.lo.toFixed(2)} (0 points) to ${UTIL_RAMP.hi.toFixed(2)} (all ${UTIL_POINTS}): ${p.util_points.toFixed(2)} of ${UTIL_POINTS} points.`
    : `${not_scored(r)}${where_passed}`;
  return test('utilization', p.util_points, UTIL_POINTS, p.util_points > 0, output);
}

function throughput(r: Submission_result, p: Score_parts): Gradescope_test {
  const cost =
    r.instructions_per_op === undefined
      ? `${Math.round(r.ops_per_sec).toLocaleString('en-US')} ops/s, timed on a shared machine: a regrade may move it by a few points.`
      : `${r.instructions_per_op.toFixed(1)} instructions per op, counted under callgrind: the same on every run.`;
  const output = p.scored
    ? `Throughput ${p.throughput.toFixed(2)} × the reference allocator's, over the traces of weight 1 and 3 in the same run; ${cost}\n` +
      `Ramped from ${THROUGHPUT_RAMP.lo.toFixed(2)} (0 points) to ${THROUGHPUT_RAMP.hi.toFixed(2)} (all ${THROUGHPUT_POINTS}): ${p.throughput_points.toFixed(2)} of ${THROUGHPUT_POINTS} points.`
    : not_scored(r);
  return test('throughput', p.throughput_points, THROUGHPUT_POINTS, p.throughput_points > 0, output);
}

/** Passed unless a probe went undetected; a crash on misuse counts as detecting it (C cannot report it otherwise). */
function robustness(r: Submission_result): Gradescope_test {
  const probes = r.robustness;
  if (probes === undefined) return test('robustness', 0, 0, false, 'Not probed: grading stopped before it. Worth no points.');
  const output = `Double free: ${probes.double_free}. Free of a pointer never returned: ${probes.invalid_free}. Reported apart from correctness; worth no points.`;
  return test('robustness', 0, 0, probes.double_free !== 'undetected' && probes.invalid_free !== 'undetected', output);
}

/** With --threads: the rounds it ran and how they went; worth no points on its own (a failure gates the score through correctness). */
function thread_safety(r: Submission_result): Gradescope_test[] {
  const t = r.threads;
  if (t === undefined) return [];
  if (t.outcome === 'not run') return [test('thread-safety', 0, 0, false, 'Not run: an earlier check failed (a bug that one thread shows is reported there). Worth no points.')];
  const rounds = `${t.threads} threads at once on one heap, each with its own blocks, ${t.ops_per_thread} calls each a round`;
  if (t.outcome === 'pass') return [test('thread-safety', 0, 0, true, `${rounds}: every check held in all ${t.rounds} rounds. Worth no points on its own.`)];
  const failures = r.failures.filter((f) => f.check === 'thread-safety').map(failure_text);
  return [test('thread-safety', 0, 0, false, `${rounds}: round ${t.rounds} failed. Correctness gates the score.\n\n${failures.join('\n\n')}`)];
}

function summary(r: Submission_result, p: Score_parts): string {
  const head = `${basename(r.file)} (${r.kind}): ${r.verdict}, score ${r.score.toFixed(2)} of 100`;
  const parts = p.scored ? ` (utilization ${p.util_points.toFixed(2)} of ${UTIL_POINTS}, throughput ${p.throughput_points.toFixed(2)} of ${THROUGHPUT_POINTS})` : '';
  const printed = r.output === undefined ? '' : `\n\nWhat the allocator printed (capped):\n${r.output}`;
  return `${head}${parts}. Graded by l4check with CMU's malloc-lab scoring.${printed}`;
}

export const gradescope = one_submission_reporter('gradescope', 'results.json', (r, p) => {
  const results: Gradescope_results = {
    score: r.score,
    output: summary(r, p),
    output_format: 'text',
    tests: [correctness(r), utilization(r, p), throughput(r, p), robustness(r), ...thread_safety(r)],
    leaderboard: [
      { name: 'Score', value: r.score, order: 'desc' },
      { name: 'Utilization', value: p.util, order: 'desc' },
      { name: 'Throughput (× reference)', value: p.throughput, order: 'desc' },
    ],
  };
  return `${JSON.stringify(results, null, 2)}\n`;
});
