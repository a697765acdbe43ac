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

const LIMIT = { cpu_s: 5 };
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
  const b = build_native(/\.(c|cc)$/.test(name) ? name : join(NATIVE_DIR, 'testdata', `${name}.c`), cache);
  if (!b.ok) throw new Error(b.error);
  return new Native_runner(b.kind, b.exe, { heap_limit: 2 ** 30 });
}

/** Run `f` on testdata `name` (or a path) in a runner of its own, closed whatever happens. */
async function with_runner(name: string, f: (r: Native_runner) => Promise<void>): Promise<void> {
  const r = runner(name);
  try {
    await f(r);
  } finally {
    await r.close();
  }
}

/** `tests` with `r()`, one runner of testdata `name` opened before the first test and closed after the last. */
function describe_runner(title: string, name: string, tests: (r: () => Native_runner) => void): void {
  describe(title, () => {
    let r: Native_runner;
    beforeAll(() => {
      r = runner(name);
    });
    afterAll(() => r.close());
    tests(() => r);
  });
}

const MIXED = program('a 0 24; a 1 100; r 0 200; a 2 3000000; f 1; a 3 17; r 2 10; f 0; f 2; f -1; a 4 0; f 3');

describe_runner('a correct malloc-lab allocator', 'mm_implicit', (r) => {
  it('passes programs, each on a fresh heap', async () => {
    for (let k = 0; k < 3; k++) {
      const out = await r().checked(MIXED, LIMIT);
      expect(out.kind).toBe('ok');
      if (out.kind === 'ok') expect(out.util).toBeGreaterThan(0.5);
    }
  });

  it('is timed one replay at a time, the same program sent once', async () => {
    for (const first of [true, false, false]) {
      const out = await r().timed(MIXED, first, LIMIT);
      expect(out).toMatchObject({ kind: 'ok', seconds: expect.any(Number) });
      if (out.kind === 'ok') expect(out.seconds).toBeGreaterThan(0);
    }
  });

  it('counts the instructions of a timed replay under callgrind, the same on every run', async () => {
    const counter = r().counting();
    try {
      const counts = [];
      for (let k = 0; k < 3; k++) {
        const out = await counter.timed(MIXED, true, { cpu_s: 60 });
        expect(out).toMatchObject({ kind: 'ok', instructions: expect.any(Number) });
        if (out.kind === 'ok') counts.push(out.instructions);
      }
      expect(counts[0]).toBeGreaterThan(100);
      expect(new Set(counts).size).toBe(1);
    } finally {
      await counter.close();
    }
    expect(await r().timed(MIXED, true, LIMIT)).toMatchObject({ kind: 'ok', instructions: 0 });
  }, 60_000);

  it('skips the misuse probes', async () => {
    expect(await r().robustness(LIMIT)).toEqual({ double_free: 'undetected', invalid_free: 'undetected' });
  });
});

describe('a malloc-lab allocator with mm_checkheap', () => {
  it('is checked after op 2^k - 1, every 1024 ops and after the last, and a failure is pinned to the first op it fails after', async () => {
    await with_runner('mm_checkheap', async (r) => {
      const mallocs = (n: number) => ({ num_ids: n, ops: Array.from({ length: n }, (_, id): Trace_op => ({ kind: 'a', id, size: 24, line: id })) });
      const out = await r.checked(mallocs(100), LIMIT);
      expect(out).toMatchObject({ kind: 'fail', op: 36, check: 'checkheap' });
      if (out.kind === 'fail') expect(out.message).toBe('mm_checkheap(0) returned false after op 36 (it passed after op 35)');
      expect(await r.checked(mallocs(36), LIMIT)).toMatchObject({ kind: 'ok' });
    });
  });
});

