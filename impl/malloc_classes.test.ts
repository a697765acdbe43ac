import { describe, expect, it } from 'vitest';
import type { Large_blocks } from './large_blocks.ts';
import { create_malloc, type Impl_allocator } from './malloc.ts';
import { create_world } from './world.ts';

const LARGE_MIN_SIZE = 1 << 17;

function setup() {
  const world = create_world({ quota: 2 ** 30 });
  const task = world.create_task('app');
  const m = create_malloc(task) as Impl_allocator;
  // one live block keeps the first arena mapped
  expect(m.malloc(64)).toBeGreaterThan(0);
  /** Whether `p` is a block with pages of its own. */
  const paged = (p: number) => (m as unknown as { large: Large_blocks }).large.has(p);
  return { m, paged };
}

describe('impl malloc: which part serves a request', () => {
  it('gives whole pages to a request whose header would spill into another page, and to LARGE_MIN_SIZE', () => {
    for (const [n, large] of [
      [3000, false],
      [4064, false],
      [4088, false],
      [4089, true],
      [4096, true],
      [8184, false],
      [8185, true],
      [LARGE_MIN_SIZE - 16, false],
      [LARGE_MIN_SIZE, true],
    ] as const) {
      const { m, paged } = setup();
      const p = m.malloc(n);
      expect(p, `malloc(${n})`).toBeGreaterThan(0);
      expect(paged(p), `malloc(${n}) has pages of its own`).toBe(large);
      m.check_invariants();
      expect(m.free(p)).toBe(0);
    }
  });

  it('keeps a chunk in place for sizes of its class only', () => {
    const { m } = setup();
    const p = m.malloc(32);
    expect(m.realloc(p, 32)).toBe(p);
    expect(m.realloc(p, 17)).toBe(p);
    const q = m.realloc(p, 16);
    expect(q).not.toBe(p);
    const r = m.realloc(q, 48);
    expect(r).not.toBe(q);
    m.check_invariants();
  });

  it('moves an arena block that grows to LARGE_MIN_SIZE into pages of its own', () => {
    const { m, paged } = setup();
    const p = m.malloc(5000);
    const q = m.realloc(p, LARGE_MIN_SIZE);
    expect([paged(p), paged(q)]).toEqual([false, true]);
    m.check_invariants();
  });
});
