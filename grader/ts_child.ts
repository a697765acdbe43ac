/**
 * The child process of the TypeScript runner: it loads one submission (argv[2],
 * a bundled module whose default export is an Allocator_factory, or one of
 * l4check's own allocators built in: `l4check:impl`, `l4check:model`) and
 * answers requests (grader/ts_protocol.ts) one at a time, each on a fresh impl
 * world whose Mem_alloc quota is argv[3] bytes. A submission's allocator gets
 * its environment through an Env_account; a built-in one gets the task.
 *
 * Runs under Node's permission model (no child processes, workers or writes)
 * with a heap limit; the parent enforces time. Invariants: the protocol is on
 * fd 3 only; the submission's console output goes to stdout, capped at
 * OUTPUT_CAP bytes; `current` is the index of the op the submission is in.
 */
import { writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { format } from 'node:util';
import type { Allocator_factory } from '../l4re/alloc.ts';
import { ALLOCATORS, student_allocator } from '../properties/allocators.ts';
import { Replay_error, replay_checked, replay_task, time_once } from '../properties/trace/replay.ts';
import type { Detection } from './runner.ts';
import { type Answer, BUILT_IN_ALLOCATORS, type Checked_answer, type Child_line, PROGRESS_EVERY, type Probe, type Request, built_in_source, from_wire } from './ts_protocol.ts';

const OUTPUT_CAP = 64 * 1024;
const PROTOCOL_FD = 3;

function send(line: Child_line): void {
  writeSync(PROTOCOL_FD, `${JSON.stringify(line)}\n`);
}

let printed = 0;
function capture(...args: unknown[]): void {
  if (printed >= OUTPUT_CAP) return;
  const text = `${format(...args)}\n`.slice(0, OUTPUT_CAP - printed);
  printed += text.length;
  writeSync(1, text);
}
for (const m of ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir'] as const) console[m] = capture;

let current = 0;
process.on('exit', (code) => send({ exiting: current, code }));

/** Before each op of a checked replay: its index, and a Progress line every PROGRESS_EVERY ops. */
function at_op(op: number): void {
  current = op;
  if (op % PROGRESS_EVERY === 0 && op > 0) send({ progress: op });
}

function message(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : `threw ${format(e)}`;
}

function checked(factory: Allocator_factory, r: Extract<Request, { op: 'checked' }>): Checked_answer {
  const results: number[] | undefined = r.results ? [] : undefined;
  const with_results = results ? { results } : {};
  current = 0;
  try {
    const { util, refused, refused_max, footprint } = replay_checked(from_wire(r.program), (built_in ?? student_allocator('submission', factory)), { heap_limit, on_op: at_op, ...with_results });
    return { kind: 'ok', util, refused, refused_max, footprint, ...with_results };
  } catch (e) {
    if (!(e instanceof Replay_error)) return { kind: 'crash', op: current, message: `creating the allocator: ${message(e)}`, ...with_results };
    if (e.check === 'exception') return { kind: 'crash', op: e.op, message: e.detail, ...with_results };
    return { kind: 'fail', op: e.op, check: e.check, message: e.detail, ...with_results };
  }
}

function timed(factory: Allocator_factory, r: Extract<Request, { op: 'timed' }>): Answer {
  const a = student_allocator('submission', factory);
  try {
    return { kind: 'ok', seconds: time_once(from_wire(r.program), a.create_malloc(replay_task(a, heap_limit))) };
  } catch (e) {
    return { kind: 'crash', op: 0, message: message(e) };
  }
}

/** `detected`: the misused free returned a negative code; `crash`: it threw. */
function probe(factory: Allocator_factory, which: Probe): Answer {
  const a = student_allocator('submission', factory);
  let detection: Detection;
  try {
    const m = factory(replay_task(a, heap_limit));
    const p = m.malloc(64);
    if (which === 'double_free') m.free(p);
    const r = m.free(which === 'double_free' ? p : p + 16);
    detection = typeof r === 'number' && r < 0 ? 'detected' : 'undetected';
  } catch {
    detection = 'crash';
  }
  return { kind: 'probe', detection };
}

function answer(factory: Allocator_factory, r: Request): Answer {
  if (r.op === 'checked') return checked(factory, r);
  if (r.op === 'timed') return timed(factory, r);
  return probe(factory, r.probe);
}

async function main(module_url: string): Promise<void> {
  let factory: unknown;
  try {
    factory = built_in?.create_malloc ?? ((await import(module_url)) as { default?: unknown }).default;
  } catch (e) {
    send({ load_error: `cannot load: ${message(e).split('\n')[0]}` });
    return;
  }
  if (typeof factory !== 'function') {
    send({ load_error: 'the default export is not an Allocator_factory (env) => {malloc, free, realloc}' });
    return;
  }
  send({ loaded: true });
  for await (const line of createInterface({ input: process.stdin })) {
    const r = JSON.parse(line) as Request;
    send({ id: r.id, answer: answer(factory as Allocator_factory, r) });
  }
}

const heap_limit = Number(process.argv[3]);
const built_in = BUILT_IN_ALLOCATORS.map((name) => (process.argv[2] === built_in_source(name) ? ALLOCATORS[name] : undefined)).find((a) => a !== undefined);
await main(process.argv[2]!);
