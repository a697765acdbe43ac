/**
 * The build step of a TypeScript submission: esbuild bundles it (and whatever
 * it imports, l4check's own modules included) into one plain ES module, and
 * the runner's child entry likewise. The child then needs no loader: under
 * Node 20's permission model tsx cannot run, since module.register starts a
 * worker thread, which the model forbids.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const CHILD_ENTRY = join(dirname(fileURLToPath(import.meta.url)), 'ts_child.ts');

/** One folder per grader process; bundles are keyed by their source path. */
let out_dir: string | undefined;
function output_dir(): string {
  out_dir ??= mkdtempSync(join(tmpdir(), 'l4check-ts-'));
  return out_dir;
}

function name_for(file: string): string {
  return `${createHash('sha256').update(resolve(file)).digest('hex').slice(0, 16)}.mjs`;
}

/** The bundle's path, or the first error esbuild reports, as `file:line: text`. */
async function bundle(entry: string, outfile: string): Promise<{ readonly path: string } | { readonly error: string }> {
  try {
    await build({ entryPoints: [entry], outfile, bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'silent' });
    return { path: outfile };
  } catch (e) {
    const first = (e as { errors?: { text: string; location?: { file: string; line: number } | null }[] }).errors?.[0];
    if (first === undefined) return { error: (e as Error).message.split('\n')[0]! };
    return { error: first.location ? `${first.location.file}:${first.location.line}: ${first.text}` : first.text };
  }
}

let child: Promise<string> | undefined;

/** The child entry, bundled once per grader process. */
export function child_bundle(): Promise<string> {
  child ??= bundle(CHILD_ENTRY, join(output_dir(), 'ts_child.mjs')).then((r) => {
    if ('error' in r) throw new Error(`grader/ts_child.ts does not build: ${r.error}`);
    return r.path;
  });
  return child;
}

export function submission_bundle(file: string): Promise<{ readonly path: string } | { readonly error: string }> {
  const dir = join(output_dir(), 'submissions');
  mkdirSync(dir, { recursive: true });
  return bundle(resolve(file), join(dir, name_for(file)));
}
