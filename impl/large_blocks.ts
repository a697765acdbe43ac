/**
 * Large_blocks: blocks in dataspaces of their own, placed where the address
 * space after them stays free, so that realloc can grow them in place.
 *
 *   start = a multiple of 2^room_bits(size)            start + 2^room_bits
 *   | segment 0 (the block's first pages) | segment 1 | …  |  room to grow   |
 *   └──────────────── the block: `start` is its payload ───┘
 *
 * A large block carries no header: its record is its chain of segments, kept
 * by start address, the way the Rm knows each region. free and realloc find a
 * block only by its exact start, so an interior pointer is never one.
 *
 * Invariants: each chain is non-empty, ascending and adjacent.
 */
import { L4_PAGESHIFT, L4RE_RM_START, l4_round_page } from '../l4re/mem.ts';
import { AT_EXACTLY, map_segment, unmap_segment, type Segment } from './segment.ts';
import type { Impl_task } from './task.ts';

const MAX_ALIGN_BITS = 47;

/** Align a block of `size` bytes to twice its size rounded up to a power of two: room to double in place. */
function room_bits(size: number): number {
  return Math.min(MAX_ALIGN_BITS, Math.max(L4_PAGESHIFT, Math.ceil(Math.log2(size)) + 1));
}

export class Large_blocks {
  protected readonly blocks = new Map<number, Segment[]>();

  constructor(protected readonly task: Impl_task) {}

  /** A new block of at least `size` bytes, or 0 with nothing changed. */
  alloc(size: number): number {
    const s = map_segment(this.task, L4RE_RM_START, l4_round_page(size), room_bits(size));
    if (s === null) return 0;
    this.blocks.set(s.start, [s]);
    return s.start;
  }

  has(p: number): boolean {
    return this.blocks.has(p);
  }

  /** Bytes the block at `p` holds. */
  usable(p: number): number {
    const chain = this.blocks.get(p)!;
    const last = chain[chain.length - 1]!;
    return last.start + last.size - p;
  }

  /** Make block `p` hold `size` bytes in place: whole trailing segments go, or one more is attached after it. */
  resize(p: number, size: number): boolean {
    const chain = this.blocks.get(p)!;
    const want = l4_round_page(size);
    let have = this.usable(p);
    while (chain.length > 1 && have - chain[chain.length - 1]!.size >= want) {
      const s = chain.pop()!;
      unmap_segment(this.task, s);
      have -= s.size;
    }
    if (have >= want) return true;
    const s = map_segment(this.task, p + have, want - have, AT_EXACTLY);
    if (s === null) return false;
    chain.push(s);
    return true;
  }

  /** Each block's chain of segments, for a heap walk. */
  chains(): IterableIterator<readonly Segment[]> {
    return this.blocks.values();
  }

  free(p: number): void {
    for (const s of this.blocks.get(p)!) this.release_segment(s);
    this.blocks.delete(p);
  }

  /** A segment of a freed block goes: detached, and its slot (with the dataspace) freed. */
  protected release_segment(s: Segment): void {
    unmap_segment(this.task, s);
  }

  check_invariants(): void {
    for (const [p, chain] of this.blocks) {
      let at = p;
      for (const s of chain) {
        if (s.start !== at) throw new Error(`Large_blocks: block ${p} has a segment at ${s.start}, expected ${at}`);
        at += s.size;
      }
    }
  }
}
