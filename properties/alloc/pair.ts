/**
 * The reference allocator and a candidate, driven call by call. Their results
 * must agree in kind: both null, both an address (addresses may differ), or the
 * same error code.
 */
import { Heap_violation } from '../heap_checker.ts';
import { Divergence, show } from '../pair.ts';
import type { Allocator_under_test } from '../trace/replay.ts';
import { Alloc_side } from './side.ts';

function kind(r: number): string {
  return Number.isSafeInteger(r) && r > 0 ? 'an address' : show(r);
}

export class Alloc_pair {
  readonly sides: readonly [Alloc_side, Alloc_side];

  constructor(ref: Allocator_under_test, cand: Allocator_under_test) {
    this.sides = [new Alloc_side(ref), new Alloc_side(cand)];
  }

  /** Run `f` on both sides; their results, which agree in kind. */
  both(call: string, f: (side: Alloc_side, i: number) => number): [number, number] {
    const [a, b] = [this.on(0, f), this.on(1, f)];
    if (kind(a) !== kind(b)) {
      throw new Divergence(`${call}: ${this.sides[0].under.name} gives ${show(a)}, ${this.sides[1].under.name} gives ${show(b)}`);
    }
    return [a, b];
  }

  /** `f` on side i; a Heap_violation names the side. */
  on<T>(i: number, f: (side: Alloc_side, i: number) => T): T {
    const side = this.sides[i]!;
    try {
      return f(side, i);
    } catch (e) {
      throw e instanceof Heap_violation ? new Heap_violation(`${side.under.name}: ${e.message}`) : e;
    }
  }
}
