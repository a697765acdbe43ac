/**
 * The native runner end to end: the C files in grader/native/testdata/ built
 * by build.ts into a fresh cache, then driven through the Runner interface.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Trace_op } from '../properties/trace/read_trace.ts';
import { GLIBC_REFERENCE, NATIVE_DIR, build_native, native_kind } from './build.ts';
import { Native_runner } from './native_runner.ts';
import type { Program } from './runner.ts';

const LIMIT_S = 5;
const cache = mkdtempSync(join(tmpdir(), 'l4check-build-test-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

/** `a 0 24; f 0; r 1 100` → a program over ids 0..9. */
function program(text: string): Program {
  const ops = text.split(';').map((t, line): Trace_op => {
    const [kind, id, size] = t.trim().split(' ');
    return kind === 'f' ? { kind, id: Number(id), line } : { kind: kind as 'a' | 'r', id: Number(id), size: Number(size), line };
  });
  return { num_ids: 10, ops };
}

function runner(name: string): Native_runner {
  const b = build_native(name.endsWith('.c') ? name : join(NATIVE_DIR, 'testdata', `${name}.c`), cache);
  if (!b.ok) throw new Error(b.error);
  return new Native_runner(b.kind, b.exe, { heap_limit: 2 ** 30 });
}

const MIXED = program('a 0 24; a 1 100; r 0 200; a 2 3000000; f 1; a 3 17; r 2 10; f 0; f 2; f -1; a 4 0; f 3');

describe('a correct malloc-lab allocator', () => {
  let r: Native_runner;
  beforeAll(() => {
    r = runner('mm_implicit');
  });
  afterAll(() => r.close());

  it('passes programs, each on a fresh heap', async () => {
    for (let k = 0; k < 3; k++) {
      const out = await r.checked(MIXED, LIMIT_S);
      expect(out.kind).toBe('ok');
      if (out.kind === 'ok') expect(out.util).toBeGreaterThan(0.5);
    }
  });

  it('is timed', async () => {
    const out = await r.timed(MIXED, 20, LIMIT_S);
    expect(out.kind).toBe('ok');
    if (out.kind === 'ok') expect(out.opsPerSec).toBeGreaterThan(1000);
  });

  it('skips the misuse probes', async () => {
    expect(await r.robustness(LIMIT_S)).toEqual({ double_free: 'undetected', invalid_free: 'undetected' });
  });
});

describe('a faulty malloc-lab allocator', () => {
  let r: Native_runner;
  beforeAll(() => {
    r = runner('mm_faults');
  });
  afterAll(() => r.close());

  it('fails overlap at the op that returned the overlapping block', async () => {
    expect(await r.checked(program('a 0 3000; a 1 2001'), LIMIT_S)).toMatchObject({ kind: 'fail', op: 1, check: 'overlap' });
  });

  it('fails realloc copy when realloc copies too little', async () => {
    const out = await r.checked(program('a 0 64; a 1 8; r 0 3001'), LIMIT_S);
    expect(out).toMatchObject({ kind: 'fail', op: 2, check: 'realloc copy' });
    if (out.kind === 'fail') expect(out.message).toMatch(/byte 32 is 0x[0-9a-f]{2}, expected/);
  });

  it.each([
    ['a segfault', 'crash', 1001, /SIGSEGV during op 2/],
    ['abort()', 'crash', 1002, /abort\(\)/],
    ['exit(0)', 'crash', 1003, /exit\(0\) during op 2/],
    ['an endless loop', 'timeout', 1004, /no answer within 1 s/],
    ['a fork() loop', 'crash', 1005, /SIGSYS/],
    ['growing the heap to 20 GiB', 'memory', 1006, /heap limit/],
    ['endless printing', 'timeout', 1007, /during op 2/],
  ])('%s becomes %s, and the next program runs', async (_what, kind, size, message) => {
    const out = await r.checked(program(`a 0 8; a 1 16; a 2 ${size}; f 0`), 1);
    expect(out).toMatchObject({ kind, op: 2 });
    if (out.kind !== 'ok') expect(out.message).toMatch(message);
    expect(await r.checked(program('a 0 8; f 0'), LIMIT_S)).toMatchObject({ kind: 'ok' });
  });

  it('caps what the allocator printed', () => {
    expect(r.output()).toMatch(/^still allocating\n/);
    expect(r.output()).toMatch(/\[output capped at 65536 bytes\]$/);
  });
});

describe('an L4Re allocator', () => {
  it('passes programs when it gives every dataspace back, each program on a fresh shim', async () => {
    const r = runner('l4re_naive');
    try {
      for (let k = 0; k < 3; k++) expect(await r.checked(MIXED, LIMIT_S)).toMatchObject({ kind: 'ok' });
      expect(await r.timed(MIXED, 10, LIMIT_S)).toMatchObject({ kind: 'ok' });
      expect(await r.robustness(LIMIT_S)).toEqual({ double_free: 'crash', invalid_free: 'undetected' });
    } finally {
      await r.close();
    }
  });

  it('fails leak when a program that freed everything leaves dataspaces behind', async () => {
    const r = runner('l4re_leaky');
    try {
      const out = await r.checked(program('a 0 24; a 1 5000; f 0; f 1'), LIMIT_S);
      expect(out).toMatchObject({ kind: 'fail', op: 4, check: 'leak' });
      if (out.kind === 'fail') expect(out.message).toMatch(/^after the program freed every block: 2 dataspaces \(12288 bytes\), 0 regions and 2 slots remain/);
      expect(await r.checked(program('a 0 24; a 1 5000'), LIMIT_S)).toMatchObject({ kind: 'ok' });
    } finally {
      await r.close();
    }
  });
});

describe('the glibc reference', () => {
  it('is timed through the l4re driver', async () => {
    const r = runner(GLIBC_REFERENCE);
    try {
      const out = await r.timed(MIXED, 10, LIMIT_S);
      expect(out.kind).toBe('ok');
      if (out.kind === 'ok') expect(out.opsPerSec).toBeGreaterThan(1000);
    } finally {
      await r.close();
    }
  });
});

describe('building', () => {
  it('tells the kinds apart', () => {
    expect(native_kind('void *mm_malloc(size_t n) { return 0; }\nvoid *malloc(size_t n) { return 0; }')).toBe('mm');
    expect(native_kind('#define malloc mm_malloc')).toBe('mm');
    expect(native_kind('#include <l4/re/c/rm.h>')).toBe('l4re');
    expect(native_kind('void *my_malloc(size_t n) {')).toBe('l4re');
    expect(native_kind('int main(void) { return 0; }')).toEqual({ error: 'defines neither mm_malloc nor malloc' });
  });

  it('gives the first error line of a file that does not compile', () => {
    const b = build_native(join(NATIVE_DIR, 'testdata', 'broken.c'), cache);
    expect(b).toMatchObject({ ok: false });
    if (!b.ok) expect(b.error).toMatch(/broken\.c:5:\d+: error: expected expression/);
  });
});
