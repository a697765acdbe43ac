/**
 * Fuzzing end to end: a hunt on a planted bug finds and shrinks a
 * counterexample, whose file replays to the same failure without fast-check;
 * the clean impl survives a hunt; `npm run fuzz` exits 1 with a file, 0 with
 * none, 2 on a usage error. Runs are counted (--runs), never timed, so a slow
 * machine does the same work, only later.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { replay } from '../cli/replay.ts';
import { Usage_error } from '../cli/usage.ts';
import { type Counterexample, read_counterexample, signature, write_counterexample } from './counterexample.ts';
import { replay_program } from './saved_program.ts';
import { open_target } from './targets.ts';

const dir = mkdtempSync(join(tmpdir(), 'l4check-fuzz-'));
const log = vi.spyOn(console, 'log').mockImplementation(() => {});
afterEach(() => log.mockClear());

const hunt = { seed: 3, runs: 40, max_commands: 60, shrink_ms: 20_000, stopped: () => false };

async function found(target: string, planted: string): Promise<Counterexample> {
  const t = await open_target(target, planted);
  const h = await t.hunt(hunt);
  expect(h.finding, `${planted} not found from seed ${hunt.seed}`).toBeDefined();
  expect(h.failed_after_ms).toBeGreaterThanOrEqual(0);
  return { l4check: 'counterexample', target: t.name, found: '2026-11-25T00:00:00.000Z', ...h.finding! };
}

describe('a counterexample file replays the failure it was found with', () => {
  it.each([
    ['world', 'label_reuse_after_unregister'],
    ['world', 'fragments_of_sessions_mixed'],
    ['alloc', 'realloc_copies_too_little'],
    ['alloc', 'large_free_keeps_dataspace'],
  ])('%s with %s armed', async (target, planted) => {
    const c = await found(target, planted);
    const file = write_counterexample(dir, `${target}-${planted}`, c);
    const back = read_counterexample(file);
    expect(back).toEqual(c);
    if (back.program.kind === 'grade') throw new Error('not a grade program');
    const r = replay_program(back.program);
    expect(r.failure).toBe(c.failure);
    expect(r.transcript).toEqual(c.transcript);
    expect(await replay([file])).toBe(1);
    const out = log.mock.calls.flat().join('\n');
    expect(out).toContain(`planted bug ${planted} armed`);
    expect(out).toContain(`> ${c.transcript.at(-1)}    <- fails here`);
  });

  it('passes on replay once the bug is gone: the same program without the planted bug', async () => {
    const c = await found('world', 'slot_leak_on_einval');
    const { planted: _, ...clean } = c.program as Extract<Counterexample['program'], { kind: 'world' }>;
    const file = write_counterexample(dir, 'fixed', { ...c, program: clean });
    expect(await replay([file])).toBe(0);
    expect(log.mock.calls.flat().join('\n')).toMatch(/ok: \d+ calls; it no longer fails/);
  });

  it("a student's submission: the grader's property suite finds the bug, saved as a trace too", async () => {
    const t = await open_target('grade:examples/ts/bug_realloc_short_copy.ts', undefined);
    try {
      const h = await t.hunt({ ...hunt, runs: 100 });
      expect(h.finding?.failure).toMatch(/^realloc copy: /);
      const c: Counterexample = { l4check: 'counterexample', target: t.name, found: '2026-11-25T00:00:00.000Z', ...h.finding! };
      const file = write_counterexample(dir, 'grade', c);
      expect(readdirSync(dir)).toContain('grade.rep');
      expect(await replay([file])).toBe(1);
      expect(log.mock.calls.flat().join('\n')).toMatch(/fail \(realloc copy\): /);
    } finally {
      await t.close();
    }
  });

  it('the clean impl survives a hunt', async () => {
    for (const target of ['world', 'alloc']) {
      const h = await (await open_target(target, undefined)).hunt(hunt);
      expect(h.finding).toBeUndefined();
      expect(h.commands).toBeGreaterThan(0);
    }
  });

  it('does not shrink again a failure of a bug already found', async () => {
    const t = await open_target('world', 'label_reuse_after_unregister');
    const shrunk = await t.hunt(hunt);
    const again = await t.hunt({ ...hunt, known: () => true });
    expect(again.first_failure).toBe(shrunk.first_failure);
    expect(again.finding!.transcript.length).toBeGreaterThan(shrunk.finding!.transcript.length);
  });

  it('a counterexample of the same bug has the same signature', () => {
    expect(signature('alloc', 'Violation: p3 at 0x10040: 24 bytes')).toBe(signature('alloc', 'Violation: p7 at 0x20080: 8 bytes'));
    expect(signature('world', 'Divergence: alice: rm.attach(0x10000, 8193)')).toBe(signature('world', 'Divergence: carol: rm.attach(0x30000, 64317)'));
    expect(signature('world', 'Divergence: alice: rm.detach(0x10000)')).not.toBe(signature('world', 'Divergence: alice: rm.attach(0x10000)'));
  });
});

describe('bad counterexample files and targets', () => {
  const write = (name: string, text: string) => {
    const f = join(dir, name);
    writeFileSync(f, text);
    return f;
  };

  it('names the file and what is wrong with it', async () => {
    const broken = write('broken.json', '{"l4check": ');
    await expect(replay([broken])).rejects.toThrow(new RegExp(`^${broken}: `));
    const other = write('other.json', '{"name": "x"}');
    await expect(replay([other])).rejects.toThrow(`${other}: not an l4check counterexample`);
    const kind = write('kind.json', '{"l4check": "counterexample", "program": {"kind": "poor"}}');
    await expect(replay([kind])).rejects.toThrow(`${kind}: "program" must be an object whose "kind" is one of world, alloc, grade`);
    const cmd = write('cmd.json', '{"l4check": "counterexample", "failure": "", "program": {"kind": "alloc", "commands": [["Malloc", 16], ["Calloc", 1]]}}');
    await expect(replay([cmd])).rejects.toThrow(/command 2: unknown command "Calloc"/);
    await expect(replay([cmd, '--allocator', 'impl'])).rejects.toThrow(Usage_error);
    await expect(replay([write('x.txt', '')])).rejects.toThrow(/not a counterexample file/);
  });

  it('refuses unknown targets and planted bugs of the other target', async () => {
    await expect(open_target('kernel', undefined)).rejects.toThrow('unknown target "kernel" (world, alloc or grade:FILE)');
    await expect(open_target('alloc', 'label_reuse_after_unregister')).rejects.toThrow(/is not a planted bug of the allocator \(world\)/);
    await expect(open_target('world', 'no_such_bug')).rejects.toThrow(/no planted bug named "no_such_bug"; known: /);
  });
});

describe('npm run fuzz', () => {
  const fuzz = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'fuzz/main.ts', ...args], { encoding: 'utf8', env: { ...process.env, ...env } });

  it('with a planted bug armed: writes a counterexample and exits 1', () => {
    const out = join(dir, 'run-planted');
    const r = fuzz(['--runs', '200', '--seed', '3', '--out', out], { L4CHECK_PLANTED: 'session_never_released' });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/fuzzing world\+session_never_released for 200 runs from seed 3/);
    const files = readdirSync(out);
    expect(files).toContain('report-world+session_never_released');
    const report = JSON.parse(readFileSync(join(out, 'report-world+session_never_released', 'report.json'), 'utf8'));
    expect(report).toMatchObject({ l4check: 'report', version: 2, command: 'fuzz', target: 'world+session_never_released', seed: 3 });
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0].transcript.length).toBeGreaterThan(0);
    expect(files.filter((f) => f.startsWith('world+session_never_released-'))).toHaveLength(1);
  });

  it('on the clean impl: runs its runs and exits 0', () => {
    const out = join(dir, 'run-clean');
    const r = fuzz(['--runs', '100', '--seed', '3', '--target', 'alloc', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/fuzzing alloc for 100 runs from seed 3/);
    // Hunts of 40 and 6 programs in turn, from seed 3: 6 + 40 + 6 + 40 + 6 + 40.
    expect(r.stdout).toMatch(/ran 138 runs after \d+ s\n/);
    expect(r.stdout).toMatch(/^alloc: \d+ s, 138 runs, \d+ commands, 0 found$/m);
    const report = JSON.parse(readFileSync(join(out, 'report-alloc', 'report.json'), 'utf8'));
    expect(report).toMatchObject({ command: 'fuzz', target: 'alloc', seed: 3, runs: 138, findings: [] });
    expect(report.commands).toBeGreaterThan(138);
  });

  it('--jobs 2: hunts on two threads, counts the runs of both, and saves a bug once', () => {
    const out = join(dir, 'run-jobs');
    const r = fuzz(['--runs', '300', '--seed', '3', '--jobs', '2', '--out', out], { L4CHECK_PLANTED: 'session_never_released' });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/fuzzing world\+session_never_released for 300 runs from seed 3 on 2 threads/);
    const runs = Number(/ran (\d+) runs/.exec(r.stdout)?.[1]);
    expect(runs).toBeGreaterThanOrEqual(300);
    const report = JSON.parse(readFileSync(join(out, 'report-world+session_never_released', 'report.json'), 'utf8'));
    expect(report.runs).toBe(runs);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0].times).toBeGreaterThan(1);
    expect(readdirSync(out).filter((f) => f.startsWith('world+session_never_released-'))).toHaveLength(1);
  });

  it('exits 2 on a usage error, naming it', () => {
    for (const [args, env, msg] of [
      [['--minutes', 'soon'], {}, '--minutes wants a positive number, got "soon"'],
      [['--runs', '2.5'], {}, '--runs wants a positive integer, got "2.5"'],
      [['--jobs', '0'], {}, '--jobs wants a positive integer, got "0"'],
      [['--frob'], {}, "Unknown option '--frob'"],
      [['--target', 'kernel'], {}, 'unknown target "kernel"'],
      [['--target', 'alloc'], { L4CHECK_PLANTED: 'session_never_released' }, 'is a bug of the world target, not of alloc'],
    ] as const) {
      const r = fuzz([...args], env);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(msg);
    }
  });
});
