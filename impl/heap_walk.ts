/**
 * A walk of impl's heap: for every dataspace the allocator holds, a strip of
 * blocks in address order that tiles it exactly, each live, free or meta. Or,
 * by region, a strip for each arena (its segments back to back) and for each
 * large block (its chain), where no block is cut.
 *
 *   arena segment k (one dataspace)            segment k+1
 *   ┌────┬──────┬────────┬──────┬─────────────┬─│──────────┬──────┬──────────┐
 *   │pad │header│ live   │header│ slab ...    │ │... slab  │ free │sentinel  │
 *   └────┴──────┴────────┴──────┴─────────────┴─│──────────┴──────┴──────────┘
 *    meta  meta   live     meta   see below       (by dataspace, a block that crosses
 *                                                 into the next segment is cut in two)
 *   slab payload: its 32-byte head (meta), chunks (live or free), the slack
 *   after the last chunk (meta: nothing can be allocated there).
 *   large block: every segment of its chain is one live block.
 *
 * live: the payload of a block or chunk the program holds, all of it (the
 * allocator's bytes past the request included); free: a free Tlsf block or
 * chunk, headers and links included, since all of it can be handed out;
 * meta: headers of used blocks, slab heads and slack, the arena's pad and
 * sentinel. Adjacent free runs merge, adjacent meta runs too; live blocks
 * never merge. The allocator's own tables live in JavaScript, not in a strip.
 */
import type { Impl_allocator } from './malloc.ts';
import type { Segment } from './segment.ts';
import { HEADER_SIZE } from './tlsf.ts';

export type Heap_block_kind = 'live' | 'free' | 'meta';

/** [offset, offset + size) from its strip's start. */
export interface Heap_block {
  readonly offset: number;
  readonly size: number;
  readonly kind: Heap_block_kind;
}

/** One dataspace as attached: [start, start + size), its blocks in address order. */
export interface Heap_strip {
  readonly start: number;
  readonly size: number;
  readonly blocks: Heap_block[];
}

/** Address space a strip covers: a segment, or segments back to back. */
type Span = Pick<Segment, 'start' | 'size'>;

/** Cuts pieces of address space into strips, one per span, the spans consecutive. */
class Strips {
  readonly out: Heap_strip[] = [];
  private strip: Heap_strip | undefined;
  private end = 0;
  private i = 0;

  constructor(private readonly segments: readonly Span[]) {}

  /** The next piece, [addr, addr + size), which starts where the last one ended. */
  add(addr: number, size: number, kind: Heap_block_kind): void {
    while (size > 0) {
      if (this.strip === undefined || addr >= this.end) this.next_strip(addr);
      const strip = this.strip!;
      const n = Math.min(size, this.end - addr);
      const last = strip.blocks[strip.blocks.length - 1];
      if (last !== undefined && last.kind === kind && kind !== 'live') strip.blocks[strip.blocks.length - 1] = { offset: last.offset, size: last.size + n, kind };
      else strip.blocks.push({ offset: addr - strip.start, size: n, kind });
      addr += n;
      size -= n;
    }
  }

  private next_strip(addr: number): void {
    const s = this.segments[this.i++];
    if (s === undefined || s.start !== addr) throw new Error(`heap_walk: a block at ${addr} lies outside the segments (next at ${s?.start})`);
    this.strip = { start: s.start, size: s.size, blocks: [] };
    this.end = s.start + s.size;
    this.out.push(this.strip);
  }
}

/** The strips of every dataspace `m` holds (or, `by` region, of every arena and large block), in address order. */
export function walk_heap(m: Impl_allocator, by: 'dataspace' | 'region' = 'dataspace'): Heap_strip[] {
  const { arenas, slabs, large } = m.heap_parts();
  const strips: Heap_strip[] = [];
  const region = (chain: readonly Segment[]): Span[] => {
    const last = chain[chain.length - 1]!;
    return [{ start: chain[0]!.start, size: last.start + last.size - chain[0]!.start }];
  };
  arenas.forEach((t, k) => {
    const a = t.arena;
    const base = a.base;
    const out = new Strips(by === 'region' ? region(a.segments) : a.segments);
    out.add(base, HEADER_SIZE, 'meta');
    t.each_block((h, size, kind) => {
      if (kind === 'free') return out.add(base + h, size, 'free');
      out.add(base + h, HEADER_SIZE, 'meta');
      if (kind === 'live') return out.add(base + h + HEADER_SIZE, size - HEADER_SIZE, 'live');
      const s = h + HEADER_SIZE;
      let at = s;
      slabs[k]!.each_chunk(s, (off, n, used) => {
        out.add(base + at, off - at, 'meta');
        out.add(base + off, n, used ? 'live' : 'free');
        at = off + n;
      });
      out.add(base + at, h + size - at, 'meta');
    });
    out.add(base + a.len - HEADER_SIZE, HEADER_SIZE, 'meta');
    strips.push(...out.out);
  });
  for (const chain of large.chains()) {
    for (const s of by === 'region' ? region(chain) : chain) strips.push({ start: s.start, size: s.size, blocks: [{ offset: 0, size: s.size, kind: 'live' }] });
  }
  return strips.sort((x, y) => x.start - y.start);
}
