import { describe, expect, it } from 'vitest';
import { L4_PAGESIZE } from '../l4re/mem.ts';
import { Large_blocks } from './large_blocks.ts';
import type { Segment } from './segment.ts';
import { create_world } from './world.ts';

const MIB = 2 ** 20;

/** Large_blocks that let a test reach a block's chain of segments, to corrupt it. */
class Chains extends Large_blocks {
  chain(p: number): Segment[] {
    return this.blocks.get(p)!;
  }
}

function setup() {
  const world = create_world({ quota: 2 ** 30 });
  const task = world.create_task('app');
  const base = world.stats();
  const large = new Chains(task);
  /** Regions attached and bytes of quota used now. */
  const held = () => ({ regions: task.rm.regions(), quota: task.mem_alloc.quota().used });
  return { world, task, base, large, held };
}

describe('Large_blocks', () => {
  it('places a block at a multiple of twice its size, in one segment of whole pages', () => {
    const { large, held } = setup();
    const before = held();
    const p = large.alloc(MIB - 100);
    expect(p % (2 * MIB)).toBe(0);
    expect(large.has(p)).toBe(true);
    expect(large.has(p + L4_PAGESIZE)).toBe(false);
    expect(large.usable(p)).toBe(MIB);
    expect(held()).toEqual({ regions: before.regions + 1, quota: before.quota + MIB });
    large.check_invariants();
  });

  it('grows in place by one segment per resize and shrinks by whole trailing segments', () => {
    const { world, base, large, held } = setup();
    const p = large.alloc(MIB);
    const one = held();
    // the size it has: nothing to attach
    expect(large.resize(p, MIB)).toBe(true);
    expect(held()).toEqual(one);
    // + 512 KiB, + 512 KiB: exactly what is missing each time
    expect(large.resize(p, MIB + MIB / 2)).toBe(true);
    expect(large.usable(p)).toBe(MIB + MIB / 2);
    expect(held()).toEqual({ regions: one.regions + 1, quota: one.quota + MIB / 2 });
    expect(large.resize(p, 2 * MIB - 10)).toBe(true);
    expect(large.usable(p)).toBe(2 * MIB);
    expect(held()).toEqual({ regions: one.regions + 2, quota: one.quota + MIB });
    large.check_invariants();
    // exactly the size without the last segment: it goes
    expect(large.resize(p, MIB + MIB / 2)).toBe(true);
    expect(large.usable(p)).toBe(MIB + MIB / 2);
    expect(held()).toEqual({ regions: one.regions + 1, quota: one.quota + MIB / 2 });
    expect(large.resize(p, 2 * MIB)).toBe(true);
    // a page more than the first segment: only the last segment goes
    expect(large.resize(p, MIB + 1)).toBe(true);
    expect(large.usable(p)).toBe(MIB + MIB / 2);
    expect(held()).toEqual({ regions: one.regions + 1, quota: one.quota + MIB / 2 });
    // down to a page: the first segment stays whole
    expect(large.resize(p, 1)).toBe(true);
    expect(large.usable(p)).toBe(MIB);
    expect(held()).toEqual(one);
    // even resized to nothing, a block keeps its first segment
    expect(large.resize(p, 0)).toBe(true);
    expect(large.usable(p)).toBe(MIB);
    large.check_invariants();
    large.free(p);
    expect(large.has(p)).toBe(false);
    expect(world.stats()).toEqual(base);
  });

  it('grows in place up to the next block, and fails past it with nothing changed', () => {
    const { large, held } = setup();
    const p = large.alloc(MIB);
    const q = large.alloc(MIB);
    expect(q).toBe(p + 2 * MIB);
    expect(large.resize(p, 2 * MIB)).toBe(true);
    const before = held();
    expect(large.resize(p, 2 * MIB + 1)).toBe(false);
    expect(large.usable(p)).toBe(2 * MIB);
    expect(held()).toEqual(before);
    large.check_invariants();
  });

  it('check_invariants names a block whose chain has a gap or is out of order', () => {
    const { large } = setup();
    const p = large.alloc(MIB);
    large.resize(p, MIB + MIB / 2);
    large.resize(p, 2 * MIB);
    large.check_invariants();
    const chain = large.chain(p);
    const [middle] = chain.splice(1, 1);
    expect(() => large.check_invariants()).toThrow(`Large_blocks: block ${p} has a segment at ${p + MIB + MIB / 2}, expected ${p + MIB}`);
    chain.splice(1, 0, middle!);
    large.check_invariants();
    chain.reverse();
    expect(() => large.check_invariants()).toThrow(`Large_blocks: block ${p} has a segment at ${p + MIB + MIB / 2}, expected ${p}`);
  });
});
