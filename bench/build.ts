/**
 * Build steps the benchmarks run themselves, into the gitignored `bench/.build/`:
 * nothing is committed, nothing is fetched. A step reruns only when an input is
 * newer than its output.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const BUILD_DIR = join(BENCH_DIR, '.build');

/**
 * The path of `out` under BUILD_DIR, first (re)made by `command ...args(path)`
 * unless it is newer than every input. A failed step throws.
 */
export function build(out: string, inputs: readonly string[], command: string, args: (path: string) => string[]): string {
  const path = resolve(BUILD_DIR, out);
  const fresh = existsSync(path) && inputs.every((i) => statSync(i).mtimeMs <= statSync(path).mtimeMs);
  if (!fresh) {
    mkdirSync(BUILD_DIR, { recursive: true });
    execFileSync(command, args(path), { stdio: ['ignore', 'inherit', 'inherit'] });
  }
  return path;
}
