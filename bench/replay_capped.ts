/**
 * replay_timed's check-free loop with a time cap: ops per second of replays on
 * fresh allocators, repeated until `min_ms` of replay time, but never past
 * `cap_ms`. The per-op body is replay_timed's; the clock is read every CHUNK ops.
 */
import type { Trace } from '../properties/trace/read_trace.ts';
import type { Replayable } from './replayable.ts';

const CHUNK = 4096;

export interface Capped_timing {
  /** The trace's length, or the prefix that ran if capped. */
  readonly ops: number;
  readonly opsPerSec: number;
  /** The cap ended the first replay. */
  readonly capped: boolean;
}

export function replay_capped(trace: Trace, fresh: () => Replayable, min_ms: number, cap_ms: number): Capped_timing {
  const all = trace.ops;
  let ops = 0;
  let ms = 0;
  do {
    const m = fresh();
    const ptr = new Float64Array(trace.num_ids);
    for (let i = 0; i < all.length; ) {
      const from = i;
      const stop = Math.min(i + CHUNK, all.length);
      const t0 = performance.now();
      for (; i < stop; i++) {
        const op = all[i]!;
        if (op.kind === 'a') ptr[op.id] = m.malloc(op.size);
        else if (op.kind === 'r') ptr[op.id] = m.realloc(ptr[op.id]!, op.size);
        else if (op.id < 0) m.free(0);
        else {
          m.free(ptr[op.id]!);
          ptr[op.id] = 0;
        }
      }
      ms += performance.now() - t0;
      ops += stop - from;
      if (ms >= cap_ms && i < all.length) break;
    }
    if (ops < all.length) return { ops, opsPerSec: ops / (ms / 1000), capped: true };
  } while (ms < min_ms && ms < cap_ms);
  return { ops: all.length, opsPerSec: ops / (ms / 1000), capped: false };
}
