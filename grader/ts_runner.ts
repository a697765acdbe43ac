/**
 * The runner of a TypeScript submission: a child Node process (grader/ts_child.ts)
 * under the permission model, with a heap limit, speaking grader/ts_protocol.ts.
 *
 * Invariants: at most one request is in flight; `child` is undefined or a live
 * child that has loaded the submission; a child that timed out, died or ran out
 * of memory is gone, and the next call starts a fresh one.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { CHILD_ENV } from './child_env.ts';
import { Cpu_watch, watch_text } from './cpu_watch.ts';
import type { Call_results, Checked_options, Checked_outcome, Cpu_used, Detection, Limit, Program, Robustness, Run_failure, Runner, Timed_outcome } from './runner.ts';
import { HEAP_LIMIT } from '../properties/trace/replay.ts';
import { child_bundle, submission_bundle } from './ts_bundle.ts';
import { type Answer, type Built_in, type Checked_answer, type Child_line, type Request, built_in_source, to_wire } from './ts_protocol.ts';

export interface Ts_options {
  /** The child's V8 heap limit. */
  readonly memory_mb: number;
  /** CPU seconds loading the submission may take. */
  readonly load_limit_s: number;
  /** Mem_alloc's quota in the submission's world. */
  readonly heap_limit: number;
}

export const TS_DEFAULTS: Ts_options = { memory_mb: 512, load_limit_s: 30, heap_limit: HEAP_LIMIT };


/** Bytes of the submission's stdout and stderr kept. */
const OUTPUT_CAP = 64 * 1024;

/** What V8 prints when the heap limit is reached. */
const OUT_OF_MEMORY = /heap out of memory|Reached heap limit/;

export type Open_failure = { readonly kind: 'build-error'; readonly message: string } | Run_failure;

/** A request before the runner numbers it. */
type Without_id<T> = T extends unknown ? Omit<T, 'id'> : never;
type Request_body = Without_id<Request>;

interface Live_child {
  readonly process: ChildProcess;
  /** The next protocol line, or the child's end. */
  next(): Promise<Child_line | undefined>;
  /** The op of the last Progress or Exiting line. */
  last_op: number;
  /** The end of its stderr, where V8 says it ran out of memory. */
  stderr_tail: string;
}

export class Ts_runner implements Runner {
  readonly kind = 'ts';
  private child: Live_child | undefined;
  private printed = '';
  private ids = 0;

  private constructor(
    private readonly module_url: string,
    private readonly child_entry: string,
    private readonly opts: Ts_options,
  ) {}

  /** Bundle and load the submission (or name a built-in allocator): a runner, or why it cannot run. */
  static async open(file: string | Built_in, opts: Ts_options = TS_DEFAULTS): Promise<Ts_runner | Open_failure> {
    let source: string;
    if (file === 'impl' || file === 'model') source = built_in_source(file);
    else {
      const b = await submission_bundle(file);
      if ('error' in b) return { kind: 'build-error', message: b.error };
      source = pathToFileURL(b.path).href;
    }
    const r = new Ts_runner(source, await child_bundle(), opts);
    const started = await r.start(opts.load_limit_s);
    return 'child' in started ? r : started.failure;
  }

  async checked(p: Program, limit: Limit, opts: Checked_options = {}): Promise<Checked_outcome & Call_results & Cpu_used> {
    const a = await this.request({ op: 'checked', program: to_wire(p), results: opts.results === true }, limit);
    return a as Checked_answer & Cpu_used;
  }

  async timed(p: Program, first: boolean, limit: Limit): Promise<Timed_outcome> {
    return (await this.request({ op: 'timed', program: to_wire(p), first }, limit)) as Timed_outcome;
  }

  async robustness(limit: Limit): Promise<Robustness> {
    const probe = async (which: 'double_free' | 'invalid_free'): Promise<Detection> => {
      const a = await this.request({ op: 'probe', probe: which }, limit);
      return a.kind === 'probe' ? a.detection : 'crash';
    };
    return { double_free: await probe('double_free'), invalid_free: await probe('invalid_free') };
  }

  output(): string {
    return this.printed;
  }

  async close(): Promise<void> {
    const c = this.child;
    this.child = undefined;
    if (c === undefined) return;
    c.process.stdin?.end();
    c.process.kill('SIGKILL');
    await c.next();
  }

