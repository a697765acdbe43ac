/**
 * An allocator as its callers see it: the live blocks. malloc(n) may give 0
 * (refused, nothing changes) or any block of max(n, 1) bytes that overlaps no
 * live block; free(p) of a live block frees it and gives 0; free(0) gives 0;
 * free of anything else gives -L4_EINVAL and changes nothing.
 *
 * A malloc whose output does not count (pending or weakened) may hold a block
 * nobody knows the address of: it is unplaced. A free(p) -> 0 of a p that is
 * not live may be the free of an unplaced block, and an unplaced block
 * constrains no malloc. That allows all that any one address would, and more
 * (never a false alarm, some bugs missed only around pending mallocs).
 *
 * Partitioned by block: operations whose bytes overlap, directly or through
 * others, form one part (malloc(n) -> p touches [p, p + max(n, 1)), free(p)
 * touches p); every other operation changes nothing (part `no block`). No
 * operation's result depends on a block outside its part, unless the history
 * has a pending malloc, whose block may be anywhere: then it is one part.
 */
import { L4_EINVAL, l4_err_name } from '../../../l4re/err.ts';
import { hex } from '../../../l4re/hex.ts';
import { type History, type Operation, PENDING, type Pending } from '../history.ts';
import type { Part, Sequential_model, Step } from '../model.ts';

export type Malloc_input = { readonly op: 'malloc'; readonly size: number } | { readonly op: 'free'; readonly ptr: number };
/** malloc: the block or 0; free: 0 or -L4_EINVAL. */
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

/** The bytes an operation touches, or null for one that changes nothing. */
function span(op: Malloc_op): Block | null {
  const out = op.response?.output;
  if (op.input.op === 'malloc') return out === undefined || out === 0 ? null : { ptr: out, bytes: Math.max(op.input.size, 1) };
  return op.input.ptr === 0 ? null : { ptr: op.input.ptr, bytes: 1 };
}

function overlap(a: Block, b: Block): boolean {
  return a.ptr < b.ptr + b.bytes && b.ptr < a.ptr + a.bytes;
}

function by_block(history: History<Malloc_input, Malloc_output>): Part<Malloc_input, Malloc_output>[] {
  if (history.some((op) => op.input.op === 'malloc' && op.response === undefined)) return [{ name: 'all (a pending malloc)', history }];
  const spanned = history.flatMap((op) => {
    const s = span(op);
    return s === null ? [] : [{ op, s }];
  });
  spanned.sort((a, b) => a.s.ptr - b.s.ptr);
  const groups: { lo: number; hi: number; ops: Malloc_op[] }[] = [];
  for (const { op, s } of spanned) {
    const last = groups.at(-1);
    if (last !== undefined && s.ptr < last.hi) {
      last.hi = Math.max(last.hi, s.ptr + s.bytes);
      last.ops.push(op);
    } else groups.push({ lo: s.ptr, hi: s.ptr + s.bytes, ops: [op] });
  }
  const parts = groups.map((g) => ({ name: `blocks in [${hex(g.lo)}, ${hex(g.hi)})`, history: g.ops }));
  const rest = history.filter((op) => span(op) === null);
  return rest.length === 0 ? parts : [...parts, { name: 'no block', history: rest }];
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

export const malloc_blocks_model: Sequential_model<Heap_state, Malloc_input, Malloc_output> = {
  init: () => ({ live: [], unplaced: 0 }),
  step: (heap, input, output) => (input.op === 'malloc' ? malloc(heap, input.size, output) : free(heap, input.ptr, output)),
  key: (heap) => `${heap.unplaced}|${heap.live.map((b) => `${b.ptr}:${b.bytes}`).join(',')}`,
  partition: by_block,
  show_input: (input) => (input.op === 'malloc' ? `malloc(${input.size})` : `free(${hex(input.ptr)})`),
  show_output: (output) => (output > 0 ? hex(output) : l4_err_name(output)),
};
