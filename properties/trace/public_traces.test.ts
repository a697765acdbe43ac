import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALLOCATORS } from '../allocators.ts';
import { read_trace } from './read_trace.ts';
import { replay_checked, skip_reason } from './replay.ts';
import { TRACES_DIR, trace_files } from './trace_files.ts';
import { CMU_2016_WEIGHTED, CSAPP_DEFAULT } from './trace_sets.ts';

/** Checked replays of every public trace; utilization is deterministic, so the goals are asserted. */
describe('the public malloc-lab traces', () => {
  const util = new Map<string, number>();

  it('every trace replays correctly with the optimized allocator, or is skipped for address space', () => {
    const skipped: string[] = [];
    for (const file of trace_files([TRACES_DIR])) {
      const trace = read_trace(file);
      if (skip_reason(trace) !== undefined) {
        skipped.push(basename(file));
        continue;
      }
      util.set(file, replay_checked(trace, ALLOCATORS.impl).util);
    }
    expect(util.size).toBe(113);
    expect(skipped.sort()).toEqual([
      'syn-giantarray-med.rep',
      'syn-giantarray-short.rep',
      'syn-giantarray.rep',
      'syn-giantmix-short.rep',
      'syn-giantmix.rep',
    ]);
  }, 300_000);

  it.each([CMU_2016_WEIGHTED, CSAPP_DEFAULT])('the optimized allocator beats the published best on $name', (set) => {
    const avg = set.files.reduce((s, f) => s + util.get(f)!, 0) / set.files.length;
    expect(avg).toBeGreaterThanOrEqual(set.goal);
  });

  it('the reference allocator replays the classic traces correctly', () => {
    for (const file of trace_files([`${TRACES_DIR}/csapp-classic`])) {
      expect(replay_checked(read_trace(file), ALLOCATORS.model).util).toBeGreaterThan(0);
    }
  }, 300_000);
});
