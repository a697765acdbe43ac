/**
 * Replaying a malloc-lab trace against an allocator, the way mdriver does, but
 * checking every op: the heap checker verifies alignment, bounds, overlap and
 * payload bytes, an account of the allocator's environment (env_account.ts)
 * sees what it holds and every call it misuses, and the semantics of null
 * and errors are the contract's (docs/GRADER.md):
 * - malloc(0) and realloc(p, 0) give 0 or a unique block (a live block of no
 *   bytes, freed and checked like any other); realloc(p, 0) frees p either way;
 * - a request of n > 0 bytes gives 0, with nothing changed (realloc keeps p
 *   live and intact), when Mem_alloc refused memory during the op or n and an
 *   allowance for headers do not fit in what the quota leaves; any other 0 is
 *   a `result` failure;
 * - after the last op the heap is verified and every block still live freed
 *   (the teardown, ops from the trace's length on); then the allocator may
 *   hold more than malloc(1); free() leaves on a fresh world only if running
 *   the trace again leaves no more than that (what it keeps, it reuses).
 *
 * Utilization = peak live payload / peak bytes held from Mem_alloc (whole pages
 * of every dataspace, metadata included), both also sampled over the trace
 * for the heap's picture (footprint.ts). Throughput comes from a separate,
 * check-free replay.
 */
import type { Allocator, Allocator_factory } from '../../l4re/alloc.ts';
import { hex } from '../../l4re/hex.ts';
import { L4RE_CAP_ALLOC_BASE, L4RE_RM_END, L4RE_RM_START, is_page_fault } from '../../l4re/mem.ts';
import type { Task } from '../../l4re/task.ts';
import type { Create_world } from '../../l4re/world.ts';
import { flat_memory } from '../heap/flat_memory.ts';
import { Heap_checker, Heap_violation } from '../heap_checker.ts';
import { Best_samples } from './best_samples.ts';
import { Env_account, type Holdings } from './env_account.ts';
import { Footprint_sampler } from './footprint.ts';
import type { Footprint } from './heap_picture.ts';
import type { Trace, Trace_op } from './read_trace.ts';

export interface Allocator_under_test {
  readonly name: string;
  readonly create_world: Create_world;
  readonly create_malloc: Allocator_factory;
  /**
   * Whether the allocator gets its environment through an Env_account, which
   * sees every call it misuses. A student's does; the world's own allocators
   * get the task itself (impl's reaches its regions' bytes through
   * Impl_task.view), and the properties check them against each other.
   */
  readonly accounted?: boolean;
}

/** Bytes the simulated address space can hand out. */
export const ADDRESS_SPACE = L4RE_RM_END - L4RE_RM_START;

/** Mem_alloc's quota in a replay: 64 GiB, as the C drivers' heap limit (grader/native_runner.ts). */
export const HEAP_LIMIT = 64 * 2 ** 30;

/**
 * What a replay found wrong: a heap checker's check (alignment, overlap, bounds,
 * payload, realloc copy), a wrong `result`, a misused `environment`, a `leak`,
 * or an `exception`: the allocator threw or faulted outside what it attached.
 */
export type Replay_check = 'alignment' | 'overlap' | 'bounds' | 'payload' | 'realloc copy' | 'result' | 'environment' | 'leak' | 'exception';

/**
 * A replay that went wrong: `file:line: detail`, one line. `op` is the index of
 * the failing op (from the trace's length on: the teardown's frees, then the
 * leak check).
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

/** A failure the replay itself found, with its check. */
class Found extends Error {
  constructor(
    readonly check: Replay_check,
    message: string,
  ) {
    super(message);
  }
}

/** The check a Heap_violation's message starts with: `overlap: …`, `payload of p3 …`. */
const VIOLATIONS: readonly [string, Replay_check][] = [
  ['alignment', 'alignment'],
  ['overlap', 'overlap'],
  ['attached memory', 'bounds'],
  ['payload', 'payload'],
  ['realloc copy', 'realloc copy'],
  ['result', 'result'],
];


