import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { grade } from '../cli/grade.ts';
import { read_trace } from '../properties/trace/read_trace.ts';
import { TRACES_DIR } from '../properties/trace/trace_files.ts';

interface Expected {
  readonly kind: string;
  readonly verdict: string;
  readonly check?: string;
  readonly accept?: readonly string[];
  /** The fewest calls that show the bug, when that is more than 10. */
  readonly calls?: number;
}

const EXPECTED = JSON.parse(readFileSync('examples/expected.json', 'utf8')) as Record<string, Expected>;

/** A few traces: the property suite finds most bugs; syn-largemem-short exhausts a heap limit. */
const TRACES = ['csapp-classic/short1-bal.rep', 'csapp-classic/realloc2-bal.rep', 'cmu-2016plus/syn-largemem-short.rep'];

describe('every example in examples/ gets its expected verdict', () => {
  it('grades the class', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'l4check-examples-'));
    const traces = join(dir, 'traces');
    mkdirSync(traces);
    for (const t of TRACES) copyFileSync(join(TRACES_DIR, t), join(traces, t.split('/')[1]!));
    const json = join(dir, 'grade.json');
    vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const files = Object.keys(EXPECTED).map((f) => join('examples', f));
    expect(await grade([...files, '--traces', traces, '--json', json, '--jobs', '2', '--runs', '50'])).toBe(1);
    const got = JSON.parse(readFileSync(json, 'utf8')).submissions as { file: string; kind: string; verdict: string; failures: { check: string; replay?: string }[] }[];
    const by_file = new Map(got.map((s) => [s.file, s]));
    for (const [name, e] of Object.entries(EXPECTED)) {
      const s = by_file.get(join('examples', name));
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
