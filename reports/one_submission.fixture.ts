/**
 * Graded submissions written by hand for the reporters of one submission per
 * run (gradescope, autolab): one that passes with a known utilization (0.7)
 * and throughput (0.8 × the reference's), one that fails two checks, one that
 * does not build. The passing one's score comes from grader/score.ts itself.
 */
import type { Submission_result } from '../grader/grade.ts';
import { score } from '../grader/score.ts';
import type { Grade_report } from './report.ts';

const trace = { file: 'traces/short1-bal.rep', weight: 1, util: 0.7, ops: 1000, cost: 1.25, reference_cost: 1 };
const scored = score([trace]);

export const PASSING: Submission_result = {
  file: '/autograder/submission/mm.c',
  hash: 'a1',
  kind: 'mm',
  verdict: 'pass',
  failures: [],
  util: scored.util,
  ops_per_sec: scored.ops_per_cost,
  throughput: scored.throughput,
  score: scored.score,
  robustness: { double_free: 'detected', invalid_free: 'crash' },
  traces: [trace],
};

export const FAILING: Submission_result = {
  file: '/autograder/submission/bug.c',
  hash: 'b2',
  kind: 'mm',
  verdict: 'fail',
  failures: [
    {
      check: 'realloc copy',
      where: 'property suite, program 3',
      message: 'op 1 (r 0 640): realloc copy: p2 (0x10200, 640 bytes, from op 1) byte 0 is 0x00\nexpected 0x5b of p1 (checked at op 1)',
      replay: 'l4check replay /autograder/results/bug/0-realloc-copy.rep --allocator /autograder/submission/bug.c',
    },
    {
      check: 'leak',
      where: 'traces/short1-bal.rep, op 12',
      message: '2 blocks of 4096 bytes held after the last free',
      replay: 'l4check replay traces/short1-bal.rep --allocator /autograder/submission/bug.c',
    },
  ],
  util: 0.61,
  ops_per_sec: 0,
  score: 0,
  robustness: { double_free: 'detected', invalid_free: 'undetected' },
  refused: [{ trace: 'traces/giant.rep', requests: 2, largest: 2 ** 40 }],
  output: 'mm_init: <heap> ready\n',
};

export const BUILD_ERROR: Submission_result = {
  file: '/autograder/submission/broken.c',
  hash: 'c3',
  kind: 'unknown',
  verdict: 'build-error',
  failures: [{ check: 'build', where: 'loading the submission', message: "broken.c:3:1: error: expected ';' before '}' token" }],
  util: 0,
  ops_per_sec: 0,
  score: 0,
};

export const report_of = (...submissions: Submission_result[]): Grade_report => ({ command: 'grade', submissions });
