/**
 * A benchmark allocator driven from JS one call per op (thi.ng, as-tlsf):
 * utilization from an untimed replay on one fresh instance, which also proves
 * every request is served; then time_replays on fresh instances.
 */
import { type Bench_allocator, guarded, timed_run } from './alloc_run.ts';
import { type Replayable, time_replays } from '../properties/trace/replay.ts';
import { replay_util } from './replay_util.ts';

/** `held(m)`: the bytes `m` holds from its memory source now. */
export function js_driven<T extends Replayable>(name: string, fresh: () => T, held: (m: T) => number): Bench_allocator {
  return guarded(name, (trace, { min_ms, cap_ms }) => {
    const m = fresh();
    const util = replay_util(trace, m, () => held(m), cap_ms);
    return timed_run(time_replays(trace, fresh, min_ms, cap_ms), util);
  });
}
