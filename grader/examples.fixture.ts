/**
 * examples/expected.json, and grading examples quietly into a JSON report:
 * what grader/examples.test.ts and grader/thread_examples.test.ts share.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { grade } from '../cli/grade.ts';
import { TRACES_DIR } from '../properties/trace/trace_files.ts';
import type { Submission_result } from './grade.ts';

/** An example's entry: its kind and verdict, and with `threads` its verdict under `--threads n` (examples/README.md). */
export interface Expected {
  readonly kind: string;
  readonly verdict: string;
  readonly check?: string;
  readonly accept?: readonly string[];
  /** The fewest calls that show the bug, when that is more than 10. */
  readonly calls?: number;
  readonly threads?: { readonly n: number; readonly verdict: string; readonly check?: string };
}

export const EXPECTED = JSON.parse(readFileSync('examples/expected.json', 'utf8')) as Record<string, Expected>;

/**
 * Grade the examples `names` (keys of EXPECTED) with `args`, on copies of
 * `traces` (paths under TRACES_DIR), printing nothing: grade's exit code and
 * the results by example name.
 */
export async function grade_examples(names: readonly string[], traces: readonly string[], args: readonly string[]): Promise<{ code: number; by_name: Map<string, Submission_result> }> {
  const dir = mkdtempSync(join(tmpdir(), 'l4check-examples-'));
  const folder = join(dir, 'traces');
  mkdirSync(folder);
  for (const t of traces) copyFileSync(join(TRACES_DIR, t), join(folder, t.split('/').at(-1)!));
  const json = join(dir, 'grade.json');
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const code = await grade([...names.map((n) => join('examples', n)), '--traces', folder, '--json', json, ...args]);
  vi.restoreAllMocks();
  const got = JSON.parse(readFileSync(json, 'utf8')).submissions as Submission_result[];
  return { code, by_name: new Map(got.map((s) => [s.file.slice('examples/'.length), s])) };
}
