/**
 * malloc-lab trace files (`.rep`), in the three header formats mdriver used:
 *
 *   classic (CS:APP 2002)   heap size   ids   ops   weight
 *   2004–2015 (Autolab)     weight      ids   ops   ignore-ranges flag (0/1)
 *   2016+ (CMU 15-213)      weight      ids   ops   peak payload bytes
 *
 * then one op a line: `a id size` (ptr[id] = malloc(size)), `f id` (free(ptr[id]);
 * id -1 is free(NULL)), `r id size` (ptr[id] = realloc(ptr[id], size)).
 *
 * Telling the formats apart: a fourth field above 1 can only be a peak (2016+);
 * otherwise a first field above MAX_WEIGHT can only be a heap size (classic);
 * otherwise it is a weight (2004–2015).
 *
 * Where mdriver's fscanf reading is lenient, so is this reader, and says so in
 * `warnings`: ops after the header's count are ignored, and `a id` without a
 * size takes the size of the request before it (alaska.rep relies on both).
 */
import { readFileSync } from 'node:fs';

export type Trace_format = 'classic' | '2004-2015' | '2016+';

/** Weights are 0 (ignored in scoring) … 3 in every published trace. */
export const MAX_WEIGHT = 3;

export type Trace_op =
  | { readonly kind: 'a'; readonly id: number; readonly size: number; readonly line: number }
  | { readonly kind: 'f'; readonly id: number; readonly line: number }
  | { readonly kind: 'r'; readonly id: number; readonly size: number; readonly line: number };

export interface Trace {
  readonly file: string;
  readonly format: Trace_format;
  readonly weight: number;
  readonly num_ids: number;
  readonly ops: readonly Trace_op[];
  /** classic only: the suggested heap size. */
  readonly heap_size?: number;
  /** 2016+ only: the peak live payload the header states. */
  readonly peak_bytes?: number;
  readonly warnings: readonly string[];
}

/** A malformed trace: `file:line: what`, one line. */
export class Trace_error extends Error {
  override readonly name = 'Trace_error';

  constructor(
    readonly file: string,
    readonly line: number,
    what: string,
  ) {
    super(`${file}:${line}: ${what}`);
  }
}

const INTEGER = /^-?\d+$/;

/**
 * An integer token. Sizes and header fields may exceed 2^53 (the syn-giant*
 * traces): they are kept approximately, which is exact enough to know they do
 * not fit any address space. Ids must be exact.
 */
function integer(file: string, line: number, token: string | undefined, what: string, exact = false): number {
  if (token === undefined) throw new Trace_error(file, line, `missing ${what}`);
  if (!INTEGER.test(token)) throw new Trace_error(file, line, `${what} ${JSON.stringify(token)} is not an integer`);
  const n = Number(token);
  if (exact && !Number.isSafeInteger(n)) throw new Trace_error(file, line, `${what} ${token} is too large`);
  return n;
}

/** Lenient readings, each reported once with how often it happened. */
class Leniency {
  private readonly seen = new Map<string, { first: number; count: number }>();

  note(what: string, line: number): void {
    const s = this.seen.get(what);
    if (s) s.count++;
    else this.seen.set(what, { first: line, count: 1 });
  }

  warnings(file: string): string[] {
    return [...this.seen].map(([what, s]) => `${file}:${s.first}: ${what}${s.count > 1 ? ` (${s.count} lines)` : ''}`);
  }
}

function format_of(f1: number, f4: number): Trace_format {
  if (f4 > 1) return '2016+';
  if (f1 > MAX_WEIGHT) return 'classic';
  return '2004-2015';
}

export function parse_trace(text: string, file: string): Trace {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const header: number[] = [];
  let at = 0;
  while (header.length < 4) {
    if (at >= lines.length) throw new Trace_error(file, at, `header has ${header.length} of 4 numbers`);
    const t = lines[at]!.trim();
    at++;
    if (t === '') continue;
    const [token, extra] = t.split(/\s+/);
    if (extra !== undefined) throw new Trace_error(file, at, `header line holds more than one number: ${JSON.stringify(t)}`);
    header.push(integer(file, at, token, 'header field', header.length === 1 || header.length === 2));
  }
  const [f1, num_ids, num_ops, f4] = header as [number, number, number, number];
  if (num_ids < 0) throw new Trace_error(file, 2, `number of ids ${num_ids} is negative`);
  if (num_ops < 0) throw new Trace_error(file, 3, `number of ops ${num_ops} is negative`);
  const format = format_of(f1, f4);
  const lenient = new Leniency();
  const ops: Trace_op[] = [];
  let last_size = -1;
  for (; at < lines.length; at++) {
    const t = lines[at]!.trim();
    if (t === '') continue;
    const line = at + 1;
    if (ops.length === num_ops) {
      lenient.note(`ops past the header's count of ${num_ops} are ignored, as mdriver does`, line);
      break;
    }
    const [kind, id_token, size_token, extra] = t.split(/\s+/);
    if (extra !== undefined) throw new Trace_error(file, line, `too many fields in ${JSON.stringify(t)}`);
    const id = integer(file, line, id_token, 'id', true);
    if (kind === 'f') {
      if (size_token !== undefined) throw new Trace_error(file, line, `free takes no size: ${JSON.stringify(t)}`);
      if (id < -1 || id >= num_ids) throw new Trace_error(file, line, `id ${id} outside 0..${num_ids - 1}`);
      ops.push({ kind, id, line });
      continue;
    }
    if (kind !== 'a' && kind !== 'r') throw new Trace_error(file, line, `unknown op ${JSON.stringify(kind)} (want a, f or r)`);
    if (id < 0 || id >= num_ids) throw new Trace_error(file, line, `id ${id} outside 0..${num_ids - 1}`);
    let size: number;
    if (size_token === undefined && kind === 'a' && last_size >= 0) {
      size = last_size;
      lenient.note('`a id` without a size takes the previous size, as mdriver reads it', line);
    } else {
      size = integer(file, line, size_token, 'size');
      if (size < 0) throw new Trace_error(file, line, `size ${size} is negative`);
    }
    last_size = size;
    ops.push({ kind, id, size, line });
  }
  if (ops.length < num_ops) throw new Trace_error(file, lines.length, `header promises ${num_ops} ops, the file has ${ops.length}`);
  return {
    file,
    format,
    weight: format === 'classic' ? f4 : f1,
    num_ids,
    ops,
    ...(format === 'classic' ? { heap_size: f1 } : {}),
    ...(format === '2016+' ? { peak_bytes: f4 } : {}),
    warnings: lenient.warnings(file),
  };
}

export function read_trace(file: string): Trace {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Trace_error(file, 0, `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parse_trace(text, file);
}
