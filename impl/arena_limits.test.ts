import { describe, expect, it } from 'vitest';
import { L4_PAGESIZE, L4RE_RM_F_RW } from '../l4re/mem.ts';
import { Arena, ARENA_MAX_SIZE } from './arena.ts';
import { create_world } from './world.ts';

const PAGE = L4_PAGESIZE;

function setup(quota = 2 ** 30) {
  const world = create_world({ quota });
  const task = world.create_task('app');
  return { world, task };
}

describe('Arena: where growing stops', () => {
  it('starts at a multiple of 4 GiB, so the next arena leaves it room to grow', () => {
    const { task } = setup();
    const a = Arena.map(task, PAGE)!;
    const b = Arena.map(task, PAGE)!;
    expect(a.base % 2 ** 32).toBe(0);
    expect(b.base).toBe(a.base + 2 ** 32);
  });

  it('refuses to grow past ARENA_MAX_SIZE with nothing changed, even when the quota would allow it', () => {
    const { world, task } = setup(2 ** 33);
    const a = Arena.map(task, PAGE)!;
    const before = world.stats();
    expect(a.grow(ARENA_MAX_SIZE)).toBe(false);
    expect(a.len).toBe(PAGE);
    expect(world.stats()).toEqual(before);
    a.check_invariants();
  });

  it('fails to grow into address space that is taken, with nothing changed', () => {
    const { world, task } = setup();
    const a = Arena.map(task, PAGE)!;
    const ds = task.cap_alloc.alloc();
    task.mem_alloc.alloc(PAGE, ds);
    expect(task.rm.attach(a.base + 2 * PAGE, PAGE, L4RE_RM_F_RW, ds)).toBe(a.base + 2 * PAGE);
    expect(a.grow(PAGE)).toBe(true);
    const before = world.stats();
    expect(a.grow(PAGE)).toBe(false);
    expect(a.len).toBe(2 * PAGE);
    expect(world.stats()).toEqual(before);
    a.check_invariants();
  });
});
