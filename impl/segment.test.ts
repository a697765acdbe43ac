import { describe, expect, it } from 'vitest';
import { L4_PAGESIZE, L4RE_RM_END, L4RE_RM_START } from '../l4re/mem.ts';
import { AT_EXACTLY, map_segment, unmap_segment } from './segment.ts';
import type { Impl_task } from './task.ts';
import { create_world } from './world.ts';

const P = L4_PAGESIZE;

function setup(config: { quota?: number; cap_alloc_slots?: number } = {}) {
  const t = create_world({ quota: 2 ** 30, ...config }).create_task('t');
  return { t, state: () => state(t) };
}

/** What map_segment may change: slots, quota, regions. */
function state(t: Impl_task) {
  return { slots: t.cap_alloc.in_use(), quota: t.mem_alloc.quota().used, regions: t.rm.regions() };
}

describe('map_segment', () => {
  it('with any align_bits >= 0 takes the lowest free multiple of 2^align_bits at or above start; with AT_EXACTLY, start or nothing', () => {
    const { t, state } = setup();
    const first = map_segment(t, L4RE_RM_START, P, AT_EXACTLY)!;
    expect(first.start).toBe(L4RE_RM_START);
    for (const [bits, at] of [
      [0, L4RE_RM_START + P],
      [1, L4RE_RM_START + 2 * P],
      [12, L4RE_RM_START + 3 * P],
      [17, 2 ** 17],
    ] as const) {
      expect(map_segment(t, L4RE_RM_START, P, bits)!.start, `align_bits ${bits}`).toBe(at);
    }
    const before = state();
    expect(map_segment(t, L4RE_RM_START + P, P, AT_EXACTLY)).toBeNull();
    expect(state()).toEqual(before);
    expect(map_segment(t, L4RE_RM_START + 4 * P, P, AT_EXACTLY)!.start).toBe(L4RE_RM_START + 4 * P);
  });

  it('holds one slot, round_page(size) bytes of quota and one region, all given back by unmap_segment', () => {
    const { t, state } = setup();
    const empty = state();
    const s = map_segment(t, L4RE_RM_START, 3 * P, 12)!;
    expect(s).toMatchObject({ start: L4RE_RM_START, size: 3 * P });
    expect(state()).toEqual({ slots: 1, quota: 3 * P, regions: 1 });
    unmap_segment(t, s);
    expect(state()).toEqual(empty);
  });

  it('fails changing nothing when there is no slot, no quota or no address space', () => {
    const no_slot = setup({ cap_alloc_slots: 1 });
    no_slot.t.cap_alloc.alloc();
    let before = no_slot.state();
    expect(map_segment(no_slot.t, L4RE_RM_START, P, 12)).toBeNull();
    expect(no_slot.state()).toEqual(before);

    const { t, state } = setup({ quota: 2 * P });
    before = state();
    expect(map_segment(t, L4RE_RM_START, 3 * P, 12)).toBeNull();
    expect(state()).toEqual(before);
    expect(map_segment(t, L4RE_RM_END - P, 2 * P, AT_EXACTLY)).toBeNull();
    expect(state()).toEqual(before);
  });
});
