import { describe, expect, it } from 'vitest';
import { K, MAX_SAMPLES } from '../properties/trace/best_samples.ts';
import type { Program, Runner, Timed_outcome } from './runner.ts';
import { time_against } from './timing.ts';

const program: Program = { num_ids: 1, ops: [{ kind: 'a', id: 0, size: 8, line: 1 }] };

/** A runner whose replays take the seconds given, in turn, and records when it was asked. */
function fake(name: string, seconds: readonly number[], log: string[], fail_at = -1): Runner {
  let i = 0;
  return {
    kind: 'mm',
    async timed(_p, first): Promise<Timed_outcome> {
      log.push(`${name}${first ? '!' : ''}`);
      if (i === fail_at) return { kind: 'crash', op: 0, message: 'boom' };
      return { kind: 'ok', seconds: seconds[Math.min(i++, seconds.length - 1)]! };
    },
    checked: async () => ({ kind: 'ok', util: 0, refused: 0, refused_max: 0 }),
    robustness: async () => ({ double_free: 'undetected', invalid_free: 'undetected' }),
    output: () => '',
    close: async () => {},
  };
}

describe('time_against', () => {
  it('takes the two sides in turn, the first sample of each marked, and keeps the fastest of each', async () => {
    const log: string[] = [];
    const t = await time_against(fake('s', [3, 2, 2, 2], log), fake('r', [1, 1, 1], log), program, 1000, { cpu_s: 5 });
    expect(t).toEqual({ seconds: 2, reference_seconds: 1 });
    expect(log.slice(0, 4)).toEqual(['s!', 'r!', 's', 'r']);
  });

  it('takes K samples whatever the budget (2 of a replay that takes a K-th of it), and at most MAX_SAMPLES of a side that never agrees', async () => {
    const fast: string[] = [];
    await time_against(fake('s', [1e-6], fast), fake('r', [1e-6], fast), program, 1000, { cpu_s: 5 });
    expect(fast.filter((x) => x.startsWith('s'))).toHaveLength(K);
    const slow: string[] = [];
    await time_against(fake('s', [1, 2, 3, 4], slow), fake('r', [1e-6], slow), program, 0, { cpu_s: 5 });
    expect(slow.filter((x) => x.startsWith('s'))).toHaveLength(2);
    const slower = Array.from({ length: 50 }, (_, k) => (1 + k) * 1e-6);
    const log2: string[] = [];
    await time_against(fake('s', slower, log2), fake('r', [1], log2), program, 60_000, { cpu_s: 5 });
    expect(log2.filter((x) => x.startsWith('s'))).toHaveLength(MAX_SAMPLES);
  });

  it('gives the submission failure, and 0 for a reference that cannot run the trace', async () => {
    expect(await time_against(fake('s', [1], [], 1), fake('r', [1], []), program, 1000, { cpu_s: 5 })).toMatchObject({ kind: 'crash' });
    expect(await time_against(fake('s', [1], []), fake('r', [1], [], 0), program, 1000, { cpu_s: 5 })).toEqual({ seconds: 1, reference_seconds: 0 });
    expect(await time_against(fake('s', [1], []), undefined, program, 1000, { cpu_s: 5 })).toEqual({ seconds: 1, reference_seconds: 0 });
  });
});
