/**
 * What verify, traces and grade write with `--report junit` is valid JUnit
 * (reports/schema/junit.xsd), and names what ran: the commands end to end,
 * on small inputs.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { grade } from '../cli/grade.ts';
import { traces } from '../cli/traces.ts';
import { verify } from '../cli/verify.ts';
import { validate, xpath } from './xmllint.ts';

const dir = mkdtempSync(join(tmpdir(), 'l4check-junit-'));
const trace = join(dir, 'small.rep');
writeFileSync(trace, '1\n3\n6\n0\na 0 24\na 1 200\nr 0 3000\nf 1\na 2 64\nf 0\n');
const quiet = [vi.spyOn(process.stdout, 'write'), vi.spyOn(process.stderr, 'write'), vi.spyOn(console, 'log')];
beforeAll(() => quiet.forEach((m) => m.mockImplementation((() => true) as never)));
afterAll(() => quiet.forEach((m) => m.mockRestore()));

function valid(file: string): string {
  const doc = readFileSync(file, 'utf8');
  const v = validate(doc);
  expect(v.ok, v.errors).toBe(true);
  return doc;
}

describe('--report junit', () => {
  it('verify: a testcase per property', async () => {
    const out = join(dir, 'verify.xml');
    expect(await verify(['--only', 'planted', '--runs', '20', '--report', 'junit', '--out', out])).toBeGreaterThanOrEqual(0);
    const doc = valid(out);
    expect(Number(xpath(doc, 'count(//testcase)'))).toBeGreaterThan(5);
  }, 120_000);

  it('traces: a testcase per trace', async () => {
    const out = join(dir, 'traces.xml');
    expect(await traces(['--allocator', 'model', '--traces', trace, '--report', 'junit', '--out', out])).toBe(0);
    const doc = valid(out);
    expect(xpath(doc, 'count(//testcase)')).toBe('1');
    expect(xpath(doc, 'count(//failure)')).toBe('0');
  });

  it('grade: the checks of a submission, a failure with its replay command', async () => {
    const out = join(dir, 'grade');
    const code = await grade(['examples/ts/bug_big_align.ts', '--traces', trace, '--report', 'junit', '--report', 'json', '--out', `${out}/`]);
    expect(code).toBe(1);
    const doc = valid(join(out, 'junit.xml'));
    expect(xpath(doc, 'string(//failure/@type)')).toBe('alignment');
    expect(xpath(doc, 'string(//failure)')).toMatch(/replay: npx l4check replay .*\.rep --allocator examples\/ts\/bug_big_align\.ts/);
  }, 120_000);
});
