/**
 * A runner for a submission file, told apart by its extension (and, for C, by
 * what it defines), with the reference allocator its throughput is measured
 * against. Opening never throws for what the submission is: a file that cannot
 * run is an Open_failure.
 */
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Runner, Submission_kind } from './runner.ts';
import { type Open_failure, Ts_runner } from './ts_runner.ts';

const HERE = dirname(fileURLToPath(import.meta.url));

/** l4check's optimized allocator, run as a TypeScript submission: the reference for throughput. */
export const TS_REFERENCE = join(HERE, 'reference', 'impl.ts');
/** l4check's obviously right allocator, run as a TypeScript submission. */
export const TS_MODEL = join(HERE, 'reference', 'model.ts');

export interface Opened {
  readonly kind: Submission_kind;
  readonly runner: Runner;
  /** Opens the reference allocator for this kind. */
  readonly reference: () => Promise<Runner | Open_failure>;
}

export function kind_of_extension(file: string): Submission_kind | undefined {
  const ext = extname(file);
  if (ext === '.ts' || ext === '.js' || ext === '.mjs') return 'ts';
  return undefined;
}

export async function open_runner(file: string, memory_mb: number): Promise<Opened | Open_failure> {
  if (kind_of_extension(file) !== 'ts') return { kind: 'build-error', message: `${extname(file) || 'no extension'}: not a submission l4check can run` };
  const opts = { memory_mb, load_limit_s: 30 };
  const runner = await Ts_runner.open(file, opts);
  if (!(runner instanceof Ts_runner)) return runner;
  return { kind: 'ts', runner, reference: () => Ts_runner.open(TS_REFERENCE, opts) };
}
