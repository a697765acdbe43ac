import { describe, expect, it } from 'vitest';
import { L4_CAP_FPAGE_RWS, L4_INVALID_CAP, cap_of_slot } from '../../l4re/cap.ts';
import { L4_ENOENT, L4_IPC_NOT_EXISTENT_ERR } from '../../l4re/err.ts';
import { L4RE_CAP_ALLOC_BASE } from '../../l4re/mem.ts';
import { WORLDS } from '../worlds.ts';
import { Echo, boot_ab } from './support.ts';

const BASE = cap_of_slot(L4RE_CAP_ALLOC_BASE);
const C = cap_of_slot(10);
const NOP = { proto: 0, opcode: 0, args: [] };

describe.each(Object.values(WORLDS))('Object_registry and Registry_server ($name)', (w) => {
  it('register_obj gives the lowest free server slot, once per object', () => {
    const sys = boot_ab(w);
    const o = new Echo();
    const p = new Echo();
    expect(sys.registry.register_obj(o)).toBe(BASE);
    expect(o.obj_cap()).toBe(BASE);
    expect(sys.registry.register_obj(o)).toBe(L4_INVALID_CAP);
    expect(sys.registry.register_obj(p)).toBe(BASE + 0x1000);
    expect(sys.registry.size()).toBe(3);
    expect(sys.world.stats()).toMatchObject({ gates: 3, objects: 3 });
    expect(sys.world.stats().tasks[0]).toEqual({ name: 'logging', slots: 2, regions: 0 });
    sys.world.check_invariants();
  });

  it('register_obj fails when the server has no slot left', () => {
    const sys = boot_ab(w, 1);
    expect(sys.registry.register_obj(new Echo())).toBe(BASE);
    expect(sys.registry.register_obj(new Echo())).toBe(L4_INVALID_CAP);
    expect(sys.registry.size()).toBe(2);
  });

  it('labels are never 0, have clear low bits and are never reused', () => {
    const sys = boot_ab(w);
    const labels = new Set<number>();
    for (let i = 0; i < 5; i++) {
      const o = new Echo();
      const cap = sys.registry.register_obj(o);
      const label = sys.world.debug_label(sys.server, cap)!;
      expect(label).not.toBe(0);
      expect(label & 3).toBe(0);
      labels.add(label);
      expect(sys.registry.unregister_obj(o)).toBe(0);
      expect(sys.world.debug_label(sys.server, cap)).toBeUndefined();
    }
    expect(labels.size).toBe(5);
    expect(sys.world.debug_label(sys.server, sys.server.get_cap('log_server'))).not.toBeUndefined();
  });

  it('unregister_obj deletes the gate for every client, frees the slot and releases once', () => {
    const sys = boot_ab(w);
    const [a, b] = sys.clients;
    const o = new Echo();
    const cap = sys.registry.register_obj(o);
    sys.server.map(cap, a!, C, L4_CAP_FPAGE_RWS);
    sys.server.map(cap, b!, C, L4_CAP_FPAGE_RWS);
    expect(a!.invoke(C, NOP).ret).toBe(7);
    expect(sys.registry.unregister_obj(o)).toBe(0);
    expect(sys.registry.unregister_obj(o)).toBe(-L4_ENOENT);
    expect(o.releases).toBe(1);
    expect(o.obj_cap()).toBe(L4_INVALID_CAP);
    expect(a!.invoke(C, NOP).ret).toBe(L4_IPC_NOT_EXISTENT_ERR);
    expect(b!.unmap(C)).toBe(-L4_ENOENT);
    expect(sys.world.stats()).toMatchObject({ gates: 1, objects: 1 });
    expect(sys.world.stats().tasks[0]!.slots).toBe(0);
    expect(o.calls.length).toBe(1);
  });

  it('a stale capability never reaches the object that took its slot', () => {
    const sys = boot_ab(w);
    const a = sys.clients[0]!;
    const o = new Echo();
    sys.server.map(sys.registry.register_obj(o), a, C, L4_CAP_FPAGE_RWS);
    sys.registry.unregister_obj(o);
    const p = new Echo();
    expect(sys.registry.register_obj(p)).toBe(BASE);
    expect(a.invoke(C, NOP).ret).toBe(L4_IPC_NOT_EXISTENT_ERR);
    expect(p.calls.length).toBe(0);
  });

  it('the last client copy going away retires the object (gate_deleted)', () => {
    const sys = boot_ab(w);
    const a = sys.clients[0]!;
    const o = new Echo();
    const cap = sys.registry.register_obj(o);
    sys.server.map(cap, a, C, L4_CAP_FPAGE_RWS);
    expect(sys.server.dec_refcnt(cap)).toBe(0);
    expect(sys.registry.size()).toBe(2);
    expect(a.unmap(C)).toBe(0);
    expect(sys.registry.size()).toBe(1);
    expect(o.releases).toBe(1);
    expect(o.obj_cap()).toBe(L4_INVALID_CAP);
    expect(sys.server.cap_alloc.in_use()).toBe(0);
    expect(sys.registry.unregister_obj(o)).toBe(-L4_ENOENT);
    sys.world.check_invariants();
  });

  it('register_obj(o, service) needs a known, unbound gate', () => {
    const sys = boot_ab(w);
    const o = new Echo();
    expect(sys.registry.register_obj(o, 'log_server')).toBe(L4_INVALID_CAP);
    expect(sys.registry.register_obj(o, 'nothing')).toBe(L4_INVALID_CAP);
    expect(o.obj_cap()).toBe(L4_INVALID_CAP);
    expect(sys.registry.size()).toBe(1);
  });
});
