/**
 * For the reporters of one submission per run, which show points per part
 * (gradescope, autolab): the reporter of the `grade` command that renders that
 * submission, and its score as the parts that make it up. grader/score.ts has the scheme; here it is taken apart again:
 *   util_points       = UTIL_POINTS × ramp(util, UTIL_RAMP)
 *   throughput_points = THROUGHPUT_POINTS × ramp(throughput, THROUGHPUT_RAMP)
 * Invariant: util_points + throughput_points = the submission's score (to
 * rounding); both are 0 unless it passed, since correctness gates the score.
 */
import type { Submission_result } from '../grader/grade.ts';
import { THROUGHPUT_RAMP, THROUGHPUT_WEIGHT, UTIL_RAMP, UTIL_WEIGHT, ramp } from '../grader/score.ts';
import type { Report, Report_format, Reporter } from './report.ts';

export const UTIL_POINTS = 100 * UTIL_WEIGHT;
export const THROUGHPUT_POINTS = 100 * THROUGHPUT_WEIGHT;

export interface Score_parts {
  /** Only a passing submission is scored. */
  readonly scored: boolean;
  /** The utilization and the throughput ratio that were scored (0 unless scored). */
  readonly util: number;
  readonly throughput: number;
  readonly util_points: number;
  readonly throughput_points: number;
}

/**
 * A reporter of the `grade` command for one submission per run: `render` gets
 * that submission and its score's parts; any other report is refused.
 */
export function one_submission_reporter(
  format: Report_format,
  file_name: string,
  render: (r: Submission_result, p: Score_parts) => string,
): Reporter {
  return {
    format,
    file_name,
    commands: ['grade'],
    render(report) {
      const r = the_submission(report, format);
      return render(r, score_parts(r));
    },
  };
}

function the_submission(report: Report, format: string): Submission_result {
  if (report.command !== 'grade') throw new Error(`${format}.render: a ${report.command} report has no submission to score`);
  const [r, ...more] = report.submissions;
  if (r === undefined || more.length > 0) throw new Error(`${format}.render: one submission per run, got ${report.submissions.length}`);
  return r;
}

/** Throws if the parts do not add up to the submission's score: the result was not made by grader/score.ts. */
export function score_parts(r: Submission_result): Score_parts {
  const scored = r.verdict === 'pass';
  const util = scored ? r.util : 0;
  const throughput = scored ? (r.throughput ?? 0) : 0;
  const util_points = scored ? UTIL_POINTS * ramp(util, UTIL_RAMP) : 0;
  const throughput_points = scored ? THROUGHPUT_POINTS * ramp(throughput, THROUGHPUT_RAMP) : 0;
  if (Math.abs(util_points + throughput_points - r.score) > 1e-9) {
    throw new Error(`score_parts: ${r.file} (${r.verdict}) scores ${r.score}, but its parts add up to ${util_points} + ${throughput_points}`);
  }
  return { scored, util, throughput, util_points, throughput_points };
}
