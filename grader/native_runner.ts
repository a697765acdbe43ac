/**
 * The Runner (runner.ts) of a C submission: its driver (grader/native/driver.c,
 * built by build.ts) in a child process, restarted after anything that ends it.
 *
 * Requests go to the driver's fd 3 and answers come from its fd 4, one line per
 * request (request.h, report.h in grader/native/); the student's stdout and
 * stderr are captured together, capped. The driver writes the op it is at into
 * a page shared through a file (shared.h), read here when it dies.
 *
 * Outcomes the driver cannot give itself:
 *   a signal, abort() or exit() before the answer  -> crash, with the op, the signal and the fault's note
 *   a write to a region attached without W        -> fail `environment`, from the fault's note
 *   (or to one whose dataspace died)
 *   enter_kdebug                                   -> fail `kdebug`, from its note
 *   the call's CPU limit used up, or blocked       -> SIGKILL, timeout (cpu_watch.ts)
 * A `memory` answer also ends the process: the next call gets a fresh one.
 * In a threaded round (`threaded`, grader/native/threads.h) each of these
 * says which op every worker was at, from the shared page.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { Trace_op } from '../properties/trace/read_trace.ts';
import { HEAP_LIMIT } from '../properties/trace/replay.ts';
import type { Native_kind } from './build.ts';
import { CHILD_ENV } from './child_env.ts';
import { Cpu_watch, type Watch_end, watch_text } from './cpu_watch.ts';
import type { Checked_outcome, Cpu_used, Detection, Limit, Program, Robustness, Run_failure, Runner, Threads_outcome, Timed_outcome } from './runner.ts';

export interface Native_options {
  /** Bytes the heap may grow to: memlib's limit, the shim's dataspace quota. */
  readonly heap_limit?: number;
  /** RLIMIT_AS of the driver, beyond what it holds once the heap is reserved. */
  readonly as_slack?: number;
  /** Bytes of student output kept. */
  readonly output_cap?: number;
  /**
   * Run the driver under Valgrind's callgrind, counting the instructions of
   * each timed replay (grader/native/instructions.h): only for a submission
   * that passed every check, since the driver is then not isolated.
   */
  readonly count_instructions?: boolean;
}

const GIB = 2 ** 30;
const DEFAULTS = { heap_limit: HEAP_LIMIT, as_slack: 2 * GIB, output_cap: 64 * 1024, count_instructions: false };
/** The largest heap Valgrind can reserve beside itself. */
const VALGRIND_HEAP_LIMIT = 8 * GIB;
const SIZE_MAX = 2n ** 64n - 1n;
/** shared.h's page: its size and the byte offsets of struct shared_page's fields. */
const PAGE = { bytes: 760, op: 0, phase: 8, limit_hit: 12, note_kind: 16, note: 24, thread_op: 504 } as const;
/** shared.h's THREADS_MAX: the most threads a threaded round has. */
export const THREADS_MAX = 32;
/** shared.h's enum shared_phase and enum note_kind, the values read here. */
const PHASE = { reset: 1, end: 3, teardown: 4, rerun: 5, threads: 6 } as const;
const NOTE = { environment: 2, kdebug: 3 } as const;

type Exit = { readonly exit: { code: number | null; signal: NodeJS.Signals | null } };
/** What the driver gave: an answer line or its end. */
type Raw_reply = { readonly line: string } | Exit;
type Reply = (Raw_reply | { readonly timeout: Watch_end }) & { readonly cpu_s: number };

interface Driver {
  readonly child: ChildProcess;
  readonly requests: Writable;
  /** Settles the call in flight. */
  pending?: (r: Raw_reply) => void;
  lines: string[];
  partial: string;
}

function size_text(size: number): string {
  const n = BigInt(Math.floor(size));
  return (n > SIZE_MAX ? SIZE_MAX : n).toString();
}

function op_line(op: Trace_op): string {
  return op.kind === 'f' ? `f ${op.id}` : `${op.kind} ${op.id} ${size_text(op.size)}`;
}

