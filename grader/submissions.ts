/**
 * The submissions under the paths given to `l4check grade`: a file is taken as
 * it is, a folder gives each of its own files with a submission extension.
 */
import { extname } from 'node:path';
import { files_under } from '../properties/files_under.ts';
import { NATIVE_EXTENSIONS } from './build.ts';

export const SUBMISSION_EXTENSIONS = ['.ts', '.js', '.mjs', ...NATIVE_EXTENSIONS];

/** The submission files (each folder's sorted) and the paths that do not exist. */
export function submission_files(paths: readonly string[]): { readonly files: string[]; readonly missing: string[] } {
  return files_under(paths, (f) => SUBMISSION_EXTENSIONS.includes(extname(f)) && !f.endsWith('.d.ts'), false);
}