describe_runner('a faulty malloc-lab allocator, from several threads at once', 'mm_faults', (r) => {
  const FREE_NULL = program('f -1');

  it('passes a round in which every call is served, each thread on its own blocks', async () => {
    const p = program('a 0 24; a 1 100; r 0 300; f 1; a 2 17');
    expect(await r().threaded([p, p, p], LIMIT)).toEqual({ kind: 'ok', refused: 0 });
  });

  it('fails thread-safety when two blocks share bytes at once, naming both', async () => {
    const out = await r().threaded([program('a 0 3000; a 1 2001'), FREE_NULL], LIMIT);
    expect(out).toMatchObject({ kind: 'fail', check: 'thread-safety', thread: 0, op: 1, progress: [expect.any(Number), expect.any(Number)] });
    if (out.kind === 'fail')
      expect(out.message).toMatch(/^thread 0's p2 \(0x[0-9a-f]+, 2001 bytes, from its op 1\) overlaps thread 0's p1 \(0x[0-9a-f]+, 3000 bytes, from its op 0\), and both were live at once/);
  });

  it('fails thread-safety on a null the environment did not cause', async () => {
    const out = await r().threaded([FREE_NULL, program('a 0 8; a 1 1008')], LIMIT);
    expect(out).toMatchObject({ kind: 'fail', check: 'thread-safety', thread: 1, op: 1 });
    if (out.kind === 'fail') expect(out.message).toMatch(/^thread 1's malloc\(1008\) in its op 1 returned NULL, though the environment refused nothing/);
  });

  it('names the thread that crashed and the op each thread was in, and the next round runs', async () => {
    const out = await r().threaded([FREE_NULL, program('a 0 8; a 1 1001')], LIMIT);
    expect(out).toMatchObject({ kind: 'crash', thread: 1, op: 1 });
    const thread_0 = '(before its first op|in op 0|in its teardown, op 1)';
    expect(out.kind === 'crash' && out.message).toMatch(new RegExp(`^killed by SIGSEGV while 2 threads ran \\(thread 0 ${thread_0}, thread 1 in op 1\\): thread 1: a write at 0x10: a NULL pointer dereference$`));
    expect(await r().threaded([FREE_NULL, FREE_NULL], LIMIT)).toEqual({ kind: 'ok', refused: 0 });
  });
});

describe_runner('a faulty malloc-lab allocator', 'mm_faults', (r) => {
  it('fails overlap at the op that returned the overlapping block', async () => {
    expect(await r().checked(program('a 0 3000; a 1 2001'), LIMIT)).toMatchObject({ kind: 'fail', op: 1, check: 'overlap' });
  });

  it('fails realloc copy when realloc copies too little', async () => {
    const out = await r().checked(program('a 0 64; a 1 8; r 0 3001'), LIMIT);
    expect(out).toMatchObject({ kind: 'fail', op: 2, check: 'realloc copy' });
    if (out.kind === 'fail') expect(out.message).toMatch(/byte 32 is 0x[0-9a-f]{2}, expected/);
  });

  it.each([
    ['a segfault', 'crash', 1001, /^killed by SIGSEGV during op 2: a write at 0x10: a NULL pointer dereference$/],
    ['abort()', 'crash', 1002, /abort\(\)/],
    ['exit(0)', 'crash', 1003, /exit\(0\) during op 2/],
    ['an endless loop', 'timeout', 1004, /^used 1\.\d s of CPU time, its limit of 1\.0 s; killed during op 2$/],
    ['a fork() loop', 'crash', 1005, /SIGSYS/],
    ['endless printing', 'timeout', 1007, /during op 2/],
  ])('%s becomes %s, and the next program runs', async (_what, kind, size, message) => {
    const out = await r().checked(program(`a 0 8; a 1 16; a 2 ${size}; f 0`), { cpu_s: 1 });
    expect(out).toMatchObject({ kind, op: 2 });
    if (out.kind !== 'ok') expect(out.message).toMatch(message);
    expect(await r().checked(program('a 0 8; f 0'), LIMIT)).toMatchObject({ kind: 'ok' });
  });

  it('may answer null when the heap limit refused memory during the op: the block is refused, not a failure', async () => {
    expect(await r().checked(program('a 0 8; a 1 1006; a 2 24; f 0; f 2; f 1'), LIMIT)).toMatchObject({ kind: 'ok', refused: 1, refused_max: 1006 });
  });

  it('fails a null the environment did not cause, naming the request and what was left', async () => {
    const out = await r().checked(program('a 0 8; a 1 1008'), LIMIT);
    expect(out).toMatchObject({ kind: 'fail', op: 1, check: 'result' });
    if (out.kind === 'fail') expect(out.message).toMatch(/^malloc\(1008\) returned NULL, though \d+ bytes of the 1073741824-byte heap limit were left \(the allocator held \d+\)$/);
  });

  it('caps what the allocator printed', () => {
    expect(r().output()).toMatch(/^still allocating\n/);
    expect(r().output()).toMatch(/\[output capped at 65536 bytes\]$/);
  });
});

describe('an L4Re allocator', () => {
  it('passes programs when it gives every dataspace back, each program on a fresh shim', async () => {
    await with_runner('l4re_naive', async (r) => {
      for (let k = 0; k < 3; k++) expect(await r.checked(MIXED, LIMIT)).toMatchObject({ kind: 'ok' });
      expect(await r.timed(MIXED, true, LIMIT)).toMatchObject({ kind: 'ok' });
      expect(await r.robustness(LIMIT)).toEqual({ double_free: 'crash', invalid_free: 'undetected' });
    });
  });

  it('fails leak when every run of a program leaves dataspaces and slots behind, also when the program left blocks live', async () => {
    await with_runner('l4re_leaky', async (r) => {
      const out = await r.checked(program('a 0 24; a 1 5000; f 0; f 1'), LIMIT);
      expect(out).toMatchObject({ kind: 'fail', op: 4, check: 'leak' });
      if (out.kind === 'fail') {
        expect(out.message).toMatch(/^every run of the program leaves more behind: after it and the freeing of every block the allocator holds 2 dataspaces, 0 regions and 2 slots, after 3 more runs 8, 0 and 8 \(after malloc\(1\); free\(\) on a fresh heap: 1, 0 and 1\); 8 of the 8 dataspaces held come from l4re_ma_alloc at l4re_naive\.c:50, the first made in op 0$/);
      }
      expect(await r.checked(program('a 0 24; a 1 5000'), LIMIT)).toMatchObject({ kind: 'fail', op: 3, check: 'leak' });
    });
  });

  it('passes an allocator that keeps freed dataspaces to reuse them and gives malloc(0) a unique block', async () => {
    await with_runner('l4re_keeping', async (r) => {
      expect(await r.checked(program('a 0 50; a 1 100; f 1; f 0; a 2 0; a 3 0; r 2 0'), LIMIT)).toMatchObject({ kind: 'ok' });
      expect(await r.checked(MIXED, LIMIT)).toMatchObject({ kind: 'ok' });
    });
  });

  it('fails environment on a detach of an address where nothing is attached, naming the call', async () => {
    await with_runner('l4re_detach_twice', async (r) => {
      const out = await r.checked(program('a 0 24; f 0'), LIMIT);
      expect(out).toMatchObject({ kind: 'fail', op: 1, check: 'environment' });
      if (out.kind === 'fail') expect(out.message).toMatch(/^l4re_naive\.c:\d+: l4re_rm_detach\(0x[0-9a-f]+\) returned -L4_ENOENT: nothing is attached there$/);
    });
  });

  it('fails environment on a write to a region attached without write rights, naming the attach', async () => {
    await with_runner('l4re_read_only', async (r) => {
      const out = await r.checked(program('a 0 24; a 1 9000'), LIMIT);
      expect(out).toMatchObject({ kind: 'fail', op: 1, check: 'environment' });
      if (out.kind === 'fail') {
        expect(out.message).toMatch(/^a write at 0x[0-9a-f]+: in the region \[0x[0-9a-f]+, 0x[0-9a-f]+\) attached by l4re_rm_attach at l4re_naive\.c:\d+ in op 1 with R: it lacks W \(during op 1\)$/);
      }
      expect(await r.checked(program('a 0 24; f 0'), LIMIT)).toMatchObject({ kind: 'ok' });
    });
  });
});

describe("a C++ allocator over L4Re's C++ API", () => {
  it("grades the slides' naive malloc(unsigned), a C++ overload, and names the line whose dataspaces leak", async () => {
    await with_runner('examples/cxx/naive_slides.cc', async (r) => {
      expect(r.kind).toBe('cxx');
      const out = await r.checked(program('a 0 24; a 1 5000; f 0; f 1'), LIMIT);
      expect(out).toMatchObject({ kind: 'fail', check: 'leak' });
      if (out.kind === 'fail') expect(out.message).toMatch(/; 8 of the 8 dataspaces held come from mem_alloc\(\)->alloc at naive_slides\.cc:29, the first made in op 0$/);
    });
  });

  it('stops at enter_kdebug with a verdict naming its text and line', async () => {
    await with_runner(join(NATIVE_DIR, 'testdata', 'cxx_kdebug.cc'), async (r) => {
      expect(await r.checked(program('a 0 24; r 0 5000; f 0'), LIMIT)).toMatchObject({ kind: 'ok' });
      const out = await r.checked(program('a 0 24; a 1 2000000'), LIMIT);
      expect(out).toMatchObject({ kind: 'fail', op: 1, check: 'kdebug' });
      if (out.kind === 'fail') expect(out.message).toBe('cxx_kdebug.cc:22: enter_kdebug("malloc: too big") stopped the program in the kernel debugger (during op 1)');
    });
  });

  it('starts every program from the globals as the constructors before main left them', async () => {
    await with_runner(join(NATIVE_DIR, 'testdata', 'cxx_constructed.cc'), async (r) => {
      for (let i = 0; i < 3; i++) expect(await r.checked(program('a 0 24; r 0 5000; a 1 1; f 0; f 1'), LIMIT)).toMatchObject({ kind: 'ok' });
    });
  });

  it("fails a block in a region whose dataspace's slot was freed, naming the free", async () => {
    await with_runner(join(NATIVE_DIR, 'testdata', 'cxx_kdebug.cc'), async (r) => {
      const out = await r.checked(program('a 0 24; a 1 3'), LIMIT);
      expect(out).toMatchObject({ kind: 'fail', op: 1, check: 'bounds' });
      if (out.kind === 'fail') {
        expect(out.message).toMatch(/: byte 0 \(0x[0-9a-f]+\) is in a region whose dataspace went away in cap_alloc\.free at cxx_kdebug\.cc:30 in op 1, while the region was still attached$/);
      }
    });
  });
});

describe('the glibc reference', () => {
  it('is timed, and checked, through the driver with its own subject', async () => {
    await with_runner(GLIBC_REFERENCE, async (r) => {
      const out = await r.timed(MIXED, true, LIMIT);
      expect(out).toMatchObject({ kind: 'ok', seconds: expect.any(Number) });
      expect(await r.checked(MIXED, LIMIT)).toMatchObject({ kind: 'ok' });
    });
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

  it('tells C++ by its extension', () => {
    expect(native_kind('void *malloc(unsigned size) {', 'naive.cc')).toBe('cxx');
    expect(native_kind('void *malloc(unsigned size) {', 'naive.cpp')).toBe('cxx');
  });

  it("gives g++'s first error line of a C++ file that does not compile, and names a missing realloc", () => {
    const b = build_native(join(NATIVE_DIR, 'testdata', 'cxx_broken.cc'), cache);
    expect(b).toMatchObject({ ok: false });
    if (!b.ok) expect(b.error).toMatch(/cxx_broken\.cc:5:\d+: error: .*heap/);
    const n = build_native(join(NATIVE_DIR, 'testdata', 'cxx_no_realloc.cc'), cache);
    expect(n).toEqual({ ok: false, error: 'cxx_no_realloc.cc defines no realloc(): neither the C function nor a C++ realloc at namespace scope' });
  });

  it('gives the first error line of a file that does not compile', () => {
    const b = build_native(join(NATIVE_DIR, 'testdata', 'broken.c'), cache);
    expect(b).toMatchObject({ ok: false });
    if (!b.ok) expect(b.error).toMatch(/broken\.c:5:\d+: error: expected expression/);
  });
});