function program_text(head: string, p: Program): string {
  return `${head}\n${p.ops.map(op_line).join('\n')}${p.ops.length > 0 ? '\n' : ''}end\n`;
}

/** `key=value` fields of an answer; `msg` takes the rest of the line. */
function fields(line: string): Map<string, string> {
  const out = new Map<string, string>();
  const msg = line.indexOf(' msg=');
  const head = msg < 0 ? line : line.slice(0, msg);
  for (const f of head.split(' ').slice(1)) {
    const eq = f.indexOf('=');
    if (eq > 0) out.set(f.slice(0, eq), f.slice(eq + 1));
  }
  if (msg >= 0) out.set('msg', line.slice(msg + 5));
  return out;
}

/** `while 2 threads ran (thread 0 in op 17, thread 1 in its teardown, op 40)`: where each thread of a round was. */
function threads_where(threads: readonly Program[], progress: readonly number[]): string {
  const at = (k: number, p: Program) => (k < 0 ? 'before its first op' : k >= p.ops.length ? `in its teardown, op ${k}` : `in op ${k}`);
  return `while ${threads.length} threads ran (${progress.map((k, t) => `thread ${t} ${at(k, threads[t]!)}`).join(', ')})`;
}

export class Native_runner implements Runner {
  private driver: Driver | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly dir = mkdtempSync(join(tmpdir(), 'l4check-run-'));
  private readonly op_file = join(this.dir, 'op');
  private readonly options: Required<Native_options>;
  /** The program the driver timed last, while it is the driver's last request: it is sent again as `retime`. */
  private last_timed: Program | undefined;
  private captured: Buffer[] = [];
  private captured_bytes = 0;
  private capped = false;

