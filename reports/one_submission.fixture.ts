/**
 * Graded submissions written by hand for the reporters of one submission per
 * run (gradescope, autolab): one that passes with a known utilization (0.7)
 * and throughput (0.8 × the reference's), one that fails two checks, one that
 * does not build, one that passes every sequential check and fails under
 * --threads 4. The passing one's score comes from grader/score.ts itself.
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

export const THREAD_UNSAFE: Submission_result = {
  file: '/autograder/submission/racy.c',
  hash: 'd4',
  kind: 'l4re',
  verdict: 'fail',
  failures: [
    {
      check: 'thread-safety',
      where: '--threads 4, round 1 of 20 (seed 20261125, 2000 ops a thread)',
      message:
        "thread 1's p1 (0x7f72e2010010, 127 bytes, from its op 0) overlaps thread 0's p1 (0x7f72e2010010, 68 bytes, from its op 0), and both were live at once: " +
        "the allocator gave the same bytes to two owners; reproduced in 3 of 10 replays of these 2 threads' programs",
      replay: 'l4check replay /autograder/results/racy/0-thread-safety-t0.rep /autograder/results/racy/0-thread-safety-t1.rep --allocator /autograder/submission/racy.c',
      program: ['// thread 0', 'p1 = malloc(68)', '// thread 1', 'p1 = malloc(127)'],
    },
  ],
  util: 0.5,
  ops_per_sec: 0,
  score: 0,
  robustness: { double_free: 'undetected', invalid_free: 'undetected' },
  threads: { threads: 4, ops_per_thread: 2000, rounds: 1, outcome: 'fail' },
};

export const report_of = (...submissions: Submission_result[]): Grade_report => ({ command: 'grade', submissions });
