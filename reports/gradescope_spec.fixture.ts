/**
 * Every field of a results.json checked against Gradescope's autograder
 * specification and l4check's four tests (a fifth, thread-safety, worth no
 * points, with --threads): the reporter's unit test and the dry run of
 * run_autograder check what they get with it.
 */
import { expect } from 'vitest';
import type { Gradescope_results } from './gradescope.ts';

const VISIBILITY = ['hidden', 'after_due_date', 'after_published', 'visible'];

export function expect_gradescope_results(results: Gradescope_results): void {
  expect(Object.keys(results)).toEqual(['score', 'output', 'output_format', 'tests', 'leaderboard']);
  expect(results.score).toBeTypeOf('number');
  expect(results.output).toBeTypeOf('string');
  expect(results.output_format).toBe('text');
  const threads = results.tests.length === 5 ? ['thread-safety'] : [];
  expect(results.tests.map((t) => t.name)).toEqual(['correctness', 'utilization', 'throughput', 'robustness', ...threads]);
  for (const t of results.tests) {
    expect(Object.keys(t)).toEqual(['name', 'score', 'max_score', 'status', 'output', 'visibility']);
    expect([typeof t.score, typeof t.max_score, typeof t.output]).toEqual(['number', 'number', 'string']);
    expect(t.score).toBeGreaterThanOrEqual(0);
    expect(t.score).toBeLessThanOrEqual(t.max_score);
    expect(['passed', 'failed']).toContain(t.status);
    expect(VISIBILITY).toContain(t.visibility);
  }
  expect(results.tests.map((t) => t.max_score)).toEqual([0, 60, 40, 0, ...threads.map(() => 0)]);
  expect(results.tests.reduce((s, t) => s + t.score, 0)).toBeCloseTo(results.score, 9);
  for (const entry of results.leaderboard) {
    expect(Object.keys(entry)).toEqual(['name', 'value', 'order']);
    expect(entry.value).toBeTypeOf('number');
  }
  expect(results.leaderboard.map((e) => [e.name, e.order])).toEqual([
    ['Score', 'desc'],
    ['Utilization', 'desc'],
    ['Throughput (× reference)', 'desc'],
  ]);
}
