import { describe, expect, it } from 'vitest';
import { L4_PAGESIZE, L4RE_RM_F_RW } from '../l4re/mem.ts';
import { Arena, ARENA_MAX_SIZE } from './arena.ts';
import type { Impl_task } from './task.ts';
import { create_world } from './world.ts';

const PAGE = L4_PAGESIZE;

/** An arena that lost the view of its last page: its table no longer matches its segments. */
class Arena_missing_a_view extends Arena {
  static of(task: Impl_task, size: number): Arena_missing_a_view {
    const a = Arena.map(task, size)!;
    const torn = new Arena_missing_a_view(task, a.base);
    for (const s of a.segments) torn.add(s);
    torn.words.pop();
    return torn;
  }
}

function setup(quota = 2 ** 30) {
  const world = create_world({ quota });
  const task = world.create_task('app');
  const base = world.stats();
  return { world, task, base };
}

describe('Arena', () => {
  it('starts at a multiple of 4 GiB and grows by segments attached right at its end', () => {
    const { task } = setup();
    const a = Arena.map(task, PAGE)!;
    expect(a.base % 2 ** 32).toBe(0);
    expect(a.len).toBe(PAGE);
    expect(a.grow(2 * PAGE)).toBe(true);
    expect(a.grow(PAGE)).toBe(true);
    expect(a.len).toBe(4 * PAGE);
    expect(a.segments.map((s) => [s.start - a.base, s.size])).toEqual([
      [0, PAGE],
      [PAGE, 2 * PAGE],
      [3 * PAGE, PAGE],
    ]);
    expect(task.rm.regions()).toBe(3);
    a.check_invariants();
  });

  it('reads and writes words of every page through its views, aliasing the attached memory', () => {
    const { task } = setup();
    const a = Arena.map(task, PAGE)!;
    a.grow(PAGE);
    a.set(0, 0xdeadbeef);
    a.set(PAGE - 4, 7);
    a.set(PAGE, 8);
    expect([a.get(0), a.get(PAGE - 4), a.get(PAGE), a.get(4)]).toEqual([0xdeadbeef, 7, 8, 0]);
    expect(Array.from(task.read(a.base + PAGE, 4) as Uint8Array)).toEqual([8, 0, 0, 0]);
  });

  it('finds the lowest segment start at or after an offset', () => {
    const { task } = setup();
    const a = Arena.map(task, PAGE)!;
    a.grow(PAGE);
    a.grow(2 * PAGE);
    const starts = [0, 1, PAGE - 1, PAGE, PAGE + 1, 2 * PAGE, 3 * PAGE, 4 * PAGE, 5 * PAGE].map((off) => a.segment_start_from(off));
    expect(starts).toEqual([0, PAGE, PAGE, PAGE, 2 * PAGE, 2 * PAGE, 4 * PAGE, 4 * PAGE, 4 * PAGE]);
  });

  it('gives back the segments from a cut on, and everything at cut 0', () => {
    const { world, base, task } = setup();
    const a = Arena.map(task, PAGE)!;
    a.grow(PAGE);
    a.grow(2 * PAGE);
    a.shrink_to(2 * PAGE);
    expect(a.len).toBe(2 * PAGE);
    expect(a.segments.length).toBe(2);
    expect(task.mem_alloc.quota().used - base.quota_used).toBe(2 * PAGE);
    a.check_invariants();
    expect(a.grow(PAGE)).toBe(true);
    a.set(2 * PAGE, 5);
    expect(a.get(2 * PAGE)).toBe(5);
    a.check_invariants();
    a.shrink_to(0);
    expect(a.len).toBe(0);
    a.check_invariants();
    expect(world.stats()).toEqual(base);
  });

  it('refuses to grow past ARENA_MAX_SIZE, with nothing changed, even when the quota would allow it', () => {
    const { world, task } = setup(2 ** 33);
    const a = Arena.map(task, PAGE)!;
    const before = world.stats();
    expect(a.grow(ARENA_MAX_SIZE)).toBe(false);
    expect(a.len).toBe(PAGE);
    expect(world.stats()).toEqual(before);
    a.check_invariants();
  });

  it('fails to grow when the address space after it is taken, with nothing changed', () => {
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

  it('check_invariants names segments out of order, a missing segment and a missing page view', () => {
    const { task } = setup();
    const a = Arena.map(task, PAGE)!;
    a.grow(PAGE);
    a.grow(PAGE);
    a.check_invariants();
    a.segments.reverse();
    expect(() => a.check_invariants()).toThrow(`Arena at ${a.base}: segment at ${a.base + 2 * PAGE}, expected ${a.base}`);
    a.segments.reverse();
    const last = a.segments.pop()!;
    expect(() => a.check_invariants()).toThrow(`Arena at ${a.base}: segments end at ${a.base + 2 * PAGE}, len ${3 * PAGE}, 3 page views`);
    a.segments.push(last);
    a.check_invariants();
    const torn = Arena_missing_a_view.of(task, 2 * PAGE);
    expect(() => torn.check_invariants()).toThrow(`Arena at ${torn.base}: segments end at ${torn.base + 2 * PAGE}, len ${2 * PAGE}, 1 page views`);
  });
});
