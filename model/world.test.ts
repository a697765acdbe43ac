import { describe, expect, it } from 'vitest';
import { L4_CAP_FPAGE_RWS, L4_CAP_FPAGE_RWSD, cap_of_slot } from '../l4re/cap.ts';
import { L4RE_RM_F_RW, L4RE_RM_F_SEARCH_ADDR } from '../l4re/mem.ts';
import type { Task as Task_api } from '../l4re/task.ts';
import { Dataspace } from './dataspace.ts';
import { create_world } from './world.ts';

const PAGE = 4096;

function world_with_ds() {
  const world = create_world({ quota: 8 * PAGE, cap_alloc_slots: 4 });
  const t = world.create_task('t');
  const ds = t.cap_alloc.alloc();
  t.mem_alloc.alloc(PAGE, ds);
  const at = t.rm.attach(0, PAGE, L4RE_RM_F_SEARCH_ADDR | L4RE_RM_F_RW, ds);
  return { world, t, ds, at };
}

describe('World: misuse by the caller throws', () => {
  it('rejects too many environment capabilities and unknown channels', () => {
    const world = create_world({ quota: 0 });
    const ch = world.new_channel();
    const many = Object.fromEntries(Array.from({ length: 64 }, (_, i) => [`c${i}`, { channel: ch, rights: 7 }]));
    expect(() => world.create_task('t', many)).toThrow(/64 environment capabilities/);
    expect(() => world.create_task('t', { x: { channel: 5, rights: 7 } })).toThrow(/no channel 5/);
  });

  it('rejects a task of another world', () => {
    const { t } = world_with_ds();
    const foreign = { ...t, name: 'foreign' } as unknown as Task_api;
    expect(() => t.map(cap_of_slot(64), foreign, cap_of_slot(70), 7)).toThrow(/foreign: not a task of the model world/);
  });

  it('gives environment capabilities of a destroyed channel as empty slots', () => {
    const world = create_world({ quota: 0 });
    const ch = world.new_channel();
    const s = world.create_task('s', { x: { channel: ch, rights: L4_CAP_FPAGE_RWSD } });
    expect(s.delete_obj(s.get_cap('x'))).toBe(0);
    const t = world.create_task('t', { x: { channel: ch, rights: L4_CAP_FPAGE_RWS } });
    expect(t.get_cap('x')).toBe(cap_of_slot(1));
    expect(t.unmap(t.get_cap('x'))).toBe(-2);
    expect(world.stats().gates).toBe(0);
  });
});

describe('World.check_invariants names the broken structure', () => {
  it('passes on a consistent world', () => {
    world_with_ds().world.check_invariants();
  });

  it('Kernel: a count that disagrees with the references', () => {
    const { world, t, ds } = world_with_ds();
    t.space.slots.get(ds >> 12)!.obj.count++;
    expect(() => world.check_invariants()).toThrow(/^Kernel: live dataspace has count 3, but 2/);
  });

  it('Kernel: quota out of step', () => {
    const { world } = world_with_ds();
    world.kernel.quota_used += PAGE;
    expect(() => world.check_invariants()).toThrow(/^Kernel: quota_used 8192, live dataspaces 4096/);
  });

  it('Obj_space: an entry naming a destroyed object', () => {
    const { world, t } = world_with_ds();
    t.space.slots.set(99, { obj: new Dataspace(PAGE), rights: 7, counted: true });
    expect(() => world.check_invariants()).toThrow(/^Obj_space t: 405504 holds a destroyed dataspace/);
  });

  it('Rm: overlapping regions, regions past their dataspace or past the end', () => {
    const { world, t, at } = world_with_ds();
    const r = t.rm.list[0]!;
    t.rm.list.push({ ...r, ds: new Dataspace(PAGE) });
    expect(() => world.check_invariants()).toThrow(/^Rm t: region 65536\+4096 misplaced/);
    t.rm.list[1] = { ...r, start: at + PAGE, offset: PAGE };
    expect(() => world.check_invariants()).toThrow(/^Rm t: region 69632\+4096 reaches past its dataspace/);
    t.rm.list[1] = { ...r, start: 2 ** 47, ds: new Dataspace(PAGE) };
    expect(() => world.check_invariants()).toThrow(/^Rm t: a region ends at/);
  });

  it('Cap_alloc: a slot outside the range', () => {
    const { world, t } = world_with_ds();
    (t.cap_alloc as unknown as { allocated: Set<number> }).allocated.add(3);
    expect(() => world.check_invariants()).toThrow(/^Cap_alloc t: allocated slot 3 outside the range/);
  });
});

describe('Rm.read', () => {
  it('throws on a length that is not a non-negative safe integer', () => {
    const { t, at } = world_with_ds();
    expect(() => t.read(at, -1)).toThrow(/^Rm t: read of -1 bytes/);
    expect(() => t.read(at, 1.5)).toThrow(RangeError);
  });
});

describe('Dataspace', () => {
  it('keeps bytes per page, sparsely, and overwrites in place', () => {
    const ds = new Dataspace(3 * PAGE);
    ds.write(PAGE - 1, Uint8Array.of(1, 2));
    ds.write(PAGE, Uint8Array.of(3));
    const out = new Uint8Array(4);
    ds.read(PAGE - 2, out);
    expect(out).toEqual(Uint8Array.of(0, 1, 3, 0));
    ds.destroy();
    ds.read(PAGE - 2, out.fill(0));
    expect(out).toEqual(new Uint8Array(4));
  });
});
