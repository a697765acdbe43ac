/**
 * Which l4check graded: a hash of every source that can change a verdict or a
 * score (the grader, its native driver and shim, the checks and trace reader,
 * the worlds and reference allocators). A stored result of another version is
 * stale, so a resumed class run never mixes results of two graders.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = ['grader', 'properties', 'impl', 'model', 'l4re'];
const SOURCE = /\.(?:ts|c|h)$/;

let version: string | undefined;

export function grader_version(): string {
  if (version !== undefined) return version;
  const h = createHash('sha256');
  for (const dir of SOURCES) {
    const files = readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => SOURCE.test(f) && !f.endsWith('.test.ts'))
      .sort();
    for (const f of files) h.update(`${dir}/${f}\0`).update(readFileSync(join(ROOT, dir, f)));
  }
  version = h.digest('hex');
  return version;
}
