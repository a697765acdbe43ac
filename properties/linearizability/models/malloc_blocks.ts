/**
 * An allocator as its callers see it: the live blocks. malloc(n) may give 0
 * (refused, nothing changes) or any block of max(n, 1) bytes that overlaps no
 * live block; free(p) of a live block frees it and gives 0; free(0) gives 0;
 * free of anything else gives -L4_EINVAL and changes nothing. realloc(p, n)
 * of a live block may give 0 (refused, p stays) or, in one step, free p and
 * take a block of max(n, 1) bytes overlapping no other live block (p itself
 * if it stays in place); realloc(0, n) is malloc(n) and realloc(p, 0) is
 * free(p); realloc of a p that is not live gives -L4_EINVAL.
 *
 * A malloc or realloc whose output does not count (pending or weakened) may
 * hold a block nobody knows the address of: it is unplaced. A free(p) -> 0 or
 * realloc(p, n) of a p that is not live may be that of an unplaced block, and
 * an unplaced block constrains no malloc. That allows all that any one address
 * would, and more (never a false alarm, some bugs missed only around pending
 * mallocs).
 *
 * Partitioned by block: operations whose bytes overlap, directly or through
 * others, form one part (malloc(n) -> p touches [p, p + max(n, 1)), free(p)
 * touches p, realloc(p, n) -> q both); every other operation changes nothing
 * (part `no block`). No operation's result depends on a block outside its
 * part, unless the history has a pending malloc or realloc, whose block may be
 * anywhere: then it is one part.
 */
import { L4_EINVAL, l4_err_name } from '../../../l4re/err.ts';
import { hex } from '../../../l4re/hex.ts';
import { type History, type Operation, PENDING, type Pending } from '../history.ts';
import type { Part, Sequential_model, Step } from '../model.ts';

export type Malloc_input =
  | { readonly op: 'malloc'; readonly size: number }
  | { readonly op: 'free'; readonly ptr: number }
  | { readonly op: 'realloc'; readonly ptr: number; readonly size: number };
/** malloc: the block or 0; free: 0 or -L4_EINVAL; realloc: the block, 0 or -L4_EINVAL. */
export type Malloc_output = number;

/** A live block: `[ptr, ptr + bytes)`. */
export interface Block {
  readonly ptr: number;
  readonly bytes: number;
}

/** Invariant: live blocks never overlap, sorted by ptr. */
export interface Heap_state {
  readonly live: readonly Block[];
  readonly unplaced: number;
}

type Malloc_op = Operation<Malloc_input, Malloc_output>;

/** The bytes an operation touches: none for one that changes nothing. */
function spans(op: Malloc_op): Block[] {
  const out = op.response?.output;
  const taken = out === undefined || out <= 0 || op.input.op === 'free' ? [] : [{ ptr: out, bytes: Math.max(op.input.size, 1) }];
  return op.input.op === 'malloc' || op.input.ptr === 0 ? taken : [{ ptr: op.input.ptr, bytes: 1 }, ...taken];
}

function overlap(a: Block, b: Block): boolean {
  return a.ptr < b.ptr + b.bytes && b.ptr < a.ptr + a.bytes;
}

/** Ranges of overlapping spans, joined into one part when an operation (a realloc that moved) touches two. */
function by_block(history: History<Malloc_input, Malloc_output>): Part<Malloc_input, Malloc_output>[] {
  if (history.some((op) => op.response === undefined && op.input.op !== 'free')) return [{ name: 'all (a pending malloc)', history }];
  const spanned = history.flatMap((op) => spans(op).map((s) => ({ op, s })));
  spanned.sort((a, b) => a.s.ptr - b.s.ptr);
  const ranges: { lo: number; hi: number }[] = [];
  /** Union-find over ranges: joined[r] leads towards r's representative. */
  const joined: number[] = [];
  const root = (r: number): number => (joined[r] === r ? r : (joined[r] = root(joined[r]!)));
  const range_of = new Map<Malloc_op, number>();
  for (const { op, s } of spanned) {
    const last = ranges.at(-1);
    if (last !== undefined && s.ptr < last.hi) last.hi = Math.max(last.hi, s.ptr + s.bytes);
    else joined.push(ranges.push({ lo: s.ptr, hi: s.ptr + s.bytes }) - 1);
    const seen = range_of.get(op);
    if (seen === undefined) range_of.set(op, ranges.length - 1);
    else joined[root(ranges.length - 1)] = root(seen);
  }
  const parts = new Map<number, { names: string[]; history: Malloc_op[] }>();
  ranges.forEach((g, r) => {
    const part = parts.get(root(r)) ?? { names: [], history: [] };
    part.names.push(`[${hex(g.lo)}, ${hex(g.hi)})`);
    parts.set(root(r), part);
  });
  const rest: Malloc_op[] = [];
  for (const op of history) {
    const r = range_of.get(op);
    if (r === undefined) rest.push(op);
    else parts.get(root(r))!.history.push(op);
  }
  const name = (ranges: string[]) => (ranges.length <= 2 ? ranges.join(' and ') : `${ranges[0]} and ${ranges.length - 1} more ranges`);
  const named = [...parts.values()].map((p) => ({ name: `blocks in ${name(p.names)}`, history: p.history }));
  return rest.length === 0 ? named : [...named, { name: 'no block', history: rest }];
}

