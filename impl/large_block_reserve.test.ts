import { describe, expect, it } from 'vitest';
import { L4_PAGESIZE } from '../l4re/mem.ts';
import { Large_blocks } from './large_blocks.ts';
import { create_world } from './world.ts';

const MIB = 2 ** 20;

function setup() {
  const world = create_world({ quota: 2 ** 30 });
  const task = world.create_task('app');
  const base = world.stats();
  const large = new Large_blocks(task);
  /** Regions attached and bytes of quota used now. */
  const held = () => ({ regions: task.rm.regions(), quota: task.mem_alloc.quota().used });
  return { world, base, large, held };
}

describe('Large_blocks: the reserve after a block', () => {
  it('places a block of 1 MiB at a multiple of 2 MiB, in one segment of whole pages', () => {
    const { large, held } = setup();
    const p = large.alloc(MIB - 100);
    expect(p % (2 * MIB)).toBe(0);
    expect(large.has(p)).toBe(true);
    expect(large.has(p + L4_PAGESIZE)).toBe(false);
    expect(large.usable(p)).toBe(MIB);
    expect(held()).toEqual({ regions: 1, quota: MIB });
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

  it('keeps a block’s first segment whatever it shrinks to, even to nothing', () => {
    const { world, base, large, held } = setup();
    const p = large.alloc(MIB);
    const one = held();
    expect(large.resize(p, 2 * MIB)).toBe(true);
    expect(large.resize(p, 0)).toBe(true);
    expect(large.usable(p)).toBe(MIB);
    expect(held()).toEqual(one);
    large.check_invariants();
    large.free(p);
    expect(world.stats()).toEqual(base);
  });
});
