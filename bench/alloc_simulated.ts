/**
 * The allocators that run on a simulated L4Re world: impl (timed by
 * time_replays, uncapped) and the model (slow by design: timed with the cap).
 * Traces skip_reason marks do not fit the simulated address space and are
 * skipped. Utilization is replay_checked's: peak payload / peak
 * `mem_alloc.quota().used`.
 */
import { ALLOCATORS } from '../properties/allocators.ts';
import type { Trace } from '../properties/trace/read_trace.ts';
import { type Allocator_under_test, type Timing, replay_task, skip_reason, time_replays } from '../properties/trace/replay.ts';
import { type Bench_allocator, guarded, type Limits, timed_run } from './alloc_run.ts';
import { replay_util } from './replay_util.ts';

function simulated(a: Allocator_under_test, time: (trace: Trace, limits: Limits) => Timing): Bench_allocator {
  return guarded(a.name, (trace, limits) => {
    const skip = skip_reason(trace);
    if (skip !== undefined) return { status: 'skipped', reason: skip };
    const task = replay_task(a);
    const util = replay_util(trace, a.create_malloc(task), () => task.mem_alloc.quota().used, limits.cap_ms);
    return timed_run(time(trace, limits), util);
  });
}

const fresh = (a: Allocator_under_test) => () => a.create_malloc(replay_task(a));

export const impl_bench = simulated(ALLOCATORS.impl, (trace, { min_ms }) => time_replays(trace, fresh(ALLOCATORS.impl), min_ms));

export const model_bench = simulated(ALLOCATORS.model, (trace, { min_ms, cap_ms }) =>
  time_replays(trace, fresh(ALLOCATORS.model), min_ms, cap_ms),
);
