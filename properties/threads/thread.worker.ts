/**
 * One thread of a threads run (run_threads.ts), in a Worker (ts_worker.ts):
 * its own Shared_heap on the run's heap, its program (thread_program.ts) run
 * once the run's clock starts, every call recorded on that clock, and its own
 * blocks checked as it goes:
 *
 *   bounds:   a block malloc or realloc gives is 16-aligned, inside the heap
 *   overlap:  and none of its granules is held by another block (Ownership_map)
 *   pattern:  a block holds its pattern (properties/heap/pattern.ts, serial
 *             k · threads + id for its k-th block) whenever it is freed or
 *             realloc'd, and realloc keeps it
 *   results:  free and realloc of a live block never give -L4_EINVAL
 *
 * At the end it frees every block it still holds, checked the same way, and
 * posts its history and its first failure (Thread_report).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Shared_heap } from '../../impl/shared_heap.ts';
import { l4_err_name } from '../../l4re/err.ts';
import { hex, hex_byte } from '../../l4re/hex.ts';
import { fill_pattern, mismatch, pattern } from '../heap/pattern.ts';
import type { Operation } from '../linearizability/history.ts';
import type { Malloc_input, Malloc_output } from '../linearizability/models/malloc_blocks.ts';
import { planted_thread_parts } from '../planted/threads/index.ts';
import { Ownership_map } from './ownership_map.ts';
import { Run_clock } from './run_clock.ts';
import type { Thread_job, Thread_message } from './run_threads.ts';
import { type Thread_call, thread_call } from './thread_program.ts';

interface Held {
  readonly ptr: number;
  readonly size: number;
  readonly serial: number;
}

const job = workerData as Thread_job;
const heap = new Shared_heap(job.heap, planted_thread_parts(job.bug));
const bytes = heap.bytes;
const clock = new Run_clock(job.clock);
const owners = new Ownership_map(job.owners);
const ops: Operation<Malloc_input, Malloc_output>[] = [];
const live: Held[] = [];
let made = 0;

function post(message: Thread_message): void {
  parentPort!.postMessage(message);
}

/** Call the heap, recording the call and (once it returns) the response on the shared clock. */
function call(input: Malloc_input): number {
  const op = { client: job.id, input, call: clock.tick() };
  const i = ops.push(op) - 1;
  const output = input.op === 'malloc' ? heap.malloc(input.size) : input.op === 'free' ? heap.free(input.ptr) : heap.realloc(input.ptr, input.size);
  ops[i] = { ...op, response: { output, at: clock.tick() } };
  return output;
}

/** Claim block b, which `what` gave. */
function take(b: Held, what: string): void {
  if (b.ptr % 16 !== 0 || b.ptr + b.size > bytes.length) throw new Error(`bounds: ${what} is not a 16-aligned block inside the heap`);
  const holder = owners.claim(b.ptr, b.size, b.serial);
  if (holder >= 0) throw new Error(`overlap: ${what} covers bytes of block #${holder} (thread ${holder % job.threads}), still live`);
}

/** Check that the first n bytes of block b (at ptr) hold its pattern. */
function check(b: Held, ptr: number, n: number, when: string): void {
  const i = mismatch(bytes, ptr, n, b.serial, 0);
  if (i < 0) return;
  const expected = hex_byte(pattern(b.serial, i, 1)[0]!);
  throw new Error(`pattern: block #${b.serial} of thread ${job.id} at ${hex(ptr)} (${b.size} bytes) has byte ${i} = ${hex_byte(bytes[ptr + i]!)}, not ${expected}, ${when}`);
}

function run(c: Thread_call): void {
  if (c.op === 'malloc') {
    const p = call({ op: 'malloc', size: c.size });
    if (p === 0) return;
    const b = { ptr: p, size: c.size, serial: made++ * job.threads + job.id };
    take(b, `malloc(${c.size}) -> ${hex(p)}`);
    fill_pattern(bytes, p, c.size, b.serial, 0);
    live.push(b);
    return;
  }
  const b = live[c.at]!;
  check(b, b.ptr, b.size, `before ${c.op}`);
  owners.release(b.ptr, b.size, b.serial);
  if (c.op === 'free') {
    const r = call({ op: 'free', ptr: b.ptr });
    if (r !== 0) throw new Error(`free(${hex(b.ptr)}) of a live block gives ${l4_err_name(r)}`);
    live.splice(c.at, 1);
    return;
  }
  const what = `realloc(${hex(b.ptr)}, ${c.size})`;
  const q = call({ op: 'realloc', ptr: b.ptr, size: c.size });
  if (q < 0) throw new Error(`${what} of a live block gives ${l4_err_name(q)}`);
  if (q === 0) return take(b, `${what} -> 0, which keeps the block,`);
  const moved = { ptr: q, size: c.size, serial: b.serial };
  const kept = Math.min(b.size, c.size);
  take(moved, `${what} -> ${hex(q)}`);
  check(b, q, kept, `after ${what} -> ${hex(q)}`);
  fill_pattern(bytes, q + kept, c.size - kept, b.serial, kept);
  live[c.at] = moved;
}

post({ kind: 'ready' });
clock.wait_start();
let failure: { message: string; at: number } | null = null;
try {
  for (const s of job.program) run(thread_call(s, live.length));
  while (live.length > 0) run({ op: 'free', at: live.length - 1 });
} catch (e) {
  const err = e as Error;
  failure = { message: err.name === 'Error' ? err.message : `${err.name}: ${err.message}`, at: clock.tick() };
}
post({ kind: 'done', report: { ops, failure } });
