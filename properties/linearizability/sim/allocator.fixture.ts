/**
 * A first-fit allocator over UNITS units of 16 bytes from BASE, and its
 * clients. malloc searches for a run of free units and marks it; with the
 * planted race, other clients run between the search and the marking (the
 * missing lock of issue 16), so two clients can get the same block.
 */
import fc from 'fast-check';
import { L4_EINVAL } from '../../../l4re/err.ts';
import type { Malloc_input, Malloc_output } from '../models/malloc_blocks.ts';
import { type Client, type Concurrent_impl, atomically } from './simulate.fixture.ts';

export const BASE = 0x1000;
export const UNIT = 16;
export const UNITS = 16;

interface Heap {
  /** Invariant: used[u] iff unit u lies in a block of `blocks`. */
  readonly used: boolean[];
  /** Live blocks: first unit → units. */
  readonly blocks: Map<number, number>;
}

/** The first unit of a run of `n` free units, or -1. */
function first_fit(heap: Heap, n: number): number {
  for (let u = 0; u + n <= UNITS; u++) if (heap.used.slice(u, u + n).every((x) => !x)) return u;
  return -1;
}

function take(heap: Heap, u: number, n: number): Malloc_output {
  heap.used.fill(true, u, u + n);
  heap.blocks.set(u, n);
  return BASE + u * UNIT;
}

function malloc(heap: Heap, n: number): Malloc_output {
  const u = first_fit(heap, n);
  return u < 0 ? 0 : take(heap, u, n);
}

function free(heap: Heap, ptr: number): Malloc_output {
  if (ptr === 0) return 0;
  const u = (ptr - BASE) / UNIT;
  const n = heap.blocks.get(u);
  if (n === undefined) return -L4_EINVAL;
  heap.used.fill(false, u, u + n);
  heap.blocks.delete(u);
  return 0;
}

export function first_fit_allocator(racy: boolean): Concurrent_impl<Heap, Malloc_input, Malloc_output> {
  return {
    init: () => ({ used: new Array<boolean>(UNITS).fill(false), blocks: new Map() }),
    *run(heap, input) {
      if (input.op === 'free') return yield* atomically(() => free(heap, input.ptr));
      const n = Math.max(1, Math.ceil(input.size / UNIT));
      if (!racy) return yield* atomically(() => malloc(heap, n));
      yield;
      const u = first_fit(heap, n);
      yield;
      return u < 0 ? 0 : take(heap, u, n);
    },
  };
}

/** malloc(size), or free of one of the blocks the client was given (`which` among them, freed ones too). */
export type Alloc_call = { readonly size: number } | { readonly which: number };

export const alloc_call: fc.Arbitrary<Alloc_call> = fc.oneof(
  fc.record({ size: fc.integer({ min: 1, max: 3 * UNIT }) }),
  fc.record({ which: fc.nat() }),
);

/** Runs `calls`; a free picks among every block it was given, so a double free can happen; with none given yet it frees 0. */
export function alloc_client(calls: readonly Alloc_call[]): Client<Malloc_input, Malloc_output> {
  const given: number[] = [];
  let at = 0;
  return {
    next() {
      const c = calls[at++];
      if (c === undefined) return undefined;
      return 'size' in c ? { op: 'malloc', size: c.size } : { op: 'free', ptr: given.length === 0 ? 0 : given[c.which % given.length]! };
    },
    returned(output) {
      if ('size' in calls[at - 1]! && output !== 0) given.push(output);
    },
  };
}
