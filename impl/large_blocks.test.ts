import { describe, expect, it } from 'vitest';
import { L4_PAGESIZE } from '../l4re/mem.ts';
import { Large_blocks } from './large_blocks.ts';
import type { Segment } from './segment.ts';
import { create_world } from './world.ts';

const PAGE = L4_PAGESIZE;

class Peek extends Large_blocks {
  chain(p: number): Segment[] {
    return this.blocks.get(p)!;
  }
}

function setup() {
  const world = create_world({ quota: 2 ** 30 });
  const task = world.create_task('t');
  const b = new Peek(task);
  const used = () => world.stats().quota_used;
  const regions = () => world.stats().tasks[0]!.regions;
  return { b, used, regions };
}

describe('Large_blocks', () => {
  it('grows a block in place a segment at a time, and shrinks it by whole trailing segments', () => {
    const { b, used, regions } = setup();
    const p = b.alloc(2 * PAGE);
    expect(b.resize(p, 2 * PAGE)).toBe(true);
    expect([used(), regions()]).toEqual([2 * PAGE, 1]);
    expect(b.resize(p, 3 * PAGE + 1)).toBe(true);
    expect([b.usable(p), used(), regions()]).toEqual([4 * PAGE, 4 * PAGE, 2]);
    expect(b.resize(p, 8 * PAGE)).toBe(true);
    expect([b.usable(p), used(), regions()]).toEqual([8 * PAGE, 8 * PAGE, 3]);
    b.check_invariants();
    // 8 pages in segments of 2, 2, 4: to 4 pages drops the last; to 1 page keeps the first
    expect(b.resize(p, 4 * PAGE)).toBe(true);
    expect([b.usable(p), used(), regions()]).toEqual([4 * PAGE, 4 * PAGE, 2]);
    expect(b.resize(p, 3 * PAGE)).toBe(true);
    expect([b.usable(p), regions()]).toEqual([4 * PAGE, 2]);
    expect(b.resize(p, 1)).toBe(true);
    expect([b.usable(p), used(), regions()]).toEqual([2 * PAGE, 2 * PAGE, 1]);
    b.check_invariants();
    b.free(p);
    expect([used(), regions()]).toEqual([0, 0]);
  });

  it('check_invariants names a segment out of place', () => {
    const { b } = setup();
    const p = b.alloc(PAGE);
    b.resize(p, 2 * PAGE);
    const chain = b.chain(p);
    const s = chain[1]!;
    chain[1] = { ...s, start: s.start + PAGE };
    expect(() => b.check_invariants()).toThrow(`Large_blocks: block ${p} has a segment at ${s.start + PAGE}, expected ${s.start}`);
  });
});
