/**
 * Counterexample files: one JSON file per finding, self-contained, so that
 * `l4check replay FILE` re-runs it on any machine and a copy in fuzz/corpus/
 * stays a regression test. A grade finding also gets its program as a `.rep`
 * file beside it, for mdriver-style tools.
 *
 *   { "l4check": "counterexample", "target", "property", "seed", "path", "found",
 *     "failure", "transcript": [one call a line], "program": {kind, ...} }
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLIENTS } from '../properties/world_property.ts';
import type { Saved_program } from './saved_program.ts';
import type { Finding } from './targets.ts';

export interface Counterexample extends Finding {
  readonly l4check: 'counterexample';
  readonly target: string;
  /** When it was found, ISO 8601. */
  readonly found: string;
}

const KINDS: ReadonlySet<string> = new Set<Saved_program['kind']>(['world', 'alloc', 'grade']);

/** A world client's name, as the transcript and failures show it. */
const CLIENT_NAME = new RegExp(`\\b(?:${CLIENTS.join('|')})\\b`, 'g');

/**
 * What makes two findings the same bug: the target and the failure's first
 * line with its numbers and client names blurred (addresses, sizes, block
 * names and who called differ from run to run).
 */
export function signature(target: string, failure: string): string {
  return `${target}: ${failure.split('\n')[0]!.replace(/0x[0-9a-f]+|\d+/gi, 'N').replace(CLIENT_NAME, 'C')}`;
}

/** Indented JSON with each command on one line. */
function counterexample_text(c: Counterexample): string {
  const inline: string[] = [];
  const p = c.program;
  const marked = p.kind === 'grade' ? c : { ...c, program: { ...p, commands: p.commands.map((d) => `\u0000${inline.push(JSON.stringify(d)) - 1}`) } };
  return JSON.stringify(marked, null, 2).replace(/"\\u0000(\d+)"/g, (_, i: string) => inline[Number(i)]!);
}

/** Writes `c` to DIR/NAME.json (and NAME.rep for a grade finding); returns the JSON file's path. */
export function write_counterexample(dir: string, name: string, c: Counterexample): string {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, `${counterexample_text(c)}\n`);
  if (c.program.kind === 'grade') writeFileSync(join(dir, `${name}.rep`), c.program.trace);
  return file;
}

/** The counterexample in `file`; throws an Error starting with the file's name if it is not one. */
export function read_counterexample(file: string): Counterexample {
  let v: unknown;
  try {
    v = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`);
  }
  const c = v as Partial<Counterexample> | null;
  if (c === null || typeof c !== 'object' || c.l4check !== 'counterexample') throw new Error(`${file}: not an l4check counterexample (no "l4check": "counterexample")`);
  const p = c.program as { kind?: unknown } | undefined;
  if (p === undefined || typeof p !== 'object' || !KINDS.has(String(p.kind))) {
    throw new Error(`${file}: "program" must be an object whose "kind" is one of ${[...KINDS].join(', ')}`);
  }
  return c as Counterexample;
}