function malloc(heap: Heap_state, size: number, output: Malloc_output | Pending): Step<Heap_state> {
  if (output === PENDING) return { ok: true, next: { ...heap, unplaced: heap.unplaced + 1 } };
  if (output === 0) return { ok: true, next: heap };
  const b = { ptr: output, bytes: Math.max(size, 1) };
  const live = [...heap.live, b].sort((x, y) => x.ptr - y.ptr);
  return { ok: output > 0 && !heap.live.some((l) => overlap(l, b)), next: { ...heap, live } };
}

function free(heap: Heap_state, ptr: number, output: Malloc_output | Pending): Step<Heap_state> {
  const at = heap.live.findIndex((l) => l.ptr === ptr);
  if (at >= 0) return { ok: output === PENDING || output === 0, next: { ...heap, live: heap.live.filter((_, i) => i !== at) } };
  if (ptr !== 0 && heap.unplaced > 0 && output === 0) return { ok: true, next: { ...heap, unplaced: heap.unplaced - 1 } };
  return { ok: output === PENDING || output === (ptr === 0 ? 0 : -L4_EINVAL), next: heap };
}

/** realloc(ptr, size) of a ptr that is not 0, to a size that is not 0. */
function realloc(heap: Heap_state, ptr: number, size: number, output: Malloc_output | Pending): Step<Heap_state> {
  const others = heap.live.filter((l) => l.ptr !== ptr);
  const live = others.length < heap.live.length;
  if (!live && (heap.unplaced === 0 || output === -L4_EINVAL)) return { ok: output === PENDING || output === -L4_EINVAL, next: heap };
  if (output === 0) return { ok: true, next: heap };
  const unplaced = live ? heap.unplaced : heap.unplaced - 1;
  if (output === PENDING) return { ok: true, next: { live: others, unplaced: unplaced + 1 } };
  const b = { ptr: output, bytes: Math.max(size, 1) };
  return { ok: output > 0 && !others.some((l) => overlap(l, b)), next: { live: [...others, b].sort((x, y) => x.ptr - y.ptr), unplaced } };
}

function step(heap: Heap_state, input: Malloc_input, output: Malloc_output | Pending): Step<Heap_state> {
  if (input.op === 'malloc' || (input.op === 'realloc' && input.ptr === 0)) return malloc(heap, input.size, output);
  if (input.op === 'free' || input.size === 0) return free(heap, input.ptr, output);
  return realloc(heap, input.ptr, input.size, output);
}

function show_input(input: Malloc_input): string {
  if (input.op === 'malloc') return `malloc(${input.size})`;
  return input.op === 'free' ? `free(${hex(input.ptr)})` : `realloc(${hex(input.ptr)}, ${input.size})`;
}

export const malloc_blocks_model: Sequential_model<Heap_state, Malloc_input, Malloc_output> = {
  init: () => ({ live: [], unplaced: 0 }),
  step,
  key: (heap) => `${heap.unplaced}|${heap.live.map((b) => `${b.ptr}:${b.bytes}`).join(',')}`,
  partition: by_block,
  show_input,
  show_output: (output) => (output > 0 ? hex(output) : l4_err_name(output)),
};
