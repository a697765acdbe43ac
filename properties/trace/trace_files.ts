/** Where the public malloc-lab traces are, and how a list of paths becomes trace files. */
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `../shared/traces/malloclab` beside the repository. */
export const TRACES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/traces/malloclab');

/**
 * Every `.rep` file under each path (a file is taken as it is), sorted within a
 * directory. A path that does not exist throws one line naming it.
 */
export function trace_files(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let dir: boolean;
    try {
      dir = statSync(p).isDirectory();
    } catch {
      throw new Error(`${p}: no such file or directory`);
    }
    if (!dir) {
      out.push(p);
      continue;
    }
    const found = (readdirSync(p, { recursive: true }) as string[]).filter((f) => f.endsWith('.rep')).sort();
    out.push(...found.map((f) => join(p, f)));
  }
  return out;
}
