/**
 * One realistic report of each command, written by hand for the reporter
 * tests: passing and failing properties (one must-be-refuted), a skipped and a
 * failing trace, submissions that pass, fail (with markup and control
 * characters in what they print) and do not build, the same graded with
 * --threads, a fuzzing finding.
 */
import { FAILING, PASSING, THREAD_UNSAFE } from './one_submission.fixture.ts';
import type { Fuzz_report, Grade_report, Traces_report, Verify_report } from './report.ts';

export const VERIFY: Verify_report = {
  command: 'verify',
  seed: 20261125,
  properties: [
    { name: 'world: model and impl agree', expect: 'holds', ok: true, runs: 200, commands: 5210, ms: 1532.4, seed: 20261125 },
    {
      name: "poor man's log: no client can write under another client's id",
      expect: 'refuted',
      ok: true,
      runs: 3,
      commands: 12,
      ms: 4.1,
      seed: 20261125,
      counterexample: {
        path: '0:3:2:2:2',
        error: 'Violation: alice wrote under another client\'s id: "bob: "',
        program: ['bob: id = poor.hello("bob")  // 0', 'alice: poor.write(0, "")  // 0, prints "bob: "'],
      },
    },
    {
      name: 'world: labels are unforgeable',
      expect: 'holds',
      ok: false,
      runs: 41,
      commands: 977,
      ms: 250,
      seed: 20261125,
      counterexample: {
        path: '40:1:0',
        error: 'Divergence: alice: registry.register_obj(o1) returned 7 in model, -22 in impl\nat step 2',
        program: ['cap1 = factory.create(0, "alice")  // 1', 'alice: registry.register_obj(o1)  // 7 <> -22'],
      },
    },
    { name: 'planted: label reuse after unregister_obj', expect: 'refuted', ok: false, runs: 500, commands: 12034, ms: 3001.5, seed: 20261125 },
  ],
};

export const TRACES: Traces_report = {
  command: 'traces',
  allocator: 'examples/ts/bug_cap_leak.ts',
  traces: [
    { file: 'traces/amptjp.rep', ok: true, util: 0.912, ops_per_sec: 2_000_000, weight: 1, ops: 10_000 },
    { file: 'traces/huge-giants.rep', ok: true, skipped: 'needs 3 GiB of dataspaces, more than the simulation holds', util: 0, ops_per_sec: 0, weight: 0, ops: 40 },
    { file: 'traces/realloc.rep', ok: false, error: 'leak: cap 12 and dataspace ds3 held after the teardown', util: 0, ops_per_sec: 0, weight: 1, ops: 4800 },
    { file: 'traces/short1.rep', ok: true, util: 0.66, ops_per_sec: 500_000, ops: 12, warnings: ['line 3: size 0'] },
  ],
  summary: { ok: 2, failed: 1, skipped: 1, avg_util: 0.786, ops_per_sec: 1_990_000 },
};

/** Three submissions: one passes, one fails (correctness and leak), one does not build. */
export const GRADE: Grade_report = {
  command: 'grade',
  submissions: [
    { file: 'first_fit.c', hash: 'a1', kind: 'mm', verdict: 'pass', failures: [], util: 0.81, ops_per_sec: 9.1e6, throughput: 0.7, score: 87.5, robustness: { double_free: 'detected', invalid_free: 'undetected' } },
    {
      file: 'slabs.cc',
      hash: 'b2',
      kind: 'cxx',
      verdict: 'fail',
      failures: [
        {
          check: 'payload',
          where: 'property suite (seed 20261125, 14 shrinks)',
          message: 'op 3 (f 1): payload of p0 <&"\'\u0001\u0000> changed\nbytes 8..16 differ',
          replay: 'l4check replay reports/grade/slabs/0-payload.rep --allocator slabs.cc',
        },
        { check: 'leak', where: 'trace traces/amptjp.rep', message: '2 dataspaces held after the teardown', replay: 'l4check replay reports/grade/slabs/1-leak.rep --allocator slabs.cc' },
      ],
      util: 0.4,
      ops_per_sec: 0,
      score: 0,
      output: 'debug: <heap> & "arena" \u0007\u001b[31m ]]> \ud800 done\n',
    },
    { file: 'broken.c', hash: 'c3', kind: 'unknown', verdict: 'build-error', failures: [{ check: 'build', where: 'loading the submission', message: "broken.c:3:1: error: expected ';' before '}' token" }], util: 0, ops_per_sec: 0, score: 0 },
  ],
};

/** Graded with --threads 4: one passes it, one fails it, one fails a sequential check first. */
export const GRADE_THREADS: Grade_report = {
  command: 'grade',
  submissions: [
    { ...PASSING, threads: { threads: 4, ops_per_thread: 2000, rounds: 20, outcome: 'pass' } },
    THREAD_UNSAFE,
    { ...FAILING, threads: { threads: 4, ops_per_thread: 2000, rounds: 0, outcome: 'not run' } },
  ],
};

export const FUZZ: Fuzz_report = {
  command: 'fuzz',
  target: 'alloc',
  seed: 7,
  seconds: 60.25,
  runs: 1834,
  commands: 61220,
  findings: [
    {
      signature: 'alloc: TypeError: Cannot set properties of undefined (setting \'N\')',
      file: 'reports/fuzz/alloc-7.json',
      times: 3,
      failure: "TypeError: Cannot set properties of undefined (setting '361')",
      transcript: ['p1 = malloc(314)  // 0x10000', 'realloc(p1, 314)'],
    },
  ],
};

export const FUZZ_CLEAN: Fuzz_report = { ...FUZZ, findings: [] };
