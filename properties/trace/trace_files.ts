/**
 * Where the public malloc-lab traces are, and how a list of paths becomes
 * trace files. A path is a `.rep` file, a folder of them (searched
 * recursively), or a trace list: a `.txt` file that says which traces a course
 * holds students to, without editing trace folders:
 *
 *   # CS-OS 2026: the CMU set without its giant traces
 *   ../traces/malloclab/cmu-2016plus       a file or folder, relative to this file
 *   !syn-giant*                            drop the traces whose name, or path
 *   !cmu-2016plus/syn-largemem-short.rep   relative to this file, matches (* and ?)
 *
 * Blank lines and lines starting with # are comments. A trace named twice is
 * taken once.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { files_under } from '../files_under.ts';

/** `../shared/traces/malloclab` beside the repository. */
export const TRACES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/traces/malloclab');

const is_rep = (f: string) => f.endsWith('.rep');

/** `syn-giant*` as a whole-string regular expression: `*` any run of characters, `?` one. */
function glob(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/** The traces a trace list names; throws one line naming the list's file and line. */
function trace_list(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const here = dirname(file);
  const taken: string[] = [];
  const drops: { readonly line: number; readonly text: string; readonly re: RegExp; used: boolean }[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    if (line.startsWith('!')) {
      drops.push({ line: i + 1, text: line, re: glob(line.slice(1).trim()), used: false });
      return;
    }
    const { files, missing } = files_under([resolve(here, line)], is_rep, true);
    if (missing.length > 0) throw new Error(`${file}:${i + 1}: ${line}: no such file or directory`);
    taken.push(...files);
  });
  const kept = taken.filter((f) => {
    const hit = drops.filter((d) => d.re.test(basename(f)) || d.re.test(relative(here, f)));
    for (const d of hit) d.used = true;
    return hit.length === 0;
  });
  const unused = drops.find((d) => !d.used);
  if (unused !== undefined) throw new Error(`${file}:${unused.line}: ${unused.text} drops no trace`);
  return kept;
}

/**
 * Every trace under each path, in order, sorted within a folder, each once. A
 * path that does not exist, or a trace list with a bad line, throws one line
 * naming it.
 */
export function trace_files(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let list = false;
    try {
      list = p.endsWith('.txt') && statSync(p).isFile();
    } catch {
      throw new Error(`${p}: no such file or directory`);
    }
    if (list) out.push(...trace_list(p));
    else {
      const { files, missing } = files_under([p], is_rep, true);
      if (missing.length > 0) throw new Error(`${missing[0]}: no such file or directory`);
      out.push(...files);
    }
  }
  return [...new Set(out)];
}
