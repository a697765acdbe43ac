import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { traces } from './traces.ts';
import { Usage_error } from './usage.ts';

const dir = mkdtempSync(join(tmpdir(), 'l4check-cli-'));
const write = (name: string, text: string) => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};
const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);

afterEach(() => [stdout, err].forEach((m) => m.mockClear()));

describe('l4check traces', () => {
  const good = write('a-good.rep', '20000\n2\n4\n1\na 0 24\na 1 4097\nf 0\nf 1\n');
  const bad = write('b-bad.rep', '20000\n1\n1\n1\na 0 twelve\n');
  const json = join(dir, 'out.json');

  it('replays each trace, keeps going past a malformed one, and writes the JSON', async () => {
    expect(await traces(['--allocator', 'model', '--traces', good, '--traces', bad, '--json', json])).toBe(1);
    const out = JSON.parse(readFileSync(json, 'utf8'));
    expect(out.traces).toHaveLength(2);
    expect(out.traces[0]).toMatchObject({ file: good, ok: true, weight: 1 });
    expect(out.traces[0].util).toBeGreaterThan(0);
    expect(out.traces[1]).toMatchObject({ file: bad, ok: false, error: `${bad}:5: size "twelve" is not an integer` });
    expect(out.summary).toMatchObject({ ok: 1, failed: 1, skipped: 0 });
    expect(stdout.mock.calls.map((c) => String(c[0])).join('')).toMatch(/1 ok, 1 failed, 0 skipped; average utilization/);
    expect(err.mock.calls.map((c) => String(c[0])).join('')).toContain(`${bad}  FAIL  ${bad}:5: size "twelve" is not an integer`);
  });

  it('takes a student module whose default export is the allocator factory', async () => {
    const mod = write(
      'student.ts',
      `import { create_malloc } from ${JSON.stringify(join(process.cwd(), 'model/malloc.ts'))};\nexport default create_malloc;\n`,
    );
    expect(await traces(['--allocator', mod, '--traces', good])).toBe(0);
  });

  it('refuses what is not an allocator or not there, naming it', async () => {
    const not = write('not.ts', 'export default 42;\n');
    await expect(traces(['--allocator', not])).rejects.toThrow(/the default export is not an Allocator_factory/);
    await expect(traces(['--allocator', join(dir, 'missing.ts')])).rejects.toThrow(Usage_error);
    await expect(traces(['--traces', join(dir, 'nowhere')])).rejects.toThrow(`--traces ${join(dir, 'nowhere')}: no such file or directory`);
    await expect(traces(['--traces', mkdtempSync(join(tmpdir(), 'l4check-empty-'))])).rejects.toThrow(/no \.rep files under/);
    await expect(traces(['--frob'])).rejects.toMatchObject({ code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION' });
    await expect(traces(['--report', 'csv'])).rejects.toThrow('--report csv is for grade, not traces');
  });

  it('fails, naming the trace, when the allocator ends the process', () => {
    const mod = write(
      'exits.ts',
      `import { create_malloc } from ${JSON.stringify(join(process.cwd(), 'model/malloc.ts'))};\nexport default (env: never) => ({ ...create_malloc(env), malloc: () => process.exit(0) });\n`,
    );
    const r = spawnSync(process.execPath, ['cli/l4check.js', 'traces', '--allocator', mod, '--traces', good], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`l4check traces: the allocator ended the process during ${good}`);
  });
});
