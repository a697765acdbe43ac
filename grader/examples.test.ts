import { describe, expect, it } from 'vitest';
import { read_trace } from '../properties/trace/read_trace.ts';
import { EXPECTED, grade_examples } from './examples.fixture.ts';

/** A few traces: the property suite finds most bugs; syn-largemem-short exhausts a heap limit. */
const TRACES = ['csapp-classic/short1-bal.rep', 'csapp-classic/realloc2-bal.rep', 'cmu-2016plus/syn-largemem-short.rep'];

describe('every example in examples/ gets its expected verdict', () => {
  it('grades the class', async () => {
    const { code, by_name } = await grade_examples(Object.keys(EXPECTED), TRACES, ['--jobs', '2', '--runs', '50']);
    expect(code).toBe(1);
    for (const [name, e] of Object.entries(EXPECTED)) {
      const s = by_name.get(name);
      expect(s, `${name} was not graded`).toBeDefined();
      if (s === undefined) continue;
      expect({ file: s.file, kind: s.kind }).toEqual({ file: s.file, kind: e.kind });
      expect(e.accept ?? [e.verdict], `${s.file}: ${s.verdict}`).toContain(s.verdict);
      if (e.check !== undefined && s.verdict === e.verdict) expect([s.file, s.failures[0]?.check]).toEqual([s.file, e.check]);
      const replay = s.failures[0]?.replay;
      if (s.file.includes('/bug_') && replay !== undefined) {
        expect([s.file, read_trace(replay.split(' ')[2]!).ops.length <= (e.calls ?? 10)]).toEqual([s.file, true]);
      }
    }
  }, 600_000);
});
