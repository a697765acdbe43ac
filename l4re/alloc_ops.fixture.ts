/**
 * Random malloc/free/realloc programs for the allocators' own tests (model/
 * and impl/, which may share only l4re/): an op picks its block by index
 * into the live ones, so every program is valid whatever came before.
 */
import fc from 'fast-check';
import type { Allocator } from './alloc.ts';

export type Alloc_op = { kind: 'malloc'; size: number } | { kind: 'free'; which: number } | { kind: 'realloc'; which: number; size: number };

/** Ops of `size`; mallocs weigh `malloc_weight` against one free and one realloc. */
export function alloc_op(size: fc.Arbitrary<number>, malloc_weight = 1): fc.Arbitrary<Alloc_op> {
  return fc.oneof(
    { arbitrary: fc.record({ kind: fc.constant('malloc' as const), size }), weight: malloc_weight },
    { arbitrary: fc.record({ kind: fc.constant('free' as const), which: fc.nat() }), weight: 1 },
    { arbitrary: fc.record({ kind: fc.constant('realloc' as const), which: fc.nat(), size }), weight: 1 },
  );
}

/** Run `o` on `m`; `live` maps each live block to its requested size and follows it. */
export function apply_alloc_op(m: Allocator, live: Map<number, number>, o: Alloc_op): void {
  if (o.kind === 'malloc') {
    live.set(m.malloc(o.size), o.size);
    return;
  }
  if (live.size === 0) return;
  const p = [...live.keys()][o.which % live.size]!;
  live.delete(p);
  if (o.kind === 'free') m.free(p);
  else live.set(m.realloc(p, o.size), o.size);
}
