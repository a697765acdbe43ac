/**
 * A named property with what it must do — hold, or be refuted (an attack on the
 * poor man's design, a planted bug) — and the plain-data result of running it,
 * for the verify table and the reporters.
 */
import fc from 'fast-check';
import { Program_failure, executed } from './program.ts';

export interface Check {
  readonly name: string;
  /** `holds`: no counterexample may exist; `refuted`: the harness must find one. */
  readonly expect: 'holds' | 'refuted';
  /** Properties of any argument tuple; `false`: synchronous. */
  readonly property: () => fc.IRawProperty<any, false>;
  /** Runs in `npm run verify`. */
  readonly runs: number;
}

/**
 * A Check whose property is asynchronous: its runs await fast-check's
 * scheduler (the interleaving property). run_async_check runs it.
 */
export interface Async_check extends Omit<Check, 'property'> {
  readonly property: () => fc.IRawProperty<any, true>;
}

export interface Check_result {
  readonly name: string;
  readonly expect: 'holds' | 'refuted';
  readonly ok: boolean;
  readonly runs: number;
  readonly commands: number;
  readonly ms: number;
  readonly seed: number;
  /** Set when a counterexample was found. */
  readonly counterexample?: {
    readonly path: string;
    readonly error: string;
    /** The shrunk program, one call per line. */
    readonly program: readonly string[];
  };
}

export interface Run_options {
  readonly seed: number;
  readonly runs?: number;
  readonly path?: string;
}

export function run_check(check: Check, opts: Run_options): Check_result {
  const start = { commands: executed.commands, t0: performance.now() };
  return result_of(check, opts, start, fc.check(check.property(), parameters(check, opts)));
}

/** run_check for a check of either kind: an Async_check's runs are awaited. */
export async function run_async_check(check: Check | Async_check, opts: Run_options): Promise<Check_result> {
  const start = { commands: executed.commands, t0: performance.now() };
  const property: fc.IRawProperty<unknown, boolean> = check.property();
  return result_of(check, opts, start, await fc.check(property, parameters(check, opts)));
}

function parameters(check: Check | Async_check, opts: Run_options): fc.Parameters<unknown> {
  return { seed: opts.seed, numRuns: opts.runs ?? check.runs, ...(opts.path === undefined ? {} : { path: opts.path }) };
}

/** The plain-data result of a run of `check` that began at `start`. */
function result_of(
  check: Check | Async_check,
  opts: Run_options,
  start: { readonly commands: number; readonly t0: number },
  details: fc.RunDetails<unknown>,
): Check_result {
  const ms = performance.now() - start.t0;
  const failed = details.failed;
  const base = {
    name: check.name,
    expect: check.expect,
    ok: failed === (check.expect === 'refuted'),
    runs: details.numRuns,
    commands: executed.commands - start.commands,
    ms,
    seed: opts.seed,
  };
  if (!failed) return base;
  const e = details.errorInstance;
  return {
    ...base,
    counterexample: {
      path: details.counterexamplePath ?? '',
      error: e instanceof Program_failure ? `${e.cause.name}: ${e.cause.message}` : String(e),
      program: e instanceof Program_failure ? e.transcript : [String(details.counterexample)],
    },
  };
}

/** The calls in a transcript: its lines but the comments (`// teardown`). */
export function call_count(transcript: readonly string[]): number {
  return transcript.filter((l) => !l.startsWith('//')).length;
}

/** The shrunk program of a result, one call per line, with the command that replays it. */
export function describe_counterexample(r: Check_result): string {
  const c = r.counterexample;
  if (c === undefined) return `${r.name}: no counterexample`;
  return [
    `${r.name}:`,
    `  ${c.error.split('\n')[0]}`,
    ...c.program.map((l) => `    ${l}`),
    `  replay: npm run verify -- --only ${JSON.stringify(r.name)} --seed ${r.seed} --path ${JSON.stringify(c.path)}`,
  ].join('\n');
}