  constructor(
    readonly kind: Native_kind,
    private readonly exe: string,
    options: Native_options = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  checked(p: Program, limit: Limit): Promise<Checked_outcome & Cpu_used> {
    return this.serial(async () => {
      const r = await this.call(program_text(`checked ${p.num_ids} ${p.ops.length}`, p), limit);
      return { ...(await this.checked_answer(r)), cpu_s: r.cpu_s };
    });
  }

  timed(p: Program, first: boolean, limit: Limit): Promise<Timed_outcome> {
    return this.serial(async () => {
      const again = this.last_timed === p && this.driver !== undefined;
      const request = again ? `retime ${first ? 1 : 0}\n` : program_text(`timed ${p.num_ids} ${p.ops.length} ${first ? 1 : 0}`, p);
      const r = await this.call(request, limit);
      this.last_timed = 'line' in r && r.line.startsWith('timed ') ? p : undefined;
      if (!('line' in r)) return this.failure(r);
      const f = fields(r.line);
      if (r.line.startsWith('timed ')) return { kind: 'ok', seconds: Number(f.get('seconds')), instructions: Number(f.get('instructions')) };
      return this.memory_or_error(r.line, f);
    });
  }

  threaded(programs: readonly Program[], limit: Limit): Promise<Threads_outcome> {
    return this.serial(async () => {
      const request = `threads ${programs.length}\n${programs.map((p) => program_text(`program ${p.num_ids} ${p.ops.length}`, p)).join('')}`;
      const r = await this.call(request, limit);
      if (!('line' in r)) return this.failure(r, programs);
      const f = fields(r.line);
      if (r.line.startsWith('ok ')) return { kind: 'ok', refused: Number(f.get('refused')) };
      if (!r.line.startsWith('fail ')) return { ...(await this.memory_or_error(r.line, f)), thread: -1, progress: [] };
      const progress = (f.get('progress') ?? '').split(',').filter((x) => x !== '').map(Number);
      return { kind: 'fail', op: Number(f.get('op')), check: f.get('check') ?? '', message: f.get('msg') ?? '', thread: Number(f.get('thread')), progress };
    });
  }

  /** A runner of the same driver that counts the instructions of timed replays (count_instructions). */
  counting(): Native_runner {
    return new Native_runner(this.kind, this.exe, { ...this.options, count_instructions: true });
  }

  robustness(limit: Limit): Promise<Robustness> {
    return this.serial(async () => ({
      double_free: await this.probe('double_free', limit),
      invalid_free: await this.probe('invalid_free', limit),
    }));
  }

  output(): string {
    const text = Buffer.concat(this.captured).toString('utf8');
    return this.capped ? `${text}\n[output capped at ${this.options.output_cap} bytes]` : text;
  }

  close(): Promise<void> {
    return this.serial(async () => {
      await this.stop();
      rmSync(this.dir, { recursive: true, force: true });
    });
  }

  /** Calls run one at a time: one driver, one request in flight. */
  private serial<T>(f: () => Promise<T>): Promise<T> {
    const next = this.queue.then(f);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async checked_answer(r: Reply): Promise<Checked_outcome> {
    if (!('line' in r)) return this.failure(r);
    const f = fields(r.line);
    if (r.line.startsWith('ok ')) return { kind: 'ok', util: Number(f.get('util')), refused: Number(f.get('refused')), refused_max: Number(f.get('refused_max')) };
    if (r.line.startsWith('fail ')) return { kind: 'fail', op: Number(f.get('op')), check: (f.get('check') ?? '').replaceAll('_', ' '), message: f.get('msg') ?? '' };
    return this.memory_or_error(r.line, f);
  }

  private async probe(name: string, limit: Limit): Promise<Detection> {
    const r = await this.call(`robust ${name}\n`, limit);
    if (!('line' in r)) return 'crash';
    if (r.line === 'robust undetected' || r.line === 'robust skipped') return 'undetected';
    throw new Error(`driver: ${r.line}`);
  }

  private async memory_or_error(line: string, f: Map<string, string>): Promise<Run_failure> {
    if (!line.startsWith('memory ')) throw new Error(`driver: unexpected answer ${JSON.stringify(line)}`);
    await this.stop();
    return { kind: 'memory', op: Number(f.get('op')), message: f.get('msg') ?? '' };
  }

  /**
   * A crash or a timeout (the driver is gone either way), with the op the
   * shared page names; a fault in a region attached without the right it
   * needed is the allocator's misuse of the environment, a `fail`.
   */
  private failure(r: Reply): Run_failure;
  private failure(r: Reply, threads: readonly Program[]): Run_failure & { thread: number; progress: number[] };
  private failure(r: Reply, threads: readonly Program[] = []): Run_failure & { thread?: number; progress?: number[] } {
    const page = readFileSync(this.op_file);
    const phase = page.readUInt32LE(PAGE.phase);
    const progress = threads.map((_, t) => Number(page.readBigInt64LE(PAGE.thread_op + 8 * t)));
    const note_end = page.indexOf(0, PAGE.note);
    const note = page.toString('utf8', PAGE.note, note_end < 0 || note_end > PAGE.thread_op ? PAGE.thread_op : note_end);
    const thread = threads.length === 0 ? undefined : Number(/^thread (\d+): /.exec(note)?.[1] ?? -1);
    const op = thread === undefined ? Math.max(0, Number(page.readBigInt64LE(PAGE.op))) : (progress[thread] ?? -1);
    const where =
      thread !== undefined
        ? threads_where(threads, progress)
        : phase === PHASE.reset
          ? `making a fresh heap before op 0 (${this.kind === 'mm' ? 'mm_init' : 'baseline malloc(1)/free'})`
          : phase === PHASE.end
            ? 'after the last op'
            : phase === PHASE.teardown
              ? `freeing the blocks the program left live (op ${op})`
              : phase === PHASE.rerun
                ? `during op ${op} of the program's second run (the leak check)`
                : `during op ${op}`;
    const threaded = thread === undefined ? {} : { thread, progress };
    if ('timeout' in r) return { kind: 'timeout', op, message: `${watch_text(r.timeout)}; killed ${where}`, ...threaded };
    const { code, signal } = (r as Exit).exit;
    const note_kind = page.readUInt32LE(PAGE.note_kind);
    if (signal !== null && note !== '' && note_kind === NOTE.environment) return { kind: 'fail', op, check: 'environment', message: `${note} (${where})`, ...threaded };
    if (signal !== null && note !== '' && note_kind === NOTE.kdebug) return { kind: 'fail', op, check: 'kdebug', message: `${note} (${where})`, ...threaded };
    const after_limit = page.readUInt32LE(PAGE.limit_hit) !== 0 ? ', after the heap limit refused memory' : '';
    const why =
      signal === 'SIGSYS'
        ? 'killed by SIGSYS: a forbidden system call (fork, clone or exec)'
        : signal === 'SIGABRT'
          ? 'abort() (SIGABRT)'
          : signal !== null
            ? `killed by ${signal}`
            : `exit(${code})`;
    return { kind: 'crash', op, message: `${why} ${where}${after_limit}${note === '' ? '' : `: ${note}`}`, ...threaded };
  }

  private start(): Driver {
    const page = Buffer.alloc(PAGE.bytes);
    page.writeBigInt64LE(-1n, PAGE.op);
    writeFileSync(this.op_file, page);
    const { heap_limit, as_slack, count_instructions: counting } = this.options;
    const dumps = join(this.dir, 'callgrind');
    const args = [
      ...['--op-file', this.op_file],
      ...['--heap-limit', String(counting ? Math.min(heap_limit, VALGRIND_HEAP_LIMIT) : heap_limit)],
      ...['--as-slack', String(counting ? 0 : as_slack)],
      ...(counting ? ['--count-instructions', dumps] : []),
    ];
    const [command, argv] = counting ? ['valgrind', ['-q', '--tool=callgrind', '--collect-atstart=no', `--callgrind-out-file=${dumps}`, this.exe, ...args]] : [this.exe, args];
    const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'pipe'], env: CHILD_ENV });
    const d: Driver = { child, requests: child.stdio[3] as Writable, lines: [], partial: '' };
    for (const s of [child.stdout!, child.stderr!]) s.on('data', (chunk: Buffer) => this.capture(chunk));
    d.requests.on('error', () => undefined);
    const answers = child.stdio[4] as Readable;
    answers.setEncoding('utf8');
    answers.on('data', (text: string) => {
      const parts = (d.partial + text).split('\n');
      d.partial = parts.pop()!;
      for (const line of parts) {
        const settle = d.pending;
        d.pending = undefined;
        settle?.({ line });
      }
    });
    child.on('close', (code, signal) => {
      if (this.driver === d) this.driver = undefined;
      const settle = d.pending;
      d.pending = undefined;
      settle?.({ exit: { code, signal } });
    });
    child.on('error', () => undefined);
    return d;
  }

  private capture(chunk: Buffer): void {
    const room = this.options.output_cap - this.captured_bytes;
    if (room <= 0) {
      this.capped = true;
      return;
    }
    const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
    this.captured.push(Buffer.from(kept));
    this.captured_bytes += kept.length;
    if (kept.length < chunk.length) this.capped = true;
  }

  /** Send one request; its answer line, the driver's end, or a timeout (the driver killed), with the CPU time it took. */
  private call(request: string, limit: Limit): Promise<Reply> {
    this.last_timed = undefined;
    const d = (this.driver ??= this.start());
    return new Promise<Reply>((resolve) => {
      const watch = new Cpu_watch(d.child.pid!, limit);
      let timed_out: Watch_end | undefined;
      void watch.ended.then((end) => {
        timed_out = end;
        d.child.kill('SIGKILL');
      });
      d.pending = (r) => {
        const cpu_s = watch.used();
        watch.stop();
        resolve(timed_out !== undefined && !('line' in r) ? { timeout: timed_out, cpu_s } : { ...r, cpu_s });
      };
      d.requests.write(request);
    });
  }

  /** End the driver, if one runs, and wait for it. */
  private async stop(): Promise<void> {
    const d = this.driver;
    if (d === undefined) return;
    this.driver = undefined;
    if (d.child.exitCode !== null || d.child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      d.child.once('close', () => resolve());
      d.child.kill('SIGKILL');
    });
  }
}
