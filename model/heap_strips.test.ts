import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alloc_op, apply_alloc_op } from '../l4re/alloc_ops.fixture.ts';
import { create_malloc, type Model_malloc, type Model_strip } from './malloc.ts';
import { create_world } from './world.ts';

function setup() {
  const t = create_world({ quota: 2 ** 30 }).create_task('app');
  return { t, m: create_malloc(t) as Model_malloc };
}

/**
 * One strip per region summing to the quota used, in address order; each tiled
 * from 0 to its end (every block starts where the one before ends), free only
 * after live; its live blocks exactly the live pointers, each holding its request.
 */
function expect_tiling(strips: readonly Model_strip[], t: ReturnType<typeof setup>['t'], live: ReadonlyMap<number, number>): void {
  expect(strips.length).toBe(t.rm.regions());
  expect(strips.reduce((n, s) => n + s.size, 0)).toBe(t.mem_alloc.quota().used);
  strips.forEach((s, k) => {
    if (k > 0) expect(s.start).toBeGreaterThanOrEqual(strips[k - 1]!.start + strips[k - 1]!.size);
    const ends = s.blocks.map((b) => b.offset + b.size);
    expect(s.blocks.map((b) => b.offset)).toEqual([0, ...ends.slice(0, -1)]);
    expect(ends.at(-1)).toBe(s.size);
    expect(s.blocks.every((b) => b.size > 0)).toBe(true);
    expect(s.blocks.every((b, i) => b.kind !== 'free' || i === 0 || s.blocks[i - 1]!.kind === 'live')).toBe(true);
  });
  const seen = new Map(strips.flatMap((s) => s.blocks.filter((b) => b.kind === 'live').map((b) => [s.start + b.offset, b.size] as const)));
  expect([...seen.keys()].sort((x, y) => x - y)).toEqual([...live.keys()].sort((x, y) => x - y));
  for (const [p, n] of live) expect(seen.get(p)!).toBeGreaterThanOrEqual(n);
}

describe('Model_malloc.heap_strips', () => {
  it('draws an empty heap as nothing, and blocks with gaps as live and free', () => {
    const { t, m } = setup();
    expect(m.heap_strips()).toEqual([]);
    const a = m.malloc(10);
    const b = m.malloc(40);
    const c = m.malloc(100_000);
    m.free(a);
    const strips = m.heap_strips();
    expect_tiling(strips, t, new Map([[b, 40], [c, 100_000]]));
    expect(strips.map((s) => s.blocks.map((x) => [x.kind, x.size]))).toEqual([
      [['free', 16], ['live', 48], ['free', 128 * 1024 - 64]],
      [['live', 100_000], ['free', 102_400 - 100_000]],
    ]);
  });

  const size = fc.oneof(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 40_000 }), fc.integer({ min: 100_000, max: 400_000 }));
  const op = alloc_op(size);

  it('tiles every dataspace exactly on random programs (seed 20261207)', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 100 }), (ops) => {
        const { t, m } = setup();
        const live = new Map<number, number>();
        for (const o of ops) apply_alloc_op(m, live, o);
        expect_tiling(m.heap_strips(), t, live);
      }),
      { seed: 20261207, numRuns: 100 },
    );
  });
});
