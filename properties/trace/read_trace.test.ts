import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRACES_DIR } from './trace_files.ts';
import { Trace_error, parse_trace, read_trace } from './read_trace.ts';

const OPS = 'a 0 512\na 1 128\nr 0 640\nf 1\nr 0 0\nf -1\n';

describe('parse_trace', () => {
  it('reads the classic header: heap size, ids, ops, weight', () => {
    const t = parse_trace(`20000\n2\n6\n1\n${OPS}`, 'c.rep');
    expect(t).toMatchObject({ format: 'classic', heap_size: 20000, weight: 1, num_ids: 2 });
    expect(t.ops.map((o) => o.kind).join('')).toBe('aarfrf');
    expect(t.ops[2]).toEqual({ kind: 'r', id: 0, size: 640, line: 7 });
    expect(t.ops[5]).toEqual({ kind: 'f', id: -1, line: 10 });
  });

  it('reads the 2004-2015 header: weight, ids, ops, ignore-ranges flag', () => {
    const t = parse_trace(`2\n2\n6\n0\n${OPS}`, 'a.rep');
    expect(t).toMatchObject({ format: '2004-2015', weight: 2 });
    expect(t.heap_size).toBeUndefined();
  });

  it('reads the 2016+ header: weight, ids, ops, peak bytes', () => {
    const t = parse_trace(`0\n2\n6\n640\n${OPS}`, 'n.rep');
    expect(t).toMatchObject({ format: '2016+', weight: 0, peak_bytes: 640 });
  });

  it('keeps sizes past 2^53 approximately, so that a replay can skip them', () => {
    const t = parse_trace('0\n1\n1\n120802744052058372\na 0 84048675867312144\n', 'g.rep');
    expect(t.peak_bytes).toBeGreaterThan(2 ** 56);
    expect(t.ops[0]).toMatchObject({ size: 84048675867312144 });
  });

  it('is lenient where mdriver is, and says so once per kind', () => {
    const t = parse_trace('1\n3\n3\n0\na 0 16\na 1\na 2 \na 2 9\n', 'l.rep');
    expect(t.ops.map((o) => (o.kind === 'f' ? -1 : o.size))).toEqual([16, 16, 16]);
    expect(t.warnings).toEqual([
      'l.rep:6: `a id` without a size takes the previous size, as mdriver reads it (2 lines)',
      "l.rep:8: ops past the header's count of 3 are ignored, as mdriver does",
    ]);
  });

  it.each([
    ['1\n2\n', 'x.rep:2: header has 2 of 4 numbers'],
    ['1\n2 3\n1\n0\n', 'x.rep:2: header line holds more than one number: "2 3"'],
    ['1\nten\n1\n0\n', 'x.rep:2: header field "ten" is not an integer'],
    ['1\n2\n-1\n0\n', 'x.rep:3: number of ops -1 is negative'],
    ['1\n2\n1\n0\nx 0 1\n', 'x.rep:5: unknown op "x" (want a, f or r)'],
    ['1\n2\n1\n0\na 2 1\n', 'x.rep:5: id 2 outside 0..1'],
    ['1\n2\n1\n0\na 0 -5\n', 'x.rep:5: size -5 is negative'],
    ['1\n2\n1\n0\na 0\n', 'x.rep:5: missing size'],
    ['1\n2\n1\n0\nf 0 3\n', 'x.rep:5: free takes no size: "f 0 3"'],
    ['1\n2\n1\n0\na 0 1 2\n', 'x.rep:5: too many fields in "a 0 1 2"'],
    ['1\n2\n1\n0\na 0 1e3\n', 'x.rep:5: size "1e3" is not an integer'],
    ['1\n2\n3\n0\na 0 1\n', 'x.rep:5: header promises 3 ops, the file has 1'],
  ])('rejects %j with one line naming file and line', (text, message) => {
    expect(() => parse_trace(text, 'x.rep')).toThrow(Trace_error);
    expect(() => parse_trace(text, 'x.rep')).toThrow(message);
  });

  it('names a file it cannot read', () => {
    expect(() => read_trace('/nonexistent/t.rep')).toThrow('/nonexistent/t.rep:0: cannot read: ENOENT');
  });

  it('reads all 118 public traces, each in the format of its collection', () => {
    const formats: Record<string, string> = {
      'cmu-2016plus': '2016+',
      'cmu-autolab-2015': '2004-2015',
      'csapp-classic': 'classic',
      extras: 'classic',
    };
    const files = (readdirSync(TRACES_DIR, { recursive: true }) as string[]).filter((f) => f.endsWith('.rep'));
    expect(files).toHaveLength(118);
    for (const f of files) expect([f, read_trace(join(TRACES_DIR, f)).format]).toEqual([f, formats[f.split('/')[0]!]]);
  });
});
