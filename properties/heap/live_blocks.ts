/**
 * The heap checker's live blocks in address order: a sorted array of start
 * addresses for O(log n) neighbour lookups, and a map from start to block.
 * Invariant: `starts` is strictly ascending and holds exactly the keys of `by_ptr`.
 */

export interface Block {
  /** Start address. */
  readonly ptr: number;
  /** Bytes the program asked for. */
  readonly size: number;
  /** Creation order from 1; the checker names the block p<serial>. */
  readonly serial: number;
  /** The op that created the block. */
  readonly op: number;
  /** What the checker covers, from pattern.spans. */
  readonly spans: readonly number[];
}

/** Index of the first element of the ascending `sorted` that is above `x`. */
export function first_above(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class Live_blocks {
  private readonly starts: number[] = [];
  private readonly by_ptr = new Map<number, Block>();

  get count(): number {
    return this.starts.length;
  }

  /** The live block starting exactly at `ptr`. */
  at(ptr: number): Block | undefined {
    return this.by_ptr.get(ptr);
  }

  /** The i-th block in address order. */
  nth(i: number): Block | undefined {
    const p = this.starts[i];
    return p === undefined ? undefined : this.by_ptr.get(p);
  }

  /** Index of the first block starting above `addr`. */
  above(addr: number): number {
    return first_above(this.starts, addr);
  }

  add(b: Block): void {
    if (this.by_ptr.has(b.ptr)) throw new Error(`Live_blocks.add: 0x${b.ptr.toString(16)} is already live`);
    this.starts.splice(this.above(b.ptr), 0, b.ptr);
    this.by_ptr.set(b.ptr, b);
  }

  delete(b: Block): void {
    this.starts.splice(this.above(b.ptr) - 1, 1);
    this.by_ptr.delete(b.ptr);
  }

  values(): IterableIterator<Block> {
    return this.by_ptr.values();
  }
}
