import { describe, expect, it } from 'vitest';
import { L4_PAGESIZE } from '../l4re/mem.ts';
import { Arena } from './arena.ts';
import { create_world } from './world.ts';

const PAGE = L4_PAGESIZE;

/** An arena of three one-page segments. */
function three_segments() {
  const task = create_world({ quota: 2 ** 30 }).create_task('app');
  const a = Arena.map(task, PAGE)!;
  expect(a.grow(PAGE) && a.grow(PAGE)).toBe(true);
  a.check_invariants();
  return { a, where: `Arena at ${a.base}` };
}

describe('Arena.check_invariants: segments against len', () => {
  it('names segments that end short of len, though len and the page views agree', () => {
    const { a, where } = three_segments();
    const last = a.segments.pop()!;
    expect(() => a.check_invariants()).toThrow(`${where}: segments end at ${a.base + 2 * PAGE}, len ${3 * PAGE}, 3 page views`);
    a.segments.push(last);
    a.check_invariants();
  });

  it('names the first segment out of order', () => {
    const { a, where } = three_segments();
    a.segments.reverse();
    expect(() => a.check_invariants()).toThrow(`${where}: segment at ${a.base + 2 * PAGE}, expected ${a.base}`);
  });
});
