/**
 * A runner for a submission file, told apart by its extension (and, for C, by
 * what it defines: grader/build.ts), or for one of l4check's own TypeScript
 * allocators by name (`impl`, `model`), with the reference allocator its
 * throughput and time limits are measured against: impl for TypeScript,
 * glibc for C. Opening never throws for what the submission is: a file that
 * cannot run is an Open_failure.
 */
import { extname } from 'node:path';
import { GLIBC_REFERENCE, NATIVE_EXTENSIONS, build_native } from './build.ts';
import { Native_runner } from './native_runner.ts';
import type { Open_reference } from './references.ts';
import type { Runner, Submission_kind } from './runner.ts';
import { SUBMISSION_EXTENSIONS } from './submissions.ts';
import type { Built_in } from './ts_protocol.ts';
import { type Open_failure, TS_DEFAULTS, Ts_runner } from './ts_runner.ts';

export interface Opened {
  readonly kind: Submission_kind;
  readonly runner: Runner;
  /** Opens the reference allocator for this kind. */
  readonly reference: Open_reference;
  /** C kinds: runners of the submission's and the reference's drivers that count instructions (`--throughput instructions`). */
  readonly counting?: { readonly runner: () => Runner; readonly reference: Open_reference };
}

/** What every kind of runner is given. */
export interface Open_options {
  /** The V8 heap limit of a TypeScript runner. */
  readonly memory_mb: number;
  /** What the allocator's environment may hand out: memlib's heap, the shim's or the world's quota. */
  readonly heap_limit: number;
}

export const OPEN_DEFAULTS: Open_options = { memory_mb: TS_DEFAULTS.memory_mb, heap_limit: TS_DEFAULTS.heap_limit };

/** A C or C++ file's driver, built (cached by build.ts); its kind comes from what the source defines. */
function open_native(file: string, heap_limit: number): Native_runner | Open_failure {
  const b = build_native(file);
  return b.ok ? new Native_runner(b.kind, b.exe, { heap_limit }) : { kind: 'build-error', message: b.error };
}

export async function open_runner(file: string | Built_in, o: Open_options = OPEN_DEFAULTS): Promise<Opened | Open_failure> {
  const ext = file === 'impl' || file === 'model' ? '.ts' : extname(file);
  if (NATIVE_EXTENSIONS.includes(ext)) {
    const runner = open_native(file, o.heap_limit);
    if (!(runner instanceof Native_runner)) return runner;
    const reference = async () => open_native(GLIBC_REFERENCE, o.heap_limit);
    const counting_reference = async () => {
      const r = await reference();
      return r instanceof Native_runner ? r.counting() : r;
    };
    return { kind: runner.kind, runner, reference, counting: { runner: () => runner.counting(), reference: counting_reference } };
  }
  if (ext !== '.ts' && ext !== '.js' && ext !== '.mjs') return { kind: 'build-error', message: `${ext || 'no extension'}: not a submission l4check can run (${SUBMISSION_EXTENSIONS.join(', ')})` };
  const opts = { ...TS_DEFAULTS, ...o };
  const runner = await Ts_runner.open(file, opts);
  if (!(runner instanceof Ts_runner)) return runner;
  return { kind: 'ts', runner, reference: () => Ts_runner.open('impl', opts) };
}
