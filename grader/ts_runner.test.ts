import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Program } from './runner.ts';
import { write_modules } from './test_modules.ts';
import { TS_DEFAULTS, Ts_runner } from './ts_runner.ts';

const dir = write_modules(['good', 'throws', 'loops', 'hoards', 'exits', 'not_a_factory']);
const program: Program = {
  num_ids: 3,
  ops: [
    { kind: 'a', id: 0, size: 24, line: 1 },
    { kind: 'a', id: 1, size: 500, line: 2 },
    { kind: 'r', id: 0, size: 5000, line: 3 },
    { kind: 'f', id: 1, line: 4 },
  ],
};
const opened: Ts_runner[] = [];
async function open(name: string): Promise<Ts_runner> {
  const r = await Ts_runner.open(join(dir, `${name}.ts`), { ...TS_DEFAULTS, memory_mb: 64, load_limit_s: 20 });
  if (!(r instanceof Ts_runner)) throw new Error(`${name}: ${r.message}`);
  opened.push(r);
  return r;
}
afterAll(async () => {
  for (const r of opened) await r.close();
});

describe('Ts_runner', () => {
  it('replays a correct allocator: checked, with results, timed, robustness', async () => {
    const r = await open('good');
    const c = await r.checked(program, { cpu_s: 10 }, { results: true });
    expect(c).toMatchObject({ kind: 'ok', refused: 0, refused_max: 0, cpu_s: expect.any(Number) });
    expect(c.results).toHaveLength(5);
    expect(await r.timed(program, true, { cpu_s: 10 })).toMatchObject({ kind: 'ok', seconds: expect.any(Number) });
    expect(await r.robustness({ cpu_s: 10 })).toEqual({ double_free: 'detected', invalid_free: 'detected' });
  });

  it('a throw is a crash at its op; the runner goes on', async () => {
    const r = await open('throws');
    expect(await r.checked(program, { cpu_s: 10 })).toMatchObject({ kind: 'crash', op: 1, message: expect.stringMatching(/boom/) });
    expect(await r.checked({ num_ids: 1, ops: [program.ops[0]!] }, { cpu_s: 10 })).toMatchObject({ kind: 'ok' });
  });

  it('an endless loop is killed when it has used its CPU time; the next call gets a fresh child', async () => {
    const r = await open('loops');
    expect(await r.checked(program, { cpu_s: 1 })).toMatchObject({ kind: 'timeout', message: expect.stringMatching(/^used 1\.\d s of CPU time, its limit of 1\.0 s; killed during op/) });
    expect(await r.checked({ num_ids: 1, ops: [program.ops[0]!] }, { cpu_s: 10 })).toMatchObject({ kind: 'ok' });
  });

  it('asks for more CPU time once, when the limit is used up', async () => {
    const r = await open('loops');
    let asked = 0;
    const more = async () => {
      asked++;
      return 1.5;
    };
    expect(await r.checked(program, { cpu_s: 1, more })).toMatchObject({ kind: 'timeout', message: expect.stringMatching(/its limit of 1\.5 s/) });
    expect(asked).toBe(1);
  });

  it('a heap blow-up is memory', async () => {
    const r = await open('hoards');
    expect(await r.checked(program, { cpu_s: 20 })).toMatchObject({ kind: 'memory', message: expect.stringMatching(/heap limit of 64 MB/) });
  });

  it('process.exit is a crash naming the op and the exit code', async () => {
    const r = await open('exits');
    expect(await r.checked(program, { cpu_s: 10 })).toMatchObject({ kind: 'crash', op: 1, message: expect.stringMatching(/exit code 7/) });
  });

  it('refuses a module that is not an allocator factory, and one that does not build', async () => {
    expect(await Ts_runner.open(join(dir, 'not_a_factory.ts'))).toMatchObject({ kind: 'build-error', message: expect.stringMatching(/not an Allocator_factory/) });
    expect(await Ts_runner.open(join(dir, 'missing.ts'))).toMatchObject({ kind: 'build-error' });
  });
});
