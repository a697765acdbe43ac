/**
 * The submissions under the paths given to `l4check grade`: a file is taken as
 * it is, a folder gives each of its own files with a submission extension.
 */
import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';

export const SUBMISSION_EXTENSIONS = ['.ts', '.js', '.mjs', '.c'];

/** The submission files (each folder's sorted) and the paths that do not exist. */
export function submission_files(paths: readonly string[]): { readonly files: string[]; readonly missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  for (const p of paths) {
    let dir: boolean;
    try {
      dir = statSync(p).isDirectory();
    } catch {
      missing.push(p);
      continue;
    }
    if (!dir) files.push(p);
    else files.push(...readdirSync(p).filter((f) => SUBMISSION_EXTENSIONS.includes(extname(f)) && !f.endsWith('.d.ts')).sort().map((f) => join(p, f)));
  }
  return { files, missing };
}