  private keep(text: string): void {
    if (this.printed.length < OUTPUT_CAP) this.printed = (this.printed + text).slice(0, OUTPUT_CAP);
  }

  /** The answer, with the CPU seconds the child used for it. */
  private async request(body: Request_body, limit: Limit): Promise<Answer & Cpu_used> {
    if (this.child === undefined) {
      const started = await this.start(this.opts.load_limit_s);
      if ('failure' in started) {
        const f = started.failure;
        return f.kind === 'build-error' ? { kind: 'crash', op: 0, message: `reloading: ${f.message}` } : f;
      }
    }
    const c = this.child!;
    const id = ++this.ids;
    c.last_op = 0;
    c.process.stdin!.write(`${JSON.stringify({ ...body, id })}\n`);
    const a = await this.until(c, limit, (l) => ('id' in l && l.id === id ? l.answer : undefined));
    if ('failure' in a) return a.failure;
    return { ...a.value, cpu_s: a.cpu_s };
  }

  /** A fresh child that has loaded the submission, or what went wrong. */
  private async start(limit_s: number): Promise<{ readonly child: Live_child } | { readonly failure: Open_failure }> {
    const args = ['--experimental-permission', '--allow-fs-read=*', `--max-old-space-size=${this.opts.memory_mb}`, '--no-warnings'];
    const process = spawn(globalThis.process.execPath, [...args, this.child_entry, this.module_url, String(this.opts.heap_limit)], { stdio: ['pipe', 'pipe', 'pipe', 'pipe'], env: CHILD_ENV });
    process.stdout!.on('data', (d: Buffer) => this.keep(d.toString()));
    process.stderr!.on('data', (d: Buffer) => {
      this.keep(d.toString());
      c.stderr_tail = (c.stderr_tail + d.toString()).slice(-4096);
    });
    process.stdin!.on('error', () => {});
    const lines = createInterface({ input: process.stdio[3] as Readable })[Symbol.asyncIterator]();
    const ended = new Promise<void>((done) => process.on('close', () => done()));
    const c: Live_child = {
      process,
      last_op: 0,
      stderr_tail: '',
      next: async () => {
        const r = await lines.next();
        if (!r.done) return JSON.parse(r.value) as Child_line;
        await ended;
        return undefined;
      },
    };
    const loaded = await this.until(c, { cpu_s: limit_s }, (l) => ('loaded' in l ? l : 'load_error' in l ? l : undefined));
    if ('failure' in loaded) return loaded;
    if ('load_error' in loaded.value) {
      process.kill('SIGKILL');
      return { failure: { kind: 'build-error', message: loaded.value.load_error } };
    }
    this.child = c;
    return { child: c };
  }

  /**
   * Read protocol lines until `pick` takes one, the child dies or uses up
   * `limit`. A dead or killed child is forgotten.
   */
  private async until<T>(c: Live_child, limit: Limit, pick: (l: Child_line) => T | undefined): Promise<{ readonly value: T; readonly cpu_s: number } | { readonly failure: Run_failure }> {
    const watch = new Cpu_watch(c.process.pid!, limit);
    try {
      for (;;) {
        const l = await Promise.race([c.next(), watch.ended]);
        if (l !== undefined && ('kind' in l)) {
          this.forget(c);
          return { failure: { kind: 'timeout', op: c.last_op, message: `${watch_text(l)}; killed during op ${c.last_op}` } };
        }
        if (l === undefined) {
          this.forget(c);
          return { failure: this.death(c) };
        }
        if ('progress' in l) c.last_op = l.progress;
        else if ('exiting' in l) c.last_op = l.exiting;
        const v = pick(l);
        if (v !== undefined) return { value: v, cpu_s: watch.used() };
      }
    } finally {
      watch.stop();
    }
  }

  private forget(c: Live_child): void {
    c.process.kill('SIGKILL');
    if (this.child === c) this.child = undefined;
  }

  private death(c: Live_child): Run_failure {
    const { exitCode, signalCode } = c.process;
    const how = signalCode !== null ? `signal ${signalCode}` : `exit code ${exitCode}`;
    if (OUT_OF_MEMORY.test(c.stderr_tail)) return { kind: 'memory', op: c.last_op, message: `heap limit of ${this.opts.memory_mb} MB reached (${how})` };
    return { kind: 'crash', op: c.last_op, message: `the submission ended the process (${how}) during op ${c.last_op}` };
  }
}
