import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { grade } from '../cli/grade.ts';
import { write_modules } from './test_modules.ts';

vi.spyOn(console, 'log').mockImplementation(() => {});
vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
vi.spyOn(process.stdout, 'write').mockImplementation(() => true);

const dir = write_modules(['good']);
const traces = join(dir, 'traces');
mkdirSync(traces);
/** The model allocator gives a block of 40 KiB a dataspace of its own (no gap), one of 16 bytes a 128 KiB arena. */
writeFileSync(join(traces, 'snug.rep'), '1\n2\n4\n0\na 0 40960\na 1 40960\nf 0\nf 1\n');
writeFileSync(join(traces, 'loose.rep'), '1\n2\n4\n0\na 0 16\na 1 32\nf 1\nf 0\n');
/** Weight 0: counts for neither score, so it is never the one drawn. */
writeFileSync(join(traces, 'unweighted.rep'), '0\n1\n2\n0\na 0 8\nf 0\n');

describe('l4check grade: a passing TypeScript submission', () => {
  it("carries the footprint of the trace counting for utilization where held most exceeded live", async () => {
    const out = join(dir, 'grade.json');
    expect(await grade([join(dir, 'good.ts'), '--traces', traces, '--json', out])).toBe(0);
    const [s] = JSON.parse(readFileSync(out, 'utf8')).submissions;
    expect(s.verdict).toBe('pass');
    expect(s.picture).toEqual({
      trace: join(traces, 'loose.rep'),
      footprint: { op: [0, 1, 2, 3], live: [16, 48, 16, 0], held: [131072, 131072, 131072, 0] },
    });
  }, 120_000);
});
