/**
 * Partitioning by session (logging server) and by block (allocator): on
 * random runs of correct and of buggy implementations, the verdict with the
 * partition is the verdict without it; each planted bug is found in the part
 * it broke; parts are formed as the models say; a partition that loses or
 * repeats an operation is refused.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { L4_EINVAL, L4_EOK } from '../../l4re/err.ts';
import { check_linearizable } from './check.ts';
import type { History } from './history.ts';
import { type Log_input, type Log_output, log_sessions_model } from './models/log_sessions.ts';
import { type Malloc_input, type Malloc_output, malloc_blocks_model } from './models/malloc_blocks.ts';
import { register_model } from './models/register.ts';
import { pending, returned } from './ops.fixture.ts';
import { linearizability_report } from './report.ts';
import { ATOMIC_WORLDS, type Sim_world, mixed_fragments, racy_malloc } from './sim/worlds.fixture.ts';

const RUNS = 150;

describe.each([
  ['logging server', mixed_fragments],
  ['allocator', racy_malloc],
] as const)('partitioning the runs of the %s', (name, buggy) => {
  const correct = ATOMIC_WORLDS.find((w) => w.name === name)!;
  it('gives the verdict the whole history gets (seed 31)', () => {
    const verdicts: Record<string, number> = { linearizable: 0, 'not linearizable': 0 };
    let split = 0;
    fc.assert(
      fc.property(fc.oneof({ arbitrary: correct.runs(false), weight: 1 }, { arbitrary: buggy.runs(false), weight: 3 }), (run) => {
        const r = run.check();
        expect(r.verdict).not.toBe('unknown');
        expect(run.check(true).verdict).toBe(r.verdict);
        verdicts[r.verdict]!++;
        if (r.parts > 1) split++;
      }),
      { seed: 31, numRuns: RUNS },
    );
    expect(verdicts.linearizable).toBeGreaterThan(RUNS / 4);
    expect(verdicts['not linearizable']).toBeGreaterThan(RUNS / 20);
    expect(split).toBeGreaterThan(RUNS / 2);
  });
});

/** The shrunk counterexample of `w`'s runs to "linearizable", checked. */
function shrunk(w: Sim_world, seed: number) {
  const out = fc.check(fc.property(w.runs(false), (run) => run.check().verdict !== 'not linearizable'), { seed, numRuns: RUNS });
  expect(out.failed, `${w.name}: no run was found not linearizable`).toBe(true);
  const r = out.counterexample![0].check();
  if (r.verdict !== 'not linearizable') throw new Error(`shrunk: ${w.name}'s counterexample is ${r.verdict}`);
  return r;
}

describe('the planted bugs', () => {
  it("one reassembly buffer for all sessions: a session's read gives a line no write of it wrote (seed 32)", () => {
    const r = shrunk(mixed_fragments, 32);
    expect(r.part.name).toMatch(/^session \d$/);
    const [read, ...rest] = r.witness.ops as History<Log_input, Log_output>;
    expect(rest).toEqual([]);
    expect(read!.input.op).toBe('read');
    const written = new Set(r.part.history.flatMap((op) => ((op.input as Log_input).op === 'write' ? [(op.input as { text: string }).text] : [])));
    expect((read!.response!.output as string[]).some((line) => !written.has(line)), linearizability_report(r)).toBe(true);
  });

  it('malloc without a lock: two overlapping mallocs give the same block (seed 33)', () => {
    const r = shrunk(racy_malloc, 33);
    expect(r.part.name).toMatch(/^blocks in \[0x1000, 0x[0-9a-f]+\)$/);
    const [a, b, ...rest] = r.witness.ops as History<Malloc_input, Malloc_output>;
    expect(rest).toEqual([]);
    expect([a!.input.op, b!.input.op]).toEqual(['malloc', 'malloc']);
    expect(a!.response!.output).toBe(b!.response!.output);
    expect(b!.call).toBeLessThan(a!.response!.at);
  });
});

describe('parts', () => {
  const malloc = (size: number): Malloc_input => ({ op: 'malloc', size });
  const free = (ptr: number): Malloc_input => ({ op: 'free', ptr });
  const names = (h: History<Malloc_input, Malloc_output>) => malloc_blocks_model.partition!(h).map((p) => `${p.name}: ${p.history.length}`);

  it('by block: overlapping bytes join, a free joins its block, refused mallocs and free(0) change nothing', () => {
    const h = [
      returned(0, malloc(16), [0, 1], 0x1000),
      returned(0, malloc(16), [2, 3], 0x1010),
      returned(1, malloc(32), [4, 5], 0x1040),
      returned(1, malloc(40), [6, 7], 0x1050),
      returned(0, free(0x1040), [8, 9], 0),
      returned(0, free(0x1000), [8, 9], 0),
      returned(1, malloc(99), [10, 11], 0),
      returned(1, free(0), [12, 13], 0),
      returned(2, free(0x2000), [12, 13], -L4_EINVAL),
    ];
    expect(names(h)).toEqual(['blocks in [0x1000, 0x1010): 2', 'blocks in [0x1010, 0x1020): 1', 'blocks in [0x1040, 0x1078): 3', 'blocks in [0x2000, 0x2001): 1', 'no block: 2']);
  });

  it('a pending malloc may hold any block: the history stays one part', () => {
    expect(names([returned(0, malloc(16), [0, 1], 0x1000), pending(1, malloc(16), 2), returned(2, free(0x2000), [3, 4], 0)])).toEqual(['all (a pending malloc): 3']);
    expect(check_linearizable(malloc_blocks_model, [pending(1, malloc(16), 0), returned(2, free(0x2000), [3, 4], 0)]).verdict).toBe('linearizable');
    expect(check_linearizable(malloc_blocks_model, [returned(2, free(0x2000), [3, 4], 0)]).verdict).toBe('not linearizable');
  });

  it('by session, and the smallest part that fails is the one reported', () => {
    const write = (session: number, text: string): Log_input => ({ op: 'write', session, text });
    const read = (session: number): Log_input => ({ op: 'read', session });
    const h: History<Log_input, Log_output> = [
      returned(0, write(1, 'a'), [0, 1], L4_EOK),
      returned(0, write(1, 'b'), [2, 3], L4_EOK),
      returned(2, read(1), [4, 5], ['b', 'a']),
      returned(1, write(2, 'c'), [0, 9], L4_EOK),
      returned(2, read(2), [6, 7], ['c', 'c']),
      returned(3, read(3), [0, 1], []),
    ];
    const r = check_linearizable(log_sessions_model, h);
    expect(r.parts).toBe(3);
    expect(linearizability_report(r)).toBe(
      ['not linearizable: in part "session 2" (2 operations), no order explains this one:', 'client 2: read(s2) -> ["c","c"]   [t=6..7]'].join('\n'),
    );
  });

  it('a partition that loses or repeats an operation is refused', () => {
    const h = [returned(0, { op: 'read' } as const, [0, 1], 0), returned(1, { op: 'read' } as const, [2, 3], 0)];
    const losing = { ...register_model, partition: () => [{ name: 'first', history: h.slice(0, 1) }] };
    const repeating = { ...register_model, partition: () => [{ name: 'both', history: h }, { name: 'first', history: h.slice(0, 1) }] };
    expect(() => check_linearizable(losing, h)).toThrow('check_linearizable: the partition leaves 1 of 2 operations out');
    expect(() => check_linearizable(repeating, h)).toThrow('check_linearizable: the partition puts an operation in part "first" that is not in the history or in two parts');
  });
});
