import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alloc_op, apply_alloc_op } from '../l4re/alloc_ops.fixture.ts';
import { type Heap_strip, walk_heap } from './heap_walk.ts';
import { create_malloc, type Impl_allocator } from './malloc.ts';
import type { Segment } from './segment.ts';
import type { Impl_task } from './task.ts';
import { create_world } from './world.ts';

function setup() {
  const task = create_world({ quota: 2 ** 30 }).create_task('app');
  return { task, m: create_malloc(task) as Impl_allocator };
}

/**
 * Throws unless `strips` tile every dataspace `task` holds: in address order,
 * their sizes summing to the quota used, one per region of the Rm (by
 * dataspace) or one per arena and large block of `m` (by region); in each,
 * blocks of positive size from 0 to its end with no gap or overlap, no two
 * adjacent free or meta runs; every live block `live` holds starts a live
 * block that covers its bytes (by dataspace, through the next strips where it
 * was cut), and every other live block continues one (never by region).
 */
function expect_tiling(strips: readonly Heap_strip[], task: Impl_task, live: ReadonlyMap<number, number>, m?: Impl_allocator): void {
  const parts = m?.heap_parts();
  expect(strips.length).toBe(parts === undefined ? task.rm.regions() : parts.arenas.length + [...parts.large.chains()].length);
  expect(strips.reduce((s, x) => s + x.size, 0)).toBe(task.mem_alloc.quota().used);
  const starts = new Map<number, number>();
  let prev_end = 0;
  let prev_live = false;
  for (const s of strips) {
    expect(s.start).toBeGreaterThanOrEqual(prev_end);
    let at = 0;
    s.blocks.forEach((b, i) => {
      expect(b.offset).toBe(at);
      expect(b.size).toBeGreaterThan(0);
      if (i > 0 && b.kind !== 'live') expect(s.blocks[i - 1]!.kind).not.toBe(b.kind);
      if (b.kind === 'live') {
        const continues = i === 0 && prev_live && s.start === prev_end && m === undefined;
        if (live.has(s.start + b.offset)) starts.set(s.start + b.offset, b.size);
        else {
          expect(continues, `a live block at ${s.start + b.offset} that the program does not hold`).toBe(true);
          const last = [...starts.keys()].pop()!;
          starts.set(last, starts.get(last)! + b.size);
        }
      }
      at += b.size;
    });
    expect(at).toBe(s.size);
    prev_end = s.start + s.size;
    prev_live = s.blocks[s.blocks.length - 1]?.kind === 'live';
  }
  for (const [p, n] of live) {
    expect(starts.has(p), `live block ${p} has no live block in the walk`).toBe(true);
    expect(starts.get(p)!).toBeGreaterThanOrEqual(n);
  }
}

describe('walk_heap', () => {
  it('draws an empty heap as nothing; a block and a slab chunk as pad, headers, payloads, the slab and the sentinel', () => {
    const { task, m } = setup();
    expect(walk_heap(m)).toEqual([]);
    const p = m.malloc(24);
    const q = m.malloc(16);
    const strips = walk_heap(m);
    expect_tiling(strips, task, new Map([[p, 24], [q, 16]]));
    const base = strips[0]!.start;
    expect(p - base).toBe(16);
    expect(strips).toEqual([
      {
        start: base,
        size: 4096,
        blocks: [
          { offset: 0, size: 16, kind: 'meta' }, // pad, p's header
          { offset: 16, size: 24, kind: 'live' }, // p
          { offset: 40, size: 40, kind: 'meta' }, // the slab's header and head
          { offset: q - base, size: 16, kind: 'live' }, // q, chunk 0
          { offset: 96, size: 124 * 16, kind: 'free' }, // chunks 1-124
          { offset: 2080, size: 8, kind: 'meta' }, // the slab's slack
          { offset: 2088, size: 2000, kind: 'free' }, // the arena's free block
          { offset: 4088, size: 8, kind: 'meta' }, // the sentinel
        ],
      },
    ]);
    m.free(p);
    m.free(q);
    expect(walk_heap(m)).toEqual([]);
  });

  it('draws a slab whose payload starts a segment with its head in that segment\'s strip, and adjacent live chunks as blocks of their own', () => {
    const { task, m } = setup();
    const p = m.malloc(4072); // a first arena of one page, filled by p's block
    const [q, r] = [m.malloc(16), m.malloc(16)]; // a slab at the top of the arena, grown by a page
    const strips = walk_heap(m);
    expect_tiling(strips, task, new Map([[p, 4072], [q, 16], [r, 16]]));
    const base = strips[0]!.start;
    expect([p - base, q - base, r - base]).toEqual([16, 4096 + 32, 4096 + 48]);
    expect(strips.map((s) => s.blocks.map((b) => [b.kind, b.size]))).toEqual([
      [['meta', 16], ['live', 4072], ['meta', 8]],
      [['meta', 32], ['live', 16], ['live', 16], ['free', 123 * 16], ['meta', 8], ['free', 2048], ['meta', 8]],
    ]);
  });

  it('refuses to draw an arena whose blocks leave its segments', () => {
    const { m } = setup();
    m.malloc(4072);
    m.malloc(16);
    const { segments } = m.heap_parts().arenas[0]!.arena;
    const [first, second] = segments as [Segment, Segment];
    segments[1] = { ...second, start: second.start + 4096 };
    expect(() => walk_heap(m)).toThrow(`heap_walk: a block at ${first.start + 4096} lies outside the segments (next at ${first.start + 8192})`);
    segments.pop();
    expect(() => walk_heap(m)).toThrow(`heap_walk: a block at ${first.start + 4096} lies outside the segments (next at undefined)`);
  });

  it('cuts a block that crosses a segment boundary, and draws a large block as live segments', () => {
    const { task, m } = setup();
    const ps = new Map<number, number>();
    for (let i = 0; i < 40; i++) ps.set(m.malloc(3000 + i), 3000 + i);
    const big = m.malloc(300_000);
    ps.set(m.realloc(big, 900_000), 900_000);
    const strips = walk_heap(m);
    expect_tiling(strips, task, ps);
    expect(strips.length).toBeGreaterThan(2);
    const cut = strips.filter((s) => s.blocks[0]!.kind === 'live' && !ps.has(s.start));
    expect(cut.length).toBeGreaterThan(20);
    const regions = walk_heap(m, 'region');
    expect_tiling(regions, task, ps, m);
    expect(regions).toHaveLength(2);
    expect(regions[0]!.blocks).toEqual([{ offset: 0, size: 220 * 4096, kind: 'live' }]); // the large block, below the arenas
  });

  const size = fc.oneof(fc.integer({ min: 1, max: 128 }), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 20_000 }), fc.integer({ min: 100_000, max: 400_000 }));
  const op = alloc_op(size, 2);

  it('tiles every dataspace exactly on random programs (seed 20261207)', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 150 }), (ops) => {
        const { task, m } = setup();
        const live = new Map<number, number>();
        ops.forEach((o, i) => {
          apply_alloc_op(m, live, o);
          if (i % 10 === 9) expect_tiling(walk_heap(m), task, live);
        });
        expect_tiling(walk_heap(m), task, live);
        expect_tiling(walk_heap(m, 'region'), task, live, m);
      }),
      { seed: 20261207, numRuns: 150 },
    );
  });
});
