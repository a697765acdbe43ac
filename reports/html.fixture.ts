/**
 * Hand-built reports of every command for the HTML reporter's tests: no
 * grading runs, deterministic numbers (a fixed linear congruential sequence),
 * a picture with a footprint and a heap map, and hostile strings where the
 * data carries text from students.
 */
import type { Submission_result } from '../grader/grade.ts';
import type { Check_result } from '../properties/run_check.ts';
import type { Heap_block, Heap_picture } from '../properties/trace/heap_picture.ts';
import type { Trace_result } from '../properties/trace/run_trace.ts';
import type { Fuzz_report, Grade_report, Traces_report, Verify_report } from './report.ts';

export const HOSTILE = '<script>alert("pwned")</script><img src=https://evil.example/x.png>';

/** Numbers in [0, 1), the same on every run. */
function sequence(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const TRACE_NAMES = ['bdd-aa32', 'cbit-parity', 'ngram-moby1', 'syn-array', 'syn-mix-realloc', 'syn-string', 'syn-struct', 'amptjp-bal', 'binary2-bal', 'cccp-bal', 'coalescing-bal', 'random-bal', 'realloc-bal', 'realloc2-bal', 'short1-bal'];

/** `n` trace paths, weights 1 but a few 2 and 3, as the public set has. */
export function trace_files(n: number): { file: string; weight: number }[] {
  return Array.from({ length: n }, (_, i) => ({
    file: `../shared/traces/malloclab/cmu-2016plus/${TRACE_NAMES[i % TRACE_NAMES.length]}${i >= TRACE_NAMES.length ? `-${i}` : ''}.rep`,
    weight: i % 17 === 5 ? 2 : i % 19 === 7 ? 3 : 1,
  }));
}

/** A footprint of `samples` samples rising to a peak and back, and a heap map of `strips` strips at the peak. */
export function sample_picture(samples = 300, strips = 6): Heap_picture {
  const next = sequence(7);
  const op: number[] = [];
  const live: number[] = [];
  const held: number[] = [];
  for (let i = 0; i < samples; i++) {
    const rise = Math.sin((Math.PI * i) / samples);
    op.push(i * 40);
    live.push(Math.round(3e6 * rise * (0.8 + 0.2 * next())));
    held.push(Math.round(4.2e6 * Math.max(rise, 0.05)));
  }
  const map = Array.from({ length: strips }, (_, s) => {
    const size = s === 0 ? 1 << 22 : 65536 << (s % 3);
    const blocks: Heap_block[] = [];
    for (let off = 0; off < size - 64; ) {
      const payload = 16 * (1 + Math.floor(next() * (s === 0 ? 600 : 40)));
      blocks.push({ offset: off, size: 16, kind: 'meta' });
      if (off + 16 + payload > size) break;
      blocks.push({ offset: off + 16, size: payload, kind: next() < 0.7 ? 'live' : 'free' });
      off += 16 + payload;
    }
    return { start: 0x10000000 + s * 0x1000000, size, blocks };
  });
  return { footprint: { op, live, held }, heap_map: { op: Math.floor(samples / 2) * 40, strips: map } };
}

function passing(file: string, traces: number, next: () => number, picture: boolean): Submission_result {
  const scored = trace_files(traces).map((t) => {
    const cost = 0.001 + next() * 0.02;
    return { ...t, util: 0.45 + next() * 0.5, ops: 1000 + Math.floor(next() * 40000), cost, reference_cost: cost * (0.3 + next() * 1.2) };
  });
  const util = scored.reduce((s, t) => s + t.util, 0) / scored.length;
  const throughput = scored.reduce((s, t) => s + t.reference_cost, 0) / scored.reduce((s, t) => s + t.cost, 0);
  return {
    file,
    hash: 'f'.repeat(64),
    kind: file.endsWith('.c') ? 'l4re' : 'ts',
    verdict: 'pass',
    failures: [],
    util,
    ops_per_sec: 2e6 + next() * 8e6,
    throughput,
    score: 100 * (0.6 * Math.min(1, Math.max(0, (util - 0.55) / 0.19)) + 0.4 * Math.min(1, Math.max(0, (throughput - 0.5) / 0.4))),
    robustness: { double_free: next() < 0.5 ? 'detected' : 'undetected', invalid_free: next() < 0.3 ? 'crash' : 'detected' },
    traces: scored,
    ...(picture ? { picture: { ...sample_picture(), trace: scored[0]!.file } } : {}),
  };
}

/** The failing kinds a class run has: a check failure with a hostile message, a crash, a timeout, a build error. */
function failing(file: string, i: number): Submission_result {
  const base = { file, hash: '0'.repeat(64), kind: 'ts' as const, util: 0.61, ops_per_sec: 0, score: 0 };
  switch (i % 4) {
    case 0:
      return {
        ...base,
        verdict: 'fail',
        failures: [{ check: 'payload', where: 'trace syn-mix.rep', message: `op 3 (a 1 24): payload: p2 byte 0 is 0x00, expected 0x5b; the student printed ${HOSTILE}`, replay: `l4check replay reports/grade/${file}/0-payload.rep --allocator ${file}`, program: ['p1 = malloc(24)  // 0x10000', 'p2 = realloc(p1, 640)  // 0x10200'] }],
        robustness: { double_free: 'undetected', invalid_free: 'undetected' },
        output: `debug: ${HOSTILE}\n\u001b[31mred\u001b[0m & more`,
      };
    case 1:
      return { ...base, verdict: 'crash', failures: [{ check: 'crash', where: 'the property suite', message: 'SIGSEGV at op 3', replay: `l4check replay reports/grade/x/0-crash.rep --allocator ${file}` }] };
    case 2:
      return { ...base, verdict: 'timeout', failures: [{ check: 'timeout', where: 'trace syn-giantarray.rep', message: 'more than 10 CPU seconds' }] };
    default:
      return { ...base, kind: 'unknown', util: 0, verdict: 'build-error', failures: [{ check: 'build', where: 'loading the submission', message: "mm.c:12: error: expected ';' before '}' token" }] };
  }
}

/**
 * A class run: `students` submissions, one in three failing (each way in turn),
 * each passing one scored on `traces` traces; with `pictures`, every passing
 * one has a heap picture (else the first only).
 */
export function sample_grade_report(students = 8, traces = 20, pictures = false): Grade_report {
  const next = sequence(42);
  const submissions = Array.from({ length: students }, (_, i) => {
    const file = `submissions/student${String(i + 1).padStart(2, '0')}/mm.${i % 3 === 0 ? 'c' : 'ts'}`;
    return i % 3 === 1 ? failing(file, Math.floor(i / 3)) : passing(file, traces, next, pictures || i === 0);
  });
  return { command: 'grade', submissions };
}

export function sample_traces_report(): Traces_report {
  const next = sequence(3);
  const traces: Trace_result[] = trace_files(12).map((t, i) => ({ ...t, ok: true, util: 0.5 + next() * 0.45, ops_per_sec: 1e5 + next() * 3e6, ops: 5000 + i * 300 }));
  traces[3] = { ...traces[3]!, ok: false, util: 0, ops_per_sec: 0, error: `overlap: p3 overlaps p1 ${HOSTILE}` };
  traces[5] = { ...traces[5]!, util: 0, ops_per_sec: 0, skipped: 'needs 2^48 bytes' };
  traces[0] = { ...traces[0]!, picture: sample_picture() };
  return { command: 'traces', allocator: 'impl', traces, summary: { ok: 10, failed: 1, skipped: 1, avg_util: 0.71, ops_per_sec: 1.4e6 } };
}

const PROPERTY: Check_result = { name: 'model and impl agree', expect: 'holds', ok: true, runs: 200, commands: 5123, ms: 812.4, seed: 20261125 };

export function sample_verify_report(): Verify_report {
  return {
    command: 'verify',
    seed: 20261125,
    properties: [
      PROPERTY,
      {
        ...PROPERTY,
        name: "poor man's log: no client can write under another client's id",
        expect: 'refuted',
        counterexample: { path: '0:3:2:2:2', error: 'Violation: alice wrote under another client\'s id: "bob: "', program: ['bob: id = poor.hello("bob")  // 0', 'alice: poor.write(0, "")  // 0, prints "bob: "'] },
      },
      { ...PROPERTY, name: 'labels are unforgeable <b>', ok: false, counterexample: { path: '1:0', error: `Error: forged ${HOSTILE}`, program: ['cap7 = factory.create(0, "alice")', 'free(cap7)  // -L4_EINVAL'] } },
    ],
  };
}

export function sample_fuzz_report(): Fuzz_report {
  return {
    command: 'fuzz',
    target: 'world',
    seed: 7,
    seconds: 60,
    runs: 12000,
    commands: 480000,
    findings: [{ signature: 'double free <leak>', file: 'reports/fuzz/world-1.json', times: 3, failure: `Error: ${HOSTILE}`, transcript: ['p1 = malloc(24)  // 0x10000', 'free(p1)', 'free(p1)  // -L4_EINVAL'] }],
  };
}
