/**
 * Bugs planted in variants of impl/shared_heap.ts, each a subclass of one of
 * its parts (Shared_heap_parts) in a file named after the bug, swapped in by
 * name in every thread of a run (a Worker is given data, not classes). The
 * threads property (properties/threads/) must find every one.
 */
import type { Shared_heap_parts } from '../../../impl/shared_heap.ts';
import { No_lock } from './missing_lock.ts';

export interface Planted_thread_bug {
  readonly name: string;
  readonly parts: Partial<Shared_heap_parts>;
  /** The first line of the failure it must cause: the planted reason, not any failure. */
  readonly reason: RegExp;
}

export const PLANTED_THREAD_BUGS: readonly Planted_thread_bug[] = [
  // Two threads in the heap at once: one block handed out twice, a lost update of a bitmap word, a garbled list.
  {
    name: 'missing_lock',
    parts: { Heap_lock: No_lock },
    reason: /^(overlap: |bounds: |pattern: |(free|realloc)\(0x[0-9a-f]+.*\) of a live block gives|Shared_buddy\.check_invariants: |not linearizable: |leak: |TypeError: |RangeError: )/,
  },
];

/** The parts of the planted bug `name`, or none for the correct heap. */
export function planted_thread_parts(name: string | null): Partial<Shared_heap_parts> {
  if (name === null) return {};
  const bug = PLANTED_THREAD_BUGS.find((b) => b.name === name);
  if (bug === undefined) throw new Error(`planted_thread_parts: no planted thread bug ${JSON.stringify(name)}`);
  return bug.parts;
}
