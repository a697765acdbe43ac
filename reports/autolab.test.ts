import { describe, expect, it } from 'vitest';
import type { Submission_result } from '../grader/grade.ts';
import { autolab } from './autolab.ts';
import { BUILD_ERROR, FAILING, PASSING, report_of } from './one_submission.fixture.ts';

interface Autoresult {
  readonly scores: { readonly correctness: number; readonly utilization: number; readonly throughput: number };
  readonly scoreboard: readonly number[];
}

/** The autoresult parsed, after checking it is one line whose scores add up to the scoreboard's score. */
function rendered(r: Submission_result): Autoresult {
  const text = autolab.render(report_of(r));
  expect(text.endsWith('\n')).toBe(true);
  expect(text.slice(0, -1)).not.toContain('\n');
  const result = JSON.parse(text) as Autoresult;
  expect(Object.keys(result)).toEqual(['scores', 'scoreboard']);
  expect(Object.keys(result.scores)).toEqual(['correctness', 'utilization', 'throughput']);
  for (const v of [...Object.values(result.scores), ...result.scoreboard]) expect(v).toBeTypeOf('number');
  expect(result.scoreboard).toHaveLength(3);
  const { correctness, utilization, throughput } = result.scores;
  expect(correctness + utilization + throughput).toBeCloseTo(result.scoreboard[0]!, 9);
  return result;
}

describe('autolab reporter', () => {
  it('gives a passing allocator its utilization and throughput points, and score, util and throughput to the scoreboard', () => {
    const result = rendered(PASSING);
    const util_points = (60 * (0.7 - 0.55)) / (0.74 - 0.55);
    expect(result.scores).toEqual({ correctness: 0, utilization: expect.closeTo(util_points, 9), throughput: expect.closeTo(30, 9) });
    expect(result.scoreboard).toEqual([PASSING.score, 0.7, 0.8]);
  });

  it.each([
    ['failing', FAILING],
    ['not building', BUILD_ERROR],
  ])('gives a %s allocator 0 everywhere', (_, r) => {
    expect(rendered(r)).toEqual({ scores: { correctness: 0, utilization: 0, throughput: 0 }, scoreboard: [0, 0, 0] });
  });

  it('refuses any report but one graded submission', () => {
    expect(() => autolab.render(report_of(PASSING, BUILD_ERROR))).toThrow('autolab.render: one submission per run, got 2');
    expect(() => autolab.render({ command: 'fuzz', target: 'alloc', seed: 1, seconds: 1, runs: 1, commands: 1, findings: [] })).toThrow('a fuzz report');
  });
});
