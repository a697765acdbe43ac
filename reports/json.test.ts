import { describe, expect, it } from 'vitest';
import { json } from './json.ts';
import type { Traces_report } from './report.ts';

const REPORT: Traces_report = {
  command: 'traces',
  allocator: 'impl',
  traces: [{ file: 'a.rep', ok: true, util: 0.5, ops_per_sec: 10, ops: 4, picture: { footprint: { op: [0, 1, 2], live: [8, 16, 0], held: [4096, 4096, 4096] } } }],
  summary: { ok: 1, failed: 0, skipped: 0, avg_util: 0.5, ops_per_sec: 10 },
};

describe('the JSON reporter', () => {
  it('is the report itself, versioned', () => {
    expect(JSON.parse(json.render(REPORT))).toEqual({ l4check: 'report', version: 2, ...REPORT });
  });

  it('keeps arrays of numbers on one line', () => {
    expect(json.render(REPORT)).toContain('"live": [8,16,0]');
  });

  it("leaves out the grader's bookkeeping", () => {
    const out = JSON.parse(json.render({ command: 'grade', submissions: [{ file: 'x.c', hash: 'abc', kind: 'mm', verdict: 'pass', failures: [], util: 1, ops_per_sec: 1, score: 100 }] }));
    expect(out.submissions[0]).not.toHaveProperty('hash');
  });
});