/** The check and message of what an op threw; a fault is explained by the account. */
function classify(e: unknown, env: Env_account): { check: Replay_check; message: string } {
  if (e instanceof Found) return { check: e.check, message: e.message };
  if (e instanceof Heap_violation) return { check: VIOLATIONS.find(([prefix]) => e.message.startsWith(prefix))?.[1] ?? 'result', message: e.message };
  if (is_page_fault(e)) {
    const p = env.place(e.addr, e.fault);
    return { check: p.environment ? 'environment' : 'exception', message: `page fault: a ${e.fault} at ${hex(e.addr)}: ${p.text}` };
  }
  return { check: 'exception', message: String((e as Error)?.message ?? e) };
}

/** A fresh task in a world whose quota is `heap_limit`. */
export function replay_task(a: Allocator_under_test, heap_limit = HEAP_LIMIT): Task {
  const world = a.create_world({ quota: heap_limit, cap_alloc_slots: 65536 - L4RE_CAP_ALLOC_BASE });
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

/**
 * Whether a null result for a request of n bytes is the environment's doing:
 * it refused memory during the op, or n and an allowance for headers, page
 * rounding and a minimum chunk (64 KiB + n/8) do not fit in what is left.
 * The same rule as the C drivers' (grader/native/replay.c).
 */
export function null_allowed(n: number, held: number, heap_limit: number, refused: boolean): boolean {
  const left = Math.max(0, heap_limit - held);
  return refused || n + 64 * 1024 + n / 8 > left;
}

export interface Checked_replay {
  readonly peak_payload: number;
  readonly peak_held: number;
  readonly util: number;
  /** Requests answered with 0 because the environment had no room: how many, the largest. */
  readonly refused: number;
  readonly refused_max: number;
  /** Live payload and held bytes after a few hundred evenly spaced ops and at both peaks. */
  readonly footprint: Footprint;
  /** The op after which held first reached peak_held (-1: the trace has no ops). */
  readonly peak_held_op: number;
}

export interface Replay_options {
  readonly heap_limit?: number;
  /** Filled with what each call of the trace and the teardown returned (malloc/realloc: the address; free: its code). */
  readonly results?: number[];
  /** Told the index of each op before it runs (a crash names it). */
  readonly on_op?: (op: number) => void;
}

/** What a replay keeps track of: ptr[id] (0: none) and size[id] of each id's live block. */
interface Replay_state {
  readonly m: Allocator;
  readonly env: Env_account;
  readonly checker: Heap_checker;
  readonly heap_limit: number;
  readonly ptr: number[];
  readonly size: number[];
  readonly results: number[] | undefined;
  refused: number;
  refused_max: number;
}

/** Replay with every check; throws a Replay_error at the first op that goes wrong. */
export function replay_checked(trace: Trace, a: Allocator_under_test, opts: Replay_options = {}): Checked_replay {
  const heap_limit = opts.heap_limit ?? HEAP_LIMIT;
  const task = replay_task(a, heap_limit);
  const env = new Env_account(task);
  const m = a.create_malloc(a.accounted === true ? env : task);
  const st: Replay_state = { m, env, checker: new Heap_checker(task, flat_memory(task)), heap_limit, ptr: [], size: [], results: opts.results, refused: 0, refused_max: 0 };
  let live = 0;
  const n = trace.ops.length;
  const footprint = new Footprint_sampler(n);
  const guarded = (i: number, where: string, what: string, f: () => void) => {
    opts.on_op?.(i);
    env.begin_op(i);
    st.checker.op = i;
    try {
      f();
      if (env.misuse !== undefined) throw new Found('environment', env.misuse);
      if (env.fault !== undefined) throw new Found(env.fault.environment ? 'environment' : 'exception', `page fault: ${env.fault.message}`);
    } catch (e) {
      const { check, message } = classify(e, env);
      throw new Replay_error(where, i, check, `${what}: ${message}`);
    }
  };
  for (let i = 0; i < n; i++) {
    const op = trace.ops[i]!;
    guarded(i, `${trace.file}:${op.line}`, `op ${i} (${op_text(op)})`, () => {
      live += step(st, op);
    });
    footprint.after(i, live, task.mem_alloc.quota().used);
  }
  guarded(n, trace.file, 'after the last op', () => st.checker.verify_all());
  let k = n;
  for (let id = 0; id < st.ptr.length; id++) {
    const p = st.ptr[id] ?? 0;
    if (p === 0) continue;
    guarded(k, trace.file, `teardown op ${k} (f ${id})`, () => {
      live += step(st, { kind: 'f', id, line: 0 });
    });
    k++;
  }
  guarded(Math.max(n, k - 1), trace.file, 'after freeing every block', () => check_leak(trace, a, st));
  const { peak_live: peak_payload, peak_held, peak_held_op } = footprint;
  return {
    peak_payload,
    peak_held,
    util: peak_held === 0 ? 0 : peak_payload / peak_held,
    refused: st.refused,
    refused_max: st.refused_max,
    footprint: footprint.footprint(),
    peak_held_op,
  };
}

function more(a: Holdings, b: Holdings): boolean {
  return a.ds_bytes > b.ds_bytes || a.regions > b.regions || a.slots > b.slots;
}

function holdings_text(h: Holdings): string {
  return `${h.ds_bytes} bytes of dataspaces, ${h.regions} regions and ${h.slots} slots`;
}

/** Runs of a trace after the first that must each leave more behind before that is a leak. */
const LEAK_RERUNS = 3;

/**
 * The allocator may hold more than its baseline after the teardown: memory it
 * keeps to reuse, or memory it lost. Running the trace again tells them apart:
 * what it keeps it reuses, so it soon holds no more after a run than before
 * it; what it lost it loses again on every run. The C drivers' rule too
 * (grader/native/replay.c).
 */
function check_leak(trace: Trace, a: Allocator_under_test, st: Replay_state): void {
  const first = st.env.holdings();
  const task = replay_task(a, st.heap_limit);
  const fresh = new Env_account(task);
  const m = a.create_malloc(a.accounted === true ? fresh : task);
  m.free(m.malloc(1));
  const base = fresh.holdings();
  if (!more(first, base)) return;
  const ptr = new Float64Array(trace.num_ids);
  let before = first;
  let after = first;
  for (let k = 0; k < LEAK_RERUNS; k++, before = after) {
    run_ops(trace, st.m, ptr);
    for (let id = 0; id < ptr.length; id++) if (ptr[id] !== 0) st.m.free(ptr[id]!), (ptr[id] = 0);
    if (st.env.misuse !== undefined) return;
    after = st.env.holdings();
    if (!more(after, before)) return;
  }
  throw new Found(
    'leak',
    `every run of the trace leaves more behind: after it and the freeing of every block the allocator holds ${holdings_text(first)}, after ${LEAK_RERUNS} more runs ${holdings_text(after)} (after malloc(1); free() on a fresh world: ${holdings_text(base)})`,
  );
}

/** One checked op; returns the change in live payload. */
function step(st: Replay_state, op: Trace_op): number {
  const { m, checker, ptr, size } = st;
  if (op.kind === 'f') {
    const p = op.id >= 0 ? (ptr[op.id] ?? 0) : 0;
    if (p !== 0) checker.before_free(p);
    const r = m.free(p);
    st.results?.push(typeof r === 'number' ? r : 0);
    if (typeof r === 'number' && r < 0) throw new Found('result', `free(${hex(p)}) of a live block returned ${r}`);
    if (p === 0) return 0;
    checker.on_free(p);
    const freed = size[op.id]!;
    ptr[op.id] = 0;
    size[op.id] = 0;
    return -freed;
  }
  const old = op.kind === 'r' ? (ptr[op.id] ?? 0) : 0;
  const old_size = old === 0 ? 0 : size[op.id]!;
  const call = op.kind === 'a' ? `malloc(${op.size})` : `realloc(${hex(old)}, ${op.size})`;
  if (old !== 0) checker.before_free(old);
  const q = op.kind === 'a' ? m.malloc(op.size) : m.realloc(old, op.size);
  st.results?.push(q);
  if (!Number.isSafeInteger(q) || q < 0) throw new Found('result', `${call} returned ${q}`);
  if (q === 0 && op.size > 0) {
    const held = st.env.holdings().ds_bytes;
    if (!null_allowed(op.size, held, st.heap_limit, st.env.refused)) {
      throw new Found('result', `${call} returned null, though ${st.heap_limit - held} bytes of the ${st.heap_limit}-byte quota were left (the allocator held ${held})`);
    }
    st.refused++;
    st.refused_max = Math.max(st.refused_max, op.size);
    if (op.kind === 'a') ptr[op.id] = 0;
    if (old !== 0) checker.on_unchanged(old);
    return 0;
  }
  if (q === 0) {
    if (old !== 0) checker.on_free(old);
    ptr[op.id] = 0;
    size[op.id] = 0;
    return -old_size;
  }
  if (old === 0) checker.on_malloc(q, op.size);
  else checker.on_realloc(old, q, op.size);
  ptr[op.id] = q;
  size[op.id] = op.size;
  return op.size - old_size;
}

/** The ops without checks, on `m`'s heap as it is; ptr[id] the id's block (0: none). */
function run_ops(trace: Trace, m: Replayable, ptr: Float64Array, from = 0, to = trace.ops.length): void {
  const all = trace.ops;
  for (let i = from; i < to; i++) {
    const op = all[i]!;
    if (op.kind === 'a') ptr[op.id] = m.malloc(op.size);
    else if (op.kind === 'r') ptr[op.id] = m.realloc(ptr[op.id]!, op.size);
    else if (op.id < 0) m.free(0);
    else {
      m.free(ptr[op.id]!);
      ptr[op.id] = 0;
    }
  }
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
  readonly ops_per_sec: number;
  /** The cap ended the first replay. */
  readonly capped: boolean;
}

/** The clock is read every CHUNK ops, so a cap costs nothing per op. */
const CHUNK = 4096;

/**
 * Check-free replays, each on a `fresh()` allocator (made outside the timed
 * part), repeated until `min_ms` of replay time, but never past `cap_ms`: a
 * benchmark's window (bench/), where a slow allocator times a prefix.
 */
export function time_replays(trace: Trace, fresh: () => Replayable, min_ms: number, cap_ms = Infinity): Timing {
  const all = trace.ops;
  let ops = 0;
  let ms = 0;
  do {
    const m = fresh();
    const ptr = new Float64Array(trace.num_ids);
    for (let i = 0; i < all.length; ) {
      const stop = Math.min(i + CHUNK, all.length);
      const t0 = performance.now();
      run_ops(trace, m, ptr, i, stop);
      ms += performance.now() - t0;
      ops += stop - i;
      i = stop;
      if (ms >= cap_ms && i < all.length) break;
    }
    if (ops < all.length) return { ops, ops_per_sec: ops / (ms / 1000), capped: true };
  } while (ms < min_ms && ms < cap_ms);
  return { ops: all.length, ops_per_sec: ops / (ms / 1000), capped: false };
}

/**
 * Seconds of the fastest check-free replays of `trace`, each on a `fresh()`
 * allocator made outside the timed part: samples while Best_samples wants
 * more within about `budget_ms` of wall time (making fresh allocators
 * included). A trace too short for the clock gives 0.
 */
export function time_best(trace: Trace, fresh: () => Replayable, budget_ms: number): number {
  const best = new Best_samples();
  const begin = performance.now();
  do best.add(time_once(trace, fresh())); while (best.more(performance.now() - begin, budget_ms));
  return best.fastest;
}

/** Seconds of one check-free replay of `trace` on `m`. */
export function time_once(trace: Trace, m: Replayable): number {
  const ptr = new Float64Array(trace.num_ids);
  const t0 = performance.now();
  run_ops(trace, m, ptr);
  return (performance.now() - t0) / 1000;
}

/** Ops per second of the fastest check-free replays of `a` (time_best), within about `budget_ms`. */
export function replay_timed(trace: Trace, a: Allocator_under_test, budget_ms = 100): number {
  const seconds = time_best(trace, () => a.create_malloc(replay_task(a)), budget_ms);
  return seconds > 0 ? trace.ops.length / seconds : 0;
}
