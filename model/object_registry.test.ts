import { describe, expect, it } from 'vitest';
import { L4_CAP_FPAGE_RWS, L4_INVALID_CAP } from '../l4re/cap.ts';
import type { Epiface } from '../l4re/epiface.ts';
import { L4_ENOENT, L4_IPC_NOT_EXISTENT_ERR } from '../l4re/err.ts';
import { boot_service } from './log_server.ts';

class Counter implements Epiface {
  cap = L4_INVALID_CAP;
  calls = 0;
  releases = 0;
  obj_cap() {
    return this.cap;
  }
  set_obj_cap(cap: number) {
    this.cap = cap;
  }
  dispatch() {
    this.calls++;
    return { ret: 0 };
  }
  release() {
    this.releases++;
  }
}

const NOP = { proto: 0, opcode: 0, args: [] };

function setup() {
  let svc!: Counter;
  const b = boot_service({ quota: 4096, clients: ['a'] }, () => (svc = new Counter()));
  return { ...b, svc, a: b.clients[0]! };
}

describe('Object_registry with a service-bound object', () => {
  it('unregister unbinds the gate, keeps the slot, and the service can be bound again', () => {
    const { world, server, registry_server, svc, a } = setup();
    const reg = registry_server.registry;
    const cap = a.get_cap('log_server');
    expect(a.invoke(cap, NOP).ret).toBe(0);
    expect(reg.unregister_obj(svc)).toBe(0);
    expect(svc.releases).toBe(1);
    expect(a.invoke(cap, NOP).ret).toBe(L4_IPC_NOT_EXISTENT_ERR);
    expect(world.stats().gates).toBe(1);
    const next = new Counter();
    expect(reg.register_obj(next, 'log_server')).toBe(server.get_cap('log_server'));
    expect(a.invoke(cap, NOP).ret).toBe(0);
    expect([svc.calls, next.calls]).toEqual([1, 1]);
    world.check_invariants();
  });

  it('a service name whose slot is empty or holds a dataspace cannot be bound', () => {
    const { server, registry_server, svc } = setup();
    const reg = registry_server.registry;
    reg.unregister_obj(svc);
    expect(server.mem_alloc.alloc(1, server.get_cap('log_server'))).toBe(0);
    expect(reg.register_obj(new Counter(), 'log_server')).toBe(L4_INVALID_CAP);
    expect(server.unmap(server.get_cap('log_server'))).toBe(0);
    expect(reg.register_obj(new Counter(), 'log_server')).toBe(L4_INVALID_CAP);
  });

  it('deleting the service gate retires its object', () => {
    const { world, server, registry_server, svc, a } = setup();
    expect(server.delete_obj(server.get_cap('log_server'))).toBe(0);
    expect(svc.releases).toBe(1);
    expect(registry_server.registry.size()).toBe(0);
    expect(a.invoke(a.get_cap('log_server'), NOP).ret).toBe(L4_IPC_NOT_EXISTENT_ERR);
    world.check_invariants();
  });

  it('a forged stale label is answered -L4_ENOENT and reaches nothing', () => {
    const { world, server, registry_server, a } = setup();
    const o = new Counter();
    const label = world.debug_label(server, registry_server.registry.register_obj(o))!;
    expect(registry_server.dispatch(label | 3, NOP).ret).toBe(0);
    registry_server.registry.unregister_obj(o);
    expect(registry_server.dispatch(label | 3, NOP).ret).toBe(-L4_ENOENT);
    expect(o.calls).toBe(1);
    expect(a.name).toBe('a');
  });

  it('check_invariants names the registry when a registration is inconsistent', () => {
    const { world, svc } = setup();
    svc.set_obj_cap(L4_CAP_FPAGE_RWS);
    expect(() => world.check_invariants()).toThrow(/^Object_registry logging: registration of label 4 is inconsistent/);
  });

  it('map gives -L4_ENOENT when unmapping the old copy destroys the source', () => {
    const { world, server, registry_server } = setup();
    const reg = registry_server.registry;
    const o = new Counter();
    const p = new Counter();
    const x = reg.register_obj(o);
    const y = reg.register_obj(p);
    o.release = () => {
      reg.unregister_obj(p);
    };
    expect(server.map(y, server, x, L4_CAP_FPAGE_RWS)).toBe(-L4_ENOENT);
    expect(server.unmap(x)).toBe(-L4_ENOENT);
    expect(reg.size()).toBe(1);
    expect(server.cap_alloc.in_use()).toBe(0);
    world.check_invariants();
  });
});
