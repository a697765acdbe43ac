import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Allocator_factory } from '../../l4re/alloc.ts';
import { L4_PAGESIZE } from '../../l4re/mem.ts';
import { ALLOCATORS } from '../allocators.ts';
import { parse_trace } from './read_trace.ts';
import { type Allocator_under_test, HEAP_LIMIT, Replay_error, replay_checked, replay_timed, skip_reason } from './replay.ts';
import { run_trace, summarize } from './run_trace.ts';

const model = ALLOCATORS.model;

/** The reference allocator with one bug planted in a wrapper. */
function bugged(wrap: (m: ReturnType<Allocator_factory>) => Partial<ReturnType<Allocator_factory>>): Allocator_under_test {
  return {
    ...model,
    name: 'bugged',
    create_malloc: (env) => {
      const m = model.create_malloc(env);
      return { ...m, malloc: m.malloc.bind(m), free: m.free.bind(m), realloc: m.realloc.bind(m), ...wrap(m) };
    },
  };
}

const trace = (ops: string, ids = 4) => parse_trace(`1\n${ids}\n${ops.trim().split('\n').length}\n0\n${ops}`, 't.rep');

describe('replay_checked', () => {
  it('replays malloc, realloc of null, realloc to 0, free(null) and measures utilization', () => {
    const t = trace('a 0 4096\nr 1 100\nr 1 0\nf -1\nf 0\na 2 8192\nf 2\n');
    const r = replay_checked(t, model);
    expect(r.peak_payload).toBe(8192);
    expect(r.peak_held).toBeGreaterThanOrEqual(8192);
    expect(r.util).toBeCloseTo(8192 / r.peak_held);
  });

  it('names file, line and op when a block is misaligned', () => {
    const a = bugged((m) => ({ malloc: (n: number) => (n === 0 ? 0 : m.malloc(n + 16) + 8) }));
    expect(() => replay_checked(trace('a 0 24\na 1 24\n'), a)).toThrow(Replay_error);
    expect(() => replay_checked(trace('a 0 24\na 1 24\n'), a)).toThrow(/^t\.rep:5: op 0 \(a 0 24\): .*align/);
  });

  it('catches a realloc that copies too little', () => {
    const a = bugged((m) => ({
      realloc: (p: number, n: number) => {
        if (p === 0 || n === 0) return m.realloc(p, n);
        const q = m.malloc(n);
        m.free(p);
        return q;
      },
    }));
    expect(() => replay_checked(trace('a 0 100\nr 0 5000\nf 0\n'), a)).toThrow(/t\.rep:6: op 1 \(r 0 5000\)/);
  });

  it('reports a null the environment did not cause, naming the request and what was left', () => {
    const a = bugged(() => ({ malloc: () => 0 }));
    expect(() => replay_checked(trace('a 0 1\n'), a)).toThrow(
      `t.rep:5: op 0 (a 0 1): malloc(1) returned null, though ${HEAP_LIMIT} bytes of the ${HEAP_LIMIT}-byte quota were left (the allocator held 0)`,
    );
  });

  it('reports a failed free of a live block', () => {
    const a = bugged(() => ({ free: () => -22 }));
    expect(() => replay_checked(trace('a 0 1\nf 0\n'), a)).toThrow('t.rep:6: op 1 (f 0): free(0x');
  });
});

describe('skip_reason', () => {
  it('skips only a trace whose peak payload exceeds the address space', () => {
    expect(skip_reason(trace(`a 0 ${2 ** 50}\nf 0\n`))).toMatch(/^needs 1\.13e\+15 bytes of address space at its peak/);
    expect(skip_reason(trace(`a 0 ${2 ** 40}\nr 0 ${2 ** 41}\nf 0\n`))).toBeUndefined();
  });
});

describe('run_trace and summarize', () => {
  const dir = mkdtempSync(join(tmpdir(), 'l4check-trace-'));
  const file = (name: string, text: string) => {
    const f = join(dir, name);
    writeFileSync(f, text);
    return f;
  };

  it('turns every outcome into a plain result', () => {
    const good = run_trace(file('good.rep', `20000\n1\n2\n1\na 0 ${L4_PAGESIZE}\nf 0\n`), model);
    expect(good).toMatchObject({ ok: true, weight: 1, ops: 2 });
    expect(good.util).toBeGreaterThan(0);
    expect(good.ops_per_sec).toBeGreaterThan(0);
    const bad = run_trace(file('bad.rep', '1\n1\n1\n0\nq 0 1\n'), model);
    expect(bad).toEqual({ file: join(dir, 'bad.rep'), ok: false, error: `${join(dir, 'bad.rep')}:5: unknown op "q" (want a, f or r)`, util: 0, ops_per_sec: 0, ops: 0 });
    const huge = run_trace(file('huge.rep', `0\n1\n1\n${2 ** 60}\na 0 ${2 ** 60}\n`), model);
    expect(huge).toMatchObject({ ok: true, util: 0, ops_per_sec: 0 });
    expect(huge.skipped).toMatch(/address space/);
    const s = summarize([good, bad, huge]);
    expect(s).toMatchObject({ ok: 1, failed: 1, skipped: 1, avg_util: good.util });
    expect(s.ops_per_sec).toBeCloseTo(good.ops_per_sec, 6);
  });

  it('times a check-free replay', () => {
    expect(replay_timed(trace('a 0 16\nf 0\n'), model, 5)).toBeGreaterThan(0);
  });
});
