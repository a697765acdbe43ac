/** Files named on a command line: a file is taken as it is, a folder gives its files that `keep` accepts. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The files under `paths`, each folder's sorted (searched recursively when
 * `recursive`), and the paths that do not exist.
 */
export function files_under(
  paths: readonly string[],
  keep: (name: string) => boolean,
  recursive: boolean,
): { readonly files: string[]; readonly missing: string[] } {
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
    else files.push(...(readdirSync(p, { recursive }) as string[]).filter(keep).sort().map((f) => join(p, f)));
  }
  return { files, missing };
}
