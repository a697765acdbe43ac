/**
 * Replaying a malloc-lab trace against an allocator, the way mdriver does, but
 * checking every op: the heap checker verifies alignment, bounds, overlap and
 * payload bytes, and the semantics of null and errors are the trace's.
 *
 * Utilization = peak live payload / peak bytes held from Mem_alloc (whole pages
 * of every dataspace, metadata included). Throughput comes from a separate,
 * check-free replay.
 */
import type { Allocator, Allocator_factory } from '../../l4re/alloc.ts';
import { L4RE_CAP_ALLOC_BASE, L4RE_RM_END, L4RE_RM_START, is_page_fault } from '../../l4re/mem.ts';
import type { Task } from '../../l4re/task.ts';
import type { Create_world } from '../../l4re/world.ts';
import { Heap_checker, Heap_violation } from '../heap_checker.ts';
import type { Trace, Trace_op } from './read_trace.ts';

export interface Allocator_under_test {
  readonly name: string;
  readonly create_world: Create_world;
  readonly create_malloc: Allocator_factory;
}

/** Bytes the simulated address space can hand out. */
export const ADDRESS_SPACE = L4RE_RM_END - L4RE_RM_START;

/**
 * What a replay found wrong: a heap checker's check (alignment, overlap, bounds,
 * payload, realloc copy), a wrong `result`, or an `exception` the allocator threw.
 */
export type Replay_check = 'alignment' | 'overlap' | 'bounds' | 'payload' | 'realloc copy' | 'result' | 'exception';

/**
 * A replay that went wrong: `file:line: detail`, one line. `op` is the index of
 * the failing op (the number of ops for the final sweep).
 */
export class Replay_error extends Error {
  override readonly name = 'Replay_error';

  constructor(
    where: string,
    readonly op: number,
    readonly check: Replay_check,
    /** `op 3 (r 0 5000): what`, or `after the last op: what`. */
    readonly detail: string,
  ) {
    super(`${where}: ${detail}`);
  }
}

/** A wrong result of a call the trace says must succeed. */
class Result_error extends Error {}

/** The check a Heap_violation's message starts with: `overlap: …`, `payload of p3 …`. */
const VIOLATIONS: readonly [string, Replay_check][] = [
  ['alignment', 'alignment'],
  ['overlap', 'overlap'],
  ['attached memory', 'bounds'],
  ['payload', 'payload'],
  ['realloc copy', 'realloc copy'],
  ['result', 'result'],
];

function check_of(e: unknown): Replay_check {
  if (e instanceof Result_error) return 'result';
  if (!(e instanceof Heap_violation)) return 'exception';
  return VIOLATIONS.find(([prefix]) => e.message.startsWith(prefix))?.[1] ?? 'result';
}

/** A fresh task in a world whose quota is the whole address space. */
export function replay_task(a: Allocator_under_test): Task {
  const world = a.create_world({ quota: ADDRESS_SPACE, cap_alloc_slots: 65536 - L4RE_CAP_ALLOC_BASE });
  return world.create_task('app');
}

/** The most payload bytes live at once when the ops run. */
export function peak_payload(ops: readonly Trace_op[]): number {
  const size: number[] = [];
  let live = 0;
  let peak = 0;
  for (const op of ops) {
    if (op.kind === 'f') {
      live -= op.id >= 0 ? (size[op.id] ?? 0) : 0;
      if (op.id >= 0) size[op.id] = 0;
      continue;
    }
    live += op.size - (op.kind === 'r' ? (size[op.id] ?? 0) : 0);
    size[op.id] = op.size;
    peak = Math.max(peak, live);
  }
  return peak;
}

/** Why the trace cannot run in the simulation, or undefined if it can. */
export function skip_reason(trace: Trace): string | undefined {
  const peak = peak_payload(trace.ops);
  if (peak <= ADDRESS_SPACE) return undefined;
  return `needs ${peak.toExponential(2)} bytes of address space at its peak; the simulation has ${ADDRESS_SPACE.toExponential(2)}`;
}

export function op_text(op: Trace_op): string {
  return op.kind === 'f' ? `f ${op.id}` : `${op.kind} ${op.id} ${op.size}`;
}

export interface Checked_replay {
  readonly peak_payload: number;
  readonly peak_held: number;
  readonly util: number;
}

