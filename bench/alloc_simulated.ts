/**
 * The allocators that run on a simulated L4Re world: impl (timed by
 * replay_timed, uncapped) and the model (slow by design: timed with the cap).
 * Traces skip_reason marks do not fit the simulated address space and are
 * skipped. Utilization is replay_checked's: peak payload / peak
 * `mem_alloc.quota().used`.
 */
import { ALLOCATORS } from '../properties/allocators.ts';
import type { Trace } from '../properties/trace/read_trace.ts';
import { type Allocator_under_test, replay_task, replay_timed, skip_reason } from '../properties/trace/replay.ts';
import { type Bench_allocator, guarded, type Limits, timed_run } from './alloc_run.ts';
import { type Capped_timing, replay_capped } from './replay_capped.ts';
import { replay_util } from './replay_util.ts';

function simulated(a: Allocator_under_test, time: (trace: Trace, limits: Limits) => Capped_timing): Bench_allocator {
  return guarded(a.name, (trace, limits) => {
    const skip = skip_reason(trace);
    if (skip !== undefined) return { status: 'skipped', reason: skip };
    const task = replay_task(a);
    const util = replay_util(trace, a.create_malloc(task), () => task.mem_alloc.quota().used, limits.cap_ms);
    return timed_run(time(trace, limits), util);
  });
}

export const impl_bench = simulated(ALLOCATORS.impl, (trace, { min_ms }) => ({
  ops: trace.ops.length,
  opsPerSec: replay_timed(trace, ALLOCATORS.impl, min_ms),
  capped: false,
}));

export const model_bench = simulated(ALLOCATORS.model, (trace, { min_ms, cap_ms }) =>
  replay_capped(trace, () => ALLOCATORS.model.create_malloc(replay_task(ALLOCATORS.model)), min_ms, cap_ms),
);
