/**
 * Random valid programs for the property suite: malloc, free and realloc with
 * sizes biased to where allocator bugs live (the allocator property's
 * ALLOC_SIZE, without the sizes no trace can hold), and bursts of blocks of
 * one size that fill whatever an allocator carves such blocks from (a slab, a
 * size class, an arena). Valid means every `f` and `r` names a live id: a
 * student's allocator need not detect misuse here.
 *
 * fast-check generates abstract steps; `program_of` resolves each against the
 * ids live at that point (by index modulo their number), so every shrink of a
 * step list is still a valid program.
 */
import fc from 'fast-check';
import { ALLOC_SIZE } from '../properties/alloc_property.ts';
import type { Trace_op } from '../properties/trace/read_trace.ts';
import type { Program } from './runner.ts';

/** The largest request the suite makes: blocks above 1 MiB are checked by samples. */
const MAX_SIZE = 3 * 1024 * 1024;

export type Step =
  | { readonly kind: 'a'; readonly size: number }
  /** `count` blocks of one size at once: fills a slab, an arena, a size class */
  | { readonly kind: 'n'; readonly count: number; readonly size: number }
  /** free the k-th live id */
  | { readonly kind: 'f'; readonly k: number }
  /** realloc the k-th live id to `size` (0 frees it) */
  | { readonly kind: 'r'; readonly k: number; readonly size: number };

const size = ALLOC_SIZE.filter((n) => Number.isSafeInteger(n) && n >= 0 && n <= MAX_SIZE);
const k = fc.nat({ max: 63 });

/** Most blocks a burst makes; their size is mostly such that a burst fills a 64 KiB chunk, sometimes any up to 64 KiB. */
const MAX_BURST = 80;
const burst_size = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 512, max: 8192 }) }, { weight: 1, arbitrary: size.filter((n) => n <= 64 * 1024) });

export const STEP: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: size.map((size) => ({ kind: 'a', size }) as const) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 2, max: MAX_BURST }), burst_size).map(([count, size]) => ({ kind: 'n', count, size }) as const) },
  { weight: 3, arbitrary: k.map((k) => ({ kind: 'f', k }) as const) },
  { weight: 3, arbitrary: fc.tuple(k, size).map(([k, size]) => ({ kind: 'r', k, size }) as const) },
);

export function steps(max_ops: number): fc.Arbitrary<Step[]> {
  return fc.array(STEP, { maxLength: max_ops });
}

/** The program the steps make: each `a` a new id, `n` `count` of them; `f`/`r` with no live id are dropped. */
export function program_of(steps: readonly Step[]): Program {
  const live: number[] = [];
  const ops: Trace_op[] = [];
  let ids = 0;
  for (const s of steps) {
    if (s.kind === 'a' || s.kind === 'n') {
      for (let k = 0; k < (s.kind === 'n' ? s.count : 1); k++) {
        live.push(ids);
        ops.push({ kind: 'a', id: ids++, size: s.size, line: ops.length + 1 });
      }
      continue;
    }
    const line = ops.length + 1;
    if (live.length === 0) continue;
    const at = s.k % live.length;
    const id = live[at]!;
    if (s.kind === 'f' || s.size === 0) live.splice(at, 1);
    ops.push(s.kind === 'f' ? { kind: 'f', id, line } : { kind: 'r', id, size: s.size, line });
  }
  return { num_ids: ids, ops };
}
