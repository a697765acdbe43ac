/**
 * The Autolab reporter: the autoresult, one line of JSON that Autolab reads
 * from the last line of the autograder's output (docs.autolabproject.com/lab/,
 * "Writing Autograders"), for one submission graded per run
 * (examples/autograders/autolab/). A report of any other number of
 * submissions is refused.
 *
 *   {"scores": {"correctness": 0, "utilization": U, "throughput": T}, "scoreboard": [score, util, throughput]}
 *
 * Scores are the assessment's problems, with l4check's points: correctness
 * gates the score and is worth none of it, so it is always 0 (the verdict is in
 * the output above the line); U + T is the score (0–100, grader/score.ts).
 * The scoreboard's util and throughput are 0 for an allocator that is not scored.
 */
import { one_submission_reporter } from './score_parts.ts';

export const autolab = one_submission_reporter('autolab', 'autoresult.json', (r, p) => {
  const scores = { correctness: 0, utilization: p.util_points, throughput: p.throughput_points };
  return `${JSON.stringify({ scores, scoreboard: [r.score, p.util, p.throughput] })}\n`;
});
