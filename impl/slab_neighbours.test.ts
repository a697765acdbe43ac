import { describe, expect, it } from 'vitest';
import { L4_EINVAL } from '../l4re/err.ts';
import { create_malloc, type Impl_allocator } from './malloc.ts';
import { create_world } from './world.ts';

function setup() {
  const world = create_world({ quota: 2 ** 30 });
  const task = world.create_task('app');
  const base = world.stats();
  const m = create_malloc(task) as Impl_allocator;
  return { world, base, m };
}

describe('Slabs beside the Tlsf blocks of the same arena', () => {
  it('takes no address of an arena without slabs for a chunk: only the payloads of its blocks are pointers', () => {
    const { world, base, m } = setup();
    // 8, 100 and 300 bytes are no slab sizes: three headed blocks at the start of a new arena
    const live = [m.malloc(8), m.malloc(100), m.malloc(300)];
    expect(live[1]! - live[0]!).toBe(16);
    expect(live[2]! - live[1]!).toBe(112);
    const arena = live[0]! - 16;
    const before = world.stats();
    for (let q = arena; q < arena + 1024; q += 8) {
      if (live.includes(q)) continue;
      expect(m.free(q)).toBe(-L4_EINVAL);
      expect(m.realloc(q, 16)).toBe(-L4_EINVAL);
    }
    expect(world.stats()).toEqual(before);
    m.check_invariants();
    for (const p of live) expect(m.free(p)).toBe(0);
    expect(world.stats()).toEqual(base);
  });

  it('fills and empties a slab without touching the free lists of the blocks before it', () => {
    const { world, base, m } = setup();
    const [a, x, c, y] = [m.malloc(40), m.malloc(40), m.malloc(40), m.malloc(40)];
    m.free(c);
    m.free(a);
    // a class-8 slab: 15 chunks of 128 bytes fill it, and a full slab leaves its partial list
    const chunks = Array.from({ length: 15 }, () => m.malloc(128));
    expect(chunks[14]! - chunks[0]!).toBe(14 * 128);
    m.check_invariants();
    // the freed blocks are still listed: the next two of their size reuse them, last freed first
    expect(m.malloc(40)).toBe(a);
    expect(m.malloc(40)).toBe(c);
    m.free(c);
    m.free(a);
    for (const p of chunks) expect(m.free(p)).toBe(0);
    m.check_invariants();
    expect(m.malloc(40)).toBe(a);
    expect(m.malloc(40)).toBe(c);
    for (const p of [a, x, c, y]) expect(m.free(p)).toBe(0);
    expect(world.stats()).toEqual(base);
  });
});
