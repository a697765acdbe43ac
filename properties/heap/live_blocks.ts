/**
 * The heap checker's live blocks in address order: their start addresses in
 * a sorted Float64Array for O(log n) neighbour lookups (inserts and deletes
 * are a memmove, cheaper than the byte checks around them), and a map from
 * start to block.
 */
import { hex } from '../../l4re/hex.ts';

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
  /** starts[0..n): the blocks' addresses, ascending; by_ptr holds exactly those blocks. */
  private starts = new Float64Array(1024);
  private n = 0;
  private readonly by_ptr = new Map<number, Block>();

  get count(): number {
    return this.n;
  }

  /** The live block starting exactly at `ptr`. */
  at(ptr: number): Block | undefined {
    return this.by_ptr.get(ptr);
  }

  /** The i-th block in address order. */
  nth(i: number): Block | undefined {
    return i >= 0 && i < this.n ? this.by_ptr.get(this.starts[i]!) : undefined;
  }

  /** Index of the first block starting above `addr`. */
  above(addr: number): number {
    let lo = 0;
    let hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid]! <= addr) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  add(b: Block): void {
    if (this.by_ptr.has(b.ptr)) throw new Error(`Live_blocks.add: ${hex(b.ptr)} is already live`);
    if (this.n === this.starts.length) {
      const more = new Float64Array(2 * this.n);
      more.set(this.starts);
      this.starts = more;
    }
    const i = this.above(b.ptr);
    this.starts.copyWithin(i + 1, i, this.n);
    this.starts[i] = b.ptr;
    this.n++;
    this.by_ptr.set(b.ptr, b);
  }

  delete(b: Block): void {
    const i = this.above(b.ptr) - 1;
    this.starts.copyWithin(i, i + 1, this.n);
    this.n--;
    this.by_ptr.delete(b.ptr);
  }

  values(): IterableIterator<Block> {
    return this.by_ptr.values();
  }
}
