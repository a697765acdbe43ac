import { describe, expect, it } from 'vitest';
import type { Submission_result } from '../grader/grade.ts';
import { type Gradescope_results, gradescope } from './gradescope.ts';
import { expect_gradescope_results } from './gradescope_spec.fixture.ts';
import { BUILD_ERROR, FAILING, PASSING, THREAD_UNSAFE, report_of } from './one_submission.fixture.ts';

/** results.json parsed, after checking every field against Gradescope's specification. */
function rendered(r: Submission_result): Gradescope_results {
  const results = JSON.parse(gradescope.render(report_of(r))) as Gradescope_results;
  expect_gradescope_results(results);
  return results;
}

const named = (results: Gradescope_results, name: string) => results.tests.find((t) => t.name === name)!;

describe('gradescope reporter', () => {
  it('scores a passing allocator as l4check does, the points split into utilization (60) and throughput (40)', () => {
    const results = rendered(PASSING);
    const util_points = (60 * (0.7 - 0.55)) / (0.74 - 0.55);
    expect(results.score).toBe(PASSING.score);
    expect(results.score).toBeCloseTo(util_points + 30, 9);
    expect(named(results, 'correctness')).toMatchObject({ score: 0, max_score: 0, status: 'passed' });
    expect(named(results, 'utilization')).toMatchObject({ score: expect.closeTo(util_points, 9), max_score: 60, status: 'passed' });
    expect(named(results, 'utilization').output).toContain('Utilization 0.700');
    expect(named(results, 'utilization').output).toContain(`${util_points.toFixed(2)} of 60 points`);
    expect(named(results, 'throughput')).toMatchObject({ score: expect.closeTo(30, 9), max_score: 40, status: 'passed' });
    expect(named(results, 'throughput').output).toContain('Throughput 0.80 × the reference');
    expect(named(results, 'throughput').output).toContain('800 ops/s');
    expect(named(results, 'robustness')).toMatchObject({ score: 0, max_score: 0, status: 'passed' });
    expect(named(results, 'robustness').output).toContain('Free of a pointer never returned: crash');
    expect(results.leaderboard).toEqual([
      { name: 'Score', value: PASSING.score, order: 'desc' },
      { name: 'Utilization', value: 0.7, order: 'desc' },
      { name: 'Throughput (× reference)', value: 0.8, order: 'desc' },
    ]);
    expect(results.output).toMatch(/^mm\.c \(mm\): pass, score 77\.37 of 100 \(utilization 47\.37 of 60, throughput 30\.00 of 40\)/);
  });

  it('gives full marks at the top of both ramps, and names instructions when they were counted', () => {
    const top = { ...PASSING, util: 0.8, throughput: 1.2, score: 100, ops_per_sec: 0, instructions_per_op: 81.5 };
    const results = rendered(top);
    expect(results.score).toBe(100);
    expect(results.tests.map((t) => [t.score, t.status])).toEqual([
      [0, 'passed'],
      [60, 'passed'],
      [40, 'passed'],
      [0, 'passed'],
    ]);
    expect(named(results, 'throughput').output).toContain('81.5 instructions per op, counted under callgrind');
  });

  it('scores a failing allocator 0 and lists each failure with its check, where, message and replay', () => {
    const results = rendered(FAILING);
    expect(results.score).toBe(0);
    const correctness = named(results, 'correctness');
    expect(correctness).toMatchObject({ score: 0, max_score: 0, status: 'failed' });
    for (const f of FAILING.failures) {
      expect(correctness.output).toContain(`${f.check} (${f.where})`);
      for (const line of f.message.split('\n')) expect(correctness.output).toContain(line);
      expect(correctness.output).toContain(`replay: ${f.replay}`);
    }
    expect(correctness.output).toContain('1. realloc copy');
    expect(correctness.output).toContain('2. leak');
    expect(correctness.output).toContain(`traces/giant.rep: 2 requests answered NULL, the largest ${2 ** 40} bytes`);
    expect(named(results, 'utilization')).toMatchObject({ score: 0, max_score: 60, status: 'failed' });
    expect(named(results, 'utilization').output).toContain('verdict: fail');
    expect(named(results, 'utilization').output).toContain('its utilization was 0.610');
    expect(named(results, 'throughput')).toMatchObject({ score: 0, max_score: 40, status: 'failed' });
    expect(named(results, 'robustness')).toMatchObject({ score: 0, max_score: 0, status: 'failed' });
    expect(results.leaderboard.map((e) => e.value)).toEqual([0, 0, 0]);
    expect(results.output).toContain('bug.c (mm): fail, score 0.00 of 100');
    expect(results.output).toContain('mm_init: <heap> ready');
  });

  it('shows a build error as a failed correctness test with the compiler line and no replay', () => {
    const results = rendered(BUILD_ERROR);
    expect(results.score).toBe(0);
    const correctness = named(results, 'correctness');
    expect(correctness.status).toBe('failed');
    expect(correctness.output).toContain("build (loading the submission)\n   broken.c:3:1: error: expected ';' before '}' token");
    expect(correctness.output).not.toContain('replay:');
    expect(named(results, 'utilization').output).not.toContain('its utilization was');
    expect(named(results, 'robustness')).toMatchObject({ status: 'failed', output: expect.stringContaining('Not probed') });
    expect(results.output).toContain('broken.c (unknown): build-error');
  });

  it('with --threads, adds a thread-safety test: passed, failed with the threads\' programs and replay, or not run', () => {
    const passed = rendered({ ...PASSING, threads: { threads: 4, ops_per_thread: 2000, rounds: 20, outcome: 'pass' } });
    expect(named(passed, 'thread-safety')).toMatchObject({ score: 0, max_score: 0, status: 'passed', output: expect.stringContaining('every check held in all 20 rounds') });
    expect(named(passed, 'correctness').output).toContain('and from 4 threads at once');
    expect(passed.score).toBe(PASSING.score);
    const failed = rendered(THREAD_UNSAFE);
    const f = THREAD_UNSAFE.failures[0]!;
    expect(named(failed, 'thread-safety')).toMatchObject({ status: 'failed', output: expect.stringContaining('round 1 failed') });
    for (const text of [f.message, '    // thread 1\n       p1 = malloc(127)', `replay: ${f.replay}`]) expect(named(failed, 'thread-safety').output).toContain(text);
    expect(named(failed, 'correctness')).toMatchObject({ status: 'failed', output: expect.stringContaining('1. thread-safety (--threads 4, round 1 of 20') });
    const not_run = rendered({ ...FAILING, threads: { threads: 4, ops_per_thread: 2000, rounds: 0, outcome: 'not run' } });
    expect(named(not_run, 'thread-safety')).toMatchObject({ status: 'failed', output: expect.stringContaining('Not run') });
    expect(rendered(PASSING).tests.map((t) => t.name)).not.toContain('thread-safety');
  });

  it('refuses any report but one graded submission, and a score its parts do not make', () => {
    expect(() => gradescope.render(report_of())).toThrow('gradescope.render: one submission per run, got 0');
    expect(() => gradescope.render(report_of(PASSING, FAILING))).toThrow('one submission per run, got 2');
    expect(() => gradescope.render({ command: 'verify', seed: 1, properties: [] })).toThrow('a verify report has no submission');
    expect(() => gradescope.render(report_of({ ...PASSING, score: 99 }))).toThrow(/score_parts: .*mm\.c \(pass\) scores 99/);
    expect(() => gradescope.render(report_of({ ...FAILING, score: 5 }))).toThrow('scores 5');
  });
});
