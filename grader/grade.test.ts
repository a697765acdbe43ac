import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { grade } from '../cli/grade.ts';
import { replay } from '../cli/replay.ts';
import { Usage_error } from '../cli/usage.ts';
import { read_trace } from '../properties/trace/read_trace.ts';
import { CSV_HEADER } from '../reports/csv.ts';
import { write_modules } from './test_modules.ts';

const log = vi.spyOn(console, 'log').mockImplementation(() => {});
const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
afterEach(() => [log, err, out].forEach((m) => m.mockClear()));
const printed = () => log.mock.calls.flat().join('\n');
const progress = () => err.mock.calls.map((c) => String(c[0])).join('');

const dir = write_modules(['good', 'realloc_copy', 'overlap', 'throws', 'loops', 'exits']);
const traces = join(dir, 'traces');
mkdirSync(traces);
writeFileSync(join(traces, 'small.rep'), '1\n3\n6\n0\na 0 24\na 1 200\nr 0 3000\nf 1\na 2 64\nf 0\n');
const json = (name: string) => join(dir, name, 'grade.json');
const subs = (...names: string[]) => names.map((n) => join(dir, `${n}.ts`));

describe('l4check grade', () => {
  it('passes a correct allocator, scores it, writes JSON and CSV', async () => {
    const csv = join(dir, 'good.csv');
    expect(await grade([...subs('good'), '--traces', traces, '--json', json('good'), '--csv', csv])).toBe(0);
    const [s] = JSON.parse(readFileSync(json('good'), 'utf8')).submissions;
    expect(s).toMatchObject({ file: subs('good')[0], kind: 'ts', verdict: 'pass', failures: [], robustness: { double_free: 'detected', invalid_free: 'detected' } });
    expect(s.util).toBeGreaterThan(0);
    expect(s.ops_per_sec).toBeGreaterThan(0);
    expect(s.throughput).toBeGreaterThan(0);
    expect(s.score).toBeGreaterThanOrEqual(0);
    const rows = readFileSync(csv, 'utf8').trim().split('\n');
    expect(rows[0]).toBe(CSV_HEADER);
    expect(rows[1]).toMatch(/^[^,]*good\.ts,ts,pass,\d+\.\d,0\.\d{3},\d+,double_free=detected;invalid_free=detected$/);
  });

  it.each([
    ['realloc_copy', /^realloc copy$/],
    ['overlap', /^(overlap|bounds)$/],
  ])('finds the bug in %s with a short counterexample that replays to the same failure', async (name, check) => {
    expect(await grade([...subs(name), '--traces', traces, '--json', json(name)])).toBe(1);
    const [s] = JSON.parse(readFileSync(json(name), 'utf8')).submissions;
    expect(s).toMatchObject({ verdict: 'fail', score: 0 });
    expect(s.failures[0]).toMatchObject({ check: expect.stringMatching(check), where: expect.stringMatching(/^property suite/) });
    const [, , rep, , allocator] = s.failures[0].replay.split(' ');
    expect(read_trace(rep).ops.length).toBeLessThanOrEqual(10);
    log.mockClear();
    expect(await replay([rep, '--allocator', allocator])).toBe(1);
    expect(printed()).toMatch(/^p1 = (malloc|realloc)\(.*\)  \/\/ 0x/m);
    expect(printed()).toContain(`fail (${s.failures[0].check}): ${s.failures[0].message}`);
  });

  // The default limits, generous: the endless loop times out whatever the machine's speed, and
  // the correct allocator is never cut short on a loaded one. What was checked is counted, not timed.
  it('turns a throw, an endless loop and process.exit into verdicts, and goes on', async () => {
    const args = [...subs('throws', 'loops', 'exits', 'good'), '--traces', traces, '--json', json('bad'), '--jobs', '2'];
    expect(await grade(args)).toBe(1);
    const submissions = JSON.parse(readFileSync(json('bad'), 'utf8')).submissions;
    expect(submissions.map((s: { verdict: string }) => s.verdict)).toEqual(['crash', 'timeout', 'crash', 'pass']);
    expect(submissions[1].failures[0]).toMatchObject({ check: 'timeout', where: expect.stringMatching(/^property suite/) });
    expect(submissions[3].failures).toEqual([]);
    expect(submissions[3].traces).toEqual([expect.objectContaining({ file: join(traces, 'small.rep'), ops: 6, weight: 1 })]);
  }, 120_000);

  it('resumes: a finished submission is not graded again while its content and options are the same', async () => {
    await grade([...subs('good'), '--traces', traces, '--json', json('good')]);
    expect(progress()).toMatch(/\(cached\)/);
    err.mockClear();
    await grade([...subs('good'), '--traces', traces, '--json', json('good'), '--time-limit', '30']);
    expect(progress()).not.toMatch(/\(cached\)/);
  });

  it('refuses a wrong command line', async () => {
    await expect(grade([])).rejects.toThrow(Usage_error);
    await expect(grade([join(dir, 'nowhere.ts')])).rejects.toThrow(/no such file or directory/);
    await expect(grade([...subs('good'), '--jobs', '0'])).rejects.toThrow(/--jobs 0/);
    await expect(grade([...subs('good'), '--heap-limit', '12X'])).rejects.toThrow('--heap-limit 12X: want a size in bytes, or with K, M, G or T (binary units)');
    await expect(grade([...subs('good'), '--throughput', 'cycles'])).rejects.toThrow('--throughput cycles: want time or instructions');
    await expect(grade([...subs('good'), '--throughput', 'instructions'])).rejects.toThrow(/counts the instructions of C and C\+\+ submissions under valgrind; .*good\.ts is neither/);
    await expect(grade([...subs('good'), '--traces', join(dir, 'nowhere.txt')])).rejects.toThrow(/nowhere\.txt: no such file or directory/);
    await expect(grade([...subs('good'), '--threads', '1'])).rejects.toThrow('--threads 1: want 2 to 32 threads (4 finds races best on 2 cores)');
    await expect(grade([...subs('good'), '--threads', '4'])).rejects.toThrow(/--threads runs C and C\+\+ submissions from several threads; .*good\.ts is neither/);
    await expect(grade([...subs('good'), '--frob'])).rejects.toMatchObject({ code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION' });
    await expect(grade([...subs('good'), '--report', 'pdf'])).rejects.toThrow(/^--report pdf: want one of terminal, json, csv/);
    await expect(replay([join(traces, 'small.rep')])).rejects.toThrow(/--allocator is required/);
    await expect(replay([join(traces, 'small.rep'), 'x.json', '--allocator', subs('good')[0]!])).rejects.toThrow('x.json: threads replay .rep files, one a thread');
  });
});
