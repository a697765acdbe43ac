/** Where the public malloc-lab traces are, and how a list of paths becomes trace files. */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { files_under } from '../files_under.ts';

/** `../shared/traces/malloclab` beside the repository. */
export const TRACES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/traces/malloclab');

/**
 * Every `.rep` file under each path (a file is taken as it is), sorted within a
 * directory. A path that does not exist throws one line naming it.
 */
export function trace_files(paths: readonly string[]): string[] {
  const { files, missing } = files_under(paths, (f) => f.endsWith('.rep'), true);
  if (missing.length > 0) throw new Error(`${missing[0]}: no such file or directory`);
  return files;
}
