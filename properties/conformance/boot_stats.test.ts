import { describe, expect, it } from 'vitest';
import { L4_CAP_FPAGE_RWS, L4_INVALID_CAP, cap_of_slot } from '../../l4re/cap.ts';
import { Factory_cap } from '../../l4re/factory.ts';
import { log_write } from '../../l4re/log.ts';
import { WORLDS } from '../worlds.ts';
import { boot_ab } from './support.ts';

describe.each(Object.values(WORLDS))('boot and stats ($name)', (w) => {
  it('boots the Lua sessions example', () => {
    const sys = boot_ab(w);
    expect(sys.server.name).toBe('logging');
    expect(sys.clients.map((c) => c.name)).toEqual(['a', 'b']);
    expect(sys.server.get_cap('log_server')).toBe(cap_of_slot(1));
    expect(sys.clients[1]!.get_cap('log_server')).toBe(cap_of_slot(1));
    expect(sys.world.stats()).toEqual({
      tasks: [
        { name: 'logging', slots: 0, regions: 0 },
        { name: 'a', slots: 0, regions: 0 },
        { name: 'b', slots: 0, regions: 0 },
      ],
      gates: 1,
      dataspaces: 0,
      quota_used: 0,
      objects: 1,
    });
    expect(sys.console).toEqual([]);
    expect(sys.sessions()).toEqual([]);
    sys.world.check_invariants();
  });

  it('the loader keeps its channels alive for good', () => {
    const world = w.create_world({ quota: 0 });
    const ch = world.new_channel();
    const t = world.create_task('t', { x: { channel: ch, rights: L4_CAP_FPAGE_RWS } });
    expect(world.stats().gates).toBe(1);
    expect(t.unmap(t.get_cap('x'))).toBe(0);
    expect(world.stats()).toEqual({ tasks: [{ name: 't', slots: 0, regions: 0 }], gates: 1, dataspaces: 0, quota_used: 0, objects: 0 });
    world.check_invariants();
  });

  it('debug_label shows session labels only', () => {
    const sys = boot_ab(w);
    const a = sys.clients[0]!;
    const s = new Factory_cap(a, a.get_cap('log_server')).create(0, 'alice');
    const label = sys.world.debug_label(a, s);
    expect(label).toBeGreaterThan(0);
    expect(label! & 3).toBe(0);
    expect(label).not.toBe(sys.world.debug_label(a, a.get_cap('log_server')));
    expect(sys.world.debug_label(a, cap_of_slot(30))).toBeUndefined();
    expect(sys.world.debug_label(a, L4_INVALID_CAP)).toBeUndefined();
    const ds = a.cap_alloc.alloc();
    a.mem_alloc.alloc(4096, ds);
    expect(sys.world.debug_label(a, ds)).toBeUndefined();
    expect(sys.world.debug_label(w.create_world({ quota: 0 }).create_task('x'), s)).toBeUndefined();
  });

  it('many sessions opened and closed leave the stats at their baseline', () => {
    const sys = boot_ab(w);
    const baseline = sys.world.stats();
    for (let round = 0; round < 3; round++) {
      const caps = sys.clients.map((c, i) => new Factory_cap(c, c.get_cap('log_server')).create(0, `c${i}r${round}`));
      sys.clients.forEach((c, i) => expect(log_write(c, caps[i]!, `round ${round}`)).toBe(0));
      expect(sys.sessions().length).toBe(2);
      sys.clients.forEach((c, i) => expect(c.cap_alloc.free(caps[i]!)).toBe(0));
      sys.world.check_invariants();
    }
    expect(sys.world.stats()).toEqual(baseline);
    expect(sys.console.length).toBe(6);
    expect(sys.console[5]).toBe('c1r2: round 2');
  });
});
