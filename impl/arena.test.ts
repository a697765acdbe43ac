import { describe, expect, it } from 'vitest';
import { L4_PAGESIZE } from '../l4re/mem.ts';
import { Arena } from './arena.ts';
import { create_world } from './world.ts';

const PAGE = L4_PAGESIZE;

function two_segments() {
  const world = create_world({ quota: 2 ** 30 });
  const task = world.create_task('t');
  const a = Arena.map(task, PAGE)!;
  expect(a.grow(2 * PAGE)).toBe(true);
  a.check_invariants();
  return { world, task, a, where: `Arena at ${a.base}` };
}

describe('Arena', () => {
  it('finds the lowest segment start at or after an offset', () => {
    const { a } = two_segments();
    expect(a.len).toBe(3 * PAGE);
    expect(a.segment_start_from(0)).toBe(0);
    expect(a.segment_start_from(1)).toBe(PAGE);
    expect(a.segment_start_from(PAGE)).toBe(PAGE);
    expect(a.segment_start_from(PAGE + 1)).toBe(3 * PAGE);
  });

  it('gives back every segment from a cut, and its pages, and is readable across segments', () => {
    const { world, a } = two_segments();
    a.set(PAGE - 4, 7);
    a.set(PAGE, 9);
    expect([a.get(PAGE - 4), a.get(PAGE)]).toEqual([7, 9]);
    expect(world.stats().quota_used).toBe(3 * PAGE);
    a.shrink_to(PAGE);
    expect(a.len).toBe(PAGE);
    expect(a.segments.length).toBe(1);
    expect(world.stats().quota_used).toBe(PAGE);
    a.check_invariants();
  });

  it('check_invariants names a segment out of place, and a length or page views out of step', () => {
    let s = two_segments();
    const seg = s.a.segments[1]!;
    s.a.segments[1] = { ...seg, start: seg.start + PAGE };
    expect(() => s.a.check_invariants()).toThrow(`${s.where}: segment at ${seg.start + PAGE}, expected ${seg.start}`);
    s = two_segments();
    s.a.len += PAGE;
    expect(() => s.a.check_invariants()).toThrow(`${s.where}: segments end at ${s.a.base + 3 * PAGE}, len ${4 * PAGE}, 3 page views`);
    s = two_segments();
    (s.a as unknown as { words: unknown[] }).words.pop();
    expect(() => s.a.check_invariants()).toThrow(`${s.where}: segments end at ${s.a.base + 3 * PAGE}, len ${3 * PAGE}, 2 page views`);
  });
});
