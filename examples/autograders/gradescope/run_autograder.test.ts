/**
 * Dry runs of run_autograder in a folder laid out like Gradescope's
 * /autograder (AUTOGRADER_ROOT): source/l4check is this repository (a link),
 * submission/ holds what the student handed in, results/ receives
 * results.json. Two short traces (L4CHECK_TRACES) keep a grading to seconds.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { TRACES_DIR } from '../../../properties/trace/trace_files.ts';
import type { Gradescope_results } from '../../../reports/gradescope.ts';
import { expect_gradescope_results } from '../../../reports/gradescope_spec.fixture.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '../../..');
const TRACES = ['short1-bal.rep', 'short2-bal.rep'].map((t) => join(TRACES_DIR, 'cmu-autolab-2015', t)).join(':');
const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

const temp = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
};

/** Run the autograder on `submission` (file name → content) and return its root and results.json. */
function autograde(submission: Record<string, string>, l4check = REPO): { readonly root: string; readonly results: Gradescope_results } {
  const root = temp('l4check-gradescope-');
  for (const dir of ['submission', 'source', 'results']) mkdirSync(join(root, dir));
  symlinkSync(l4check, join(root, 'source', 'l4check'));
  for (const [name, text] of Object.entries(submission)) writeFileSync(join(root, 'submission', name), text);
  const run = spawnSync('bash', [join(HERE, 'run_autograder')], { cwd: root, env: { ...process.env, AUTOGRADER_ROOT: root, L4CHECK_TRACES: TRACES }, encoding: 'utf8' });
  expect(run.status, run.stdout + run.stderr).toBe(0);
  return { root, results: JSON.parse(readFileSync(join(root, 'results', 'results.json'), 'utf8')) as Gradescope_results };
}

const example = (path: string) => readFileSync(join(REPO, 'examples', path), 'utf8');

describe('gradescope run_autograder (dry run)', () => {
  it('grades a correct allocator: it passes, and its score is its utilization and throughput points', { timeout: 180_000 }, () => {
    const { results } = autograde({ 'mm.c': example('mm/correct_first_fit.c') });
    expect_gradescope_results(results);
    expect(results.output).toMatch(/^mm\.c \(mm\): pass, score \d+\.\d\d of 100/);
    expect(results.tests.map((t) => t.status).slice(0, 1)).toEqual(['passed']);
    expect(results.score).toBeGreaterThanOrEqual(0);
    expect(results.score).toBeLessThanOrEqual(100);
    expect(results.leaderboard[0]!.value).toBe(results.score);
    expect(results.leaderboard[1]!.value).toBeGreaterThan(0);
    expect(results.leaderboard[2]!.value).toBeGreaterThan(0);
  });

  it('grades a buggy allocator 0, with the failure and a replay of a counterexample kept in results/', { timeout: 180_000 }, () => {
    const { root, results } = autograde({ 'mm.c': example('mm/bug_realloc_shrink_split.c') });
    expect_gradescope_results(results);
    expect(results.score).toBe(0);
    const correctness = results.tests[0]!;
    expect(correctness.status).toBe('failed');
    expect(correctness.output).toMatch(/^Verdict: fail\./);
    expect(correctness.output).toContain(`--allocator ${join(root, 'submission', 'mm.c')}`);
    expect(results.leaderboard.map((e) => e.value)).toEqual([0, 0, 0]);
  });

  it.each([
    ['no allocator file', { 'README.md': '# mine\n' }, 'found: none'],
    ['two allocator files', { 'mm.c': 'int x;\n', 'old.c': 'int y;\n', '.hidden.c': '' }, 'found: mm.c old.c'],
  ])('gives score 0 and says why for %s', (_, submission, found) => {
    const { results } = autograde(submission);
    expect(results).toEqual({ score: 0, output: `Submit exactly one allocator file (.c, .cc, .cpp, .cxx, .ts, .js, .mjs); ${found}`, output_format: 'text' });
  });

  it('still leaves results.json, score 0 with the error, when l4check cannot run', () => {
    const broken = temp('l4check-missing-');
    const { results } = autograde({ 'mm.c': example('mm/correct_first_fit.c') }, broken);
    expect(results.score).toBe(0);
    expect(results.output).toMatch(/^l4check stopped \(exit 1\) before writing its results:\n[^]*Cannot find module/);
  });
});
