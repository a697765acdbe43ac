/**
 * Every example with a `threads` entry in examples/expected.json gets that
 * verdict under `l4check grade --threads n`: the locked allocators pass every
 * round, the racy ones fail `thread-safety` with the threads' programs as
 * their counterexample, which `l4check replay` runs again. The sequential
 * checks here are few (10 programs, one trace): grader/examples.test.ts runs
 * them in full. Nothing is timed; a racy example is caught within the
 * rounds the check runs however loaded the machine is (docs/GRADER.md,
 * "Threads", has the figures).
 */
import { describe, expect, it, vi } from 'vitest';
import { replay } from '../cli/replay.ts';
import { EXPECTED, grade_examples } from './examples.fixture.ts';
import { THREAD_ROUNDS } from './thread_suite.ts';

const THREADED = Object.entries(EXPECTED).flatMap(([name, e]) => (e.threads === undefined ? [] : [{ name, ...e.threads }]));

describe('examples graded with --threads', () => {
  it.each([...new Set(THREADED.map((e) => e.n))])('--threads %i: locked allocators pass, racy ones fail thread-safety with a counterexample that replays', async (n) => {
    const examples = THREADED.filter((e) => e.n === n);
    const { by_name } = await grade_examples(
      examples.map((e) => e.name),
      ['csapp-classic/short1-bal.rep'],
      ['--threads', String(n), '--runs', '10', '--jobs', '2'],
    );
    for (const e of examples) {
      const s = by_name.get(e.name)!;
      expect([e.name, s.verdict, s.failures[0]?.check]).toEqual([e.name, e.verdict, e.check]);
      const rounds = s.verdict === 'pass' ? THREAD_ROUNDS : expect.any(Number);
      expect(s.threads).toEqual({ threads: n, ops_per_thread: expect.any(Number), rounds, outcome: e.verdict });
    }
    const racy = examples.filter((e) => e.verdict === 'fail').map((e) => by_name.get(e.name)!.failures[0]!);
    for (const f of racy) expect(f.message).toMatch(/; reproduced in \d+ of \d+ replays of these \d+ threads' programs$/);
    const [first] = racy;
    if (first === undefined) return;
    const [, , ...args] = first.replay!.split(' ');
    expect(args.filter((a) => a.endsWith('.rep')).length).toBeGreaterThanOrEqual(2);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const code = await replay(args);
    const printed = log.mock.calls.flat().join('\n');
    vi.restoreAllMocks();
    expect(printed).toMatch(/^\/\/ thread 0$/m);
    const failed = Number(/^(?:ok|failed): (\d+) of 10 replays of \d+ threads at once failed$/m.exec(printed)?.[1]);
    expect(code).toBe(failed > 0 ? 1 : 0);
  }, 600_000);
});