/** Replay with every check; throws a Replay_error at the first op that goes wrong. */
export function replay_checked(trace: Trace, a: Allocator_under_test): Checked_replay {
  const task = replay_task(a);
  const m = a.create_malloc(task);
  const checker = new Heap_checker(task);
  const ptr: number[] = [];
  const size: number[] = [];
  let live = 0;
  let peak_payload = 0;
  let peak_held = 0;
  for (let i = 0; i < trace.ops.length; i++) {
    const op = trace.ops[i]!;
    checker.op = i;
    try {
      live += step(m, checker, op, ptr, size);
    } catch (e) {
      const what = is_page_fault(e) ? `page fault (${e.fault} at 0x${e.addr.toString(16)})` : String((e as Error)?.message ?? e);
      throw new Replay_error(`${trace.file}:${op.line}`, i, check_of(e), `op ${i} (${op_text(op)}): ${what}`);
    }
    peak_payload = Math.max(peak_payload, live);
    peak_held = Math.max(peak_held, task.mem_alloc.quota().used);
  }
  try {
    checker.verify_all();
  } catch (e) {
    throw new Replay_error(trace.file, trace.ops.length, check_of(e), `after the last op: ${(e as Error).message}`);
  }
  return { peak_payload, peak_held, util: peak_held === 0 ? 0 : peak_payload / peak_held };
}

/** One checked op; returns the change in live payload. */
function step(m: Allocator, checker: Heap_checker, op: Trace_op, ptr: number[], size: number[]): number {
  if (op.kind === 'f') {
    const p = op.id >= 0 ? (ptr[op.id] ?? 0) : 0;
    if (p !== 0) checker.before_free(p);
    const r = m.free(p);
    if (typeof r === 'number' && r < 0) throw new Result_error(`free(0x${p.toString(16)}) of a live block returned ${r}`);
    if (p === 0) return 0;
    checker.on_free(p);
    const freed = size[op.id]!;
    ptr[op.id] = 0;
    size[op.id] = 0;
    return -freed;
  }
  const old = op.kind === 'r' ? (ptr[op.id] ?? 0) : 0;
  const old_size = old === 0 ? 0 : size[op.id]!;
  const call = op.kind === 'a' ? `malloc(${op.size})` : `realloc(0x${old.toString(16)}, ${op.size})`;
  if (old !== 0) checker.before_free(old);
  const q = op.kind === 'a' ? m.malloc(op.size) : m.realloc(old, op.size);
  if (!Number.isSafeInteger(q) || q < 0) throw new Result_error(`${call} returned ${q}`);
  if (op.size === 0) {
    if (q !== 0) throw new Result_error(`${call} returned 0x${q.toString(16)}, not null`);
    if (op.kind === 'r' && old !== 0) checker.on_free(old);
    ptr[op.id] = 0;
    size[op.id] = 0;
    return -old_size;
  }
  if (q === 0) throw new Result_error(`${call} returned null: out of memory`);
  if (op.kind === 'a' || old === 0) checker.on_malloc(q, op.size);
  else checker.on_realloc(old, q, op.size);
  ptr[op.id] = q;
  size[op.id] = op.size;
  return op.size - old_size;
}

/** What a timed replay drives: malloc, free and realloc, nothing else. */
export interface Replayable {
  malloc(size: number): number;
  free(ptr: number): unknown;
  realloc(ptr: number, size: number): number;
}

export interface Timing {
  /** The trace's length, or the prefix that ran if capped. */
  readonly ops: number;
  readonly opsPerSec: number;
  /** The cap ended the first replay. */
  readonly capped: boolean;
}

/** The clock is read every CHUNK ops, so a cap costs nothing per op. */
const CHUNK = 4096;

/**
 * Check-free replays, each on a `fresh()` allocator (made outside the timed
 * part), repeated until `min_ms` of replay time, but never past `cap_ms`.
 */
export function time_replays(trace: Trace, fresh: () => Replayable, min_ms: number, cap_ms = Infinity): Timing {
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

/** Ops per second of check-free replays of `a`, repeated for at least `min_ms`. */
export function replay_timed(trace: Trace, a: Allocator_under_test, min_ms = 100): number {
  return time_replays(trace, () => a.create_malloc(replay_task(a)), min_ms).opsPerSec;
}
