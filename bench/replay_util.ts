/**
 * An untimed, check-free replay for utilization: peak live payload / peak of
 * `held()` (what the allocator holds from its memory source, sampled after every
 * op), the same definition as replay_checked's. It is also the run that proves
 * the allocator serves every request: null for a size > 0 throws.
 */
import type { Trace } from '../properties/trace/read_trace.ts';
import { op_text } from '../properties/trace/replay.ts';
import type { Replayable } from '../properties/trace/replay.ts';

const CLOCK_EVERY = 4096;

/** The utilization, or undefined if the replay ran past `cap_ms`. */
export function replay_util(trace: Trace, m: Replayable, held: () => number, cap_ms: number): number | undefined {
  const ptr = new Float64Array(trace.num_ids);
  const size = new Float64Array(trace.num_ids);
  const end = performance.now() + cap_ms;
  let live = 0;
  let peak_payload = 0;
  let peak_held = 0;
  for (let i = 0; i < trace.ops.length; i++) {
    if (i % CLOCK_EVERY === 0 && performance.now() > end) return undefined;
    const op = trace.ops[i]!;
    if (op.kind === 'f') {
      if (op.id < 0) continue;
      m.free(ptr[op.id]!);
      live -= size[op.id]!;
      ptr[op.id] = 0;
      size[op.id] = 0;
      continue;
    }
    const q = op.kind === 'a' ? m.malloc(op.size) : m.realloc(ptr[op.id]!, op.size);
    if (q === 0 && op.size > 0) throw new Error(`out of memory at op ${i} (${op_text(op)})`);
    live += op.size - (op.kind === 'r' ? size[op.id]! : 0);
    ptr[op.id] = q;
    size[op.id] = op.size;
    peak_payload = Math.max(peak_payload, live);
    peak_held = Math.max(peak_held, held());
  }
  return peak_held === 0 ? 0 : peak_payload / peak_held;
}
