import { describe, expect, it } from 'vitest';
import { L4_CAP_FPAGE_RW } from '../l4re/cap.ts';
import { Cap_table } from './cap_table.ts';

describe('Cap_table', () => {
  it('reads slots never filled as -1, inside and past its capacity', () => {
    const t = new Cap_table();
    expect(t.capacity()).toBe(128);
    expect(t.object_at(0)).toBe(-1);
    expect(t.object_at(127)).toBe(-1);
    expect(t.object_at(128)).toBe(-1);
    expect(t.object_at(65535)).toBe(-1);
  });

  it('doubles to hold the first slot past its capacity, keeping every entry', () => {
    const t = new Cap_table();
    t.set(5, 3, 2, L4_CAP_FPAGE_RW, true);
    t.set(128, 7, 1, L4_CAP_FPAGE_RW, false);
    expect(t.capacity()).toBe(256);
    expect(t.object_at(128)).toBe(7);
    expect(t.object_at(129)).toBe(-1);
    expect([t.object_at(5), t.gen[5], t.rights[5], t.counted[5]]).toEqual([3, 2, L4_CAP_FPAGE_RW, 1]);
    expect([t.gen[128], t.counted[128]]).toEqual([1, 0]);
    t.set(1000, 9, 4, L4_CAP_FPAGE_RW, true);
    expect(t.capacity()).toBe(1024);
    t.set(65535, 1, 1, L4_CAP_FPAGE_RW, true);
    expect(t.capacity()).toBe(65536);
    expect(t.object_at(65535)).toBe(1);
    t.clear(5);
    expect([t.object_at(5), t.counted[5]]).toEqual([-1, 0]);
  });
});
