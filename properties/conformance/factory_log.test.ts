import { describe, expect, it } from 'vitest';
import { L4_CAP_FPAGE_RO, L4_CAP_FPAGE_RW, L4_CAP_FPAGE_RWS, cap_of_slot } from '../../l4re/cap.ts';
import {
  L4_EBADPROTO,
  L4_EINVAL,
  L4_ENODEV,
  L4_ENOMEM,
  L4_ENOSYS,
  L4_EPERM,
  L4_ERANGE,
  L4_IPC_NOT_EXISTENT_ERR,
} from '../../l4re/err.ts';
import { Factory_cap } from '../../l4re/factory.ts';
import { L4_PROTO_FACTORY, L4_PROTO_LOG, mword, str, umword } from '../../l4re/ipc.ts';
import { LOG_MAX_FRAGMENT, LOG_MAX_TEXT, LOG_MORE, LOG_OP_PRINT, log_print_msg, log_write } from '../../l4re/log.ts';
import { L4RE_CAP_ALLOC_BASE } from '../../l4re/mem.ts';
import type { Log_system } from '../../l4re/world.ts';
import { WORLDS } from '../worlds.ts';
import { boot_ab } from './support.ts';

const BASE = cap_of_slot(L4RE_CAP_ALLOC_BASE);

const print = (text: string, flags: number) => log_print_msg(text, flags);

describe.each(Object.values(WORLDS))('session factory and Log_session ($name)', (w) => {
  const factory = (sys: Log_system, i = 0) => new Factory_cap(sys.clients[i]!, sys.clients[i]!.get_cap('log_server'));

  it('the slides\' Lua line log:create(0, "args") is one direct call', () => {
    const sys = boot_ab(w);
    const client = sys.clients[0]!;
    const log = new Factory_cap(client, client.get_cap('log_server'));
    const session = log.create(0, 'args');
    expect(session).toBe(BASE);
    expect(log_write(client, session, 'hello')).toBe(0);
    expect(sys.console).toEqual(['args: hello']);
  });

  it('a session lives from create to cap_alloc.free, and the world returns to its baseline', () => {
    const sys = boot_ab(w);
    const a = sys.clients[0]!;
    const baseline = sys.world.stats();
    const s = factory(sys).create(0, 'alice');
    expect(s).toBe(BASE);
    expect(sys.sessions().map((x) => x.id)).toEqual(['alice']);
    expect(sys.world.stats()).toMatchObject({ gates: 2, objects: 2 });
    expect(sys.world.stats().tasks.map((t) => t.slots)).toEqual([1, 1, 0]);
    expect(log_write(a, s, 'hello')).toBe(0);
    const long = 'x'.repeat(2 * LOG_MAX_FRAGMENT + 10);
    expect(log_write(a, s, long)).toBe(0);
    expect(sys.console).toEqual(['alice: hello', `alice: ${long}`]);
    expect(a.cap_alloc.free(s)).toBe(0);
    expect(sys.world.stats()).toEqual(baseline);
    expect(sys.sessions()).toEqual([]);
    expect(a.invoke(s, print('late', 0)).ret).toBe(L4_IPC_NOT_EXISTENT_ERR);
    sys.world.check_invariants();
  });

  it('a create without a receive slot leaves no session behind', () => {
    const sys = boot_ab(w);
    const a = sys.clients[0]!;
    const baseline = sys.world.stats();
    const r = a.invoke(a.get_cap('log_server'), { proto: L4_PROTO_FACTORY, opcode: 0, args: [str('ghost')] });
    expect(r).toEqual({ ret: 0, words: [] });
    expect(sys.world.stats()).toEqual(baseline);
    expect(sys.sessions()).toEqual([]);
    sys.world.check_invariants();
  });

  it('a session shared with another client lives until the last copy goes', () => {
    const sys = boot_ab(w);
    const [a, b] = sys.clients;
    const s = factory(sys).create(0, 'alice');
    expect(a!.map(s, b!, cap_of_slot(10), L4_CAP_FPAGE_RW)).toBe(0);
    a!.cap_alloc.free(s);
    expect(log_write(b!, cap_of_slot(10), 'from b')).toBe(0);
    expect(b!.unmap(cap_of_slot(10))).toBe(0);
    expect(sys.sessions()).toEqual([]);
    expect(sys.console).toEqual(['alice: from b']);
  });

  it('fragments of two sessions never mix', () => {
    const sys = boot_ab(w);
    const [a, b] = sys.clients;
    const s1 = factory(sys, 0).create(0, 'alice');
    const s2 = factory(sys, 1).create(0, 'bob');
    expect(s2).toBe(BASE);
    expect(a!.invoke(s1, print('he', LOG_MORE)).ret).toBe(0);
    expect(b!.invoke(s2, print('wo', LOG_MORE)).ret).toBe(0);
    expect(a!.invoke(s1, print('llo', 0)).ret).toBe(0);
    expect(b!.invoke(s2, print('rld', 0)).ret).toBe(0);
    expect(sys.console).toEqual(['alice: hello', 'bob: world']);
    expect(sys.sessions().map((x) => x.id)).toEqual(['alice', 'bob']);
  });

  it('factory errors, in the documented order', () => {
    const sys = boot_ab(w);
    const a = sys.clients[0]!;
    const f = a.get_cap('log_server');
    const weak = cap_of_slot(10);
    a.map(f, a, weak, L4_CAP_FPAGE_RW);
    expect(a.invoke(weak, { proto: L4_PROTO_LOG, opcode: 1, args: [] }).ret).toBe(-L4_EBADPROTO);
    expect(new Factory_cap(a, weak).create(1)).toBe(-L4_EPERM);
    expect(factory(sys).create(1, 'x')).toBe(-L4_ENODEV);
    expect(factory(sys).create(0)).toBe(-L4_EINVAL);
    expect(factory(sys).create(0, 5)).toBe(-L4_EINVAL);
    expect(factory(sys).create(0, null)).toBe(-L4_EINVAL);
    expect(a.cap_alloc.in_use()).toBe(0);
    expect(sys.sessions()).toEqual([]);
  });

  it('create gives -L4_ENOMEM when the server or the client has no slot left', () => {
    const sys = boot_ab(w, 1);
    expect(factory(sys, 0).create(0, 'alice')).toBe(BASE);
    expect(factory(sys, 1).create(0, 'bob')).toBe(-L4_ENOMEM);
    expect(sys.clients[1]!.cap_alloc.in_use()).toBe(0);
    expect(factory(sys, 0).create(0, 'again')).toBe(-L4_ENOMEM);
    expect(sys.sessions().map((x) => x.id)).toEqual(['alice']);
  });

  it('Print errors, in the documented order', () => {
    const sys = boot_ab(w);
    const a = sys.clients[0]!;
    const s = factory(sys).create(0, 'alice');
    const ro = cap_of_slot(10);
    a.map(s, a, ro, L4_CAP_FPAGE_RO);
    expect(a.invoke(s, { proto: L4_PROTO_FACTORY, opcode: 0, args: [str('x')] }).ret).toBe(-L4_EBADPROTO);
    expect(a.invoke(ro, { proto: L4_PROTO_LOG, opcode: 1, args: [] }).ret).toBe(-L4_ENOSYS);
    expect(a.invoke(ro, print('x', 0)).ret).toBe(-L4_EPERM);
    expect(a.invoke(s, { proto: L4_PROTO_LOG, opcode: LOG_OP_PRINT, args: [str('x')] }).ret).toBe(-L4_EINVAL);
    expect(a.invoke(s, { proto: L4_PROTO_LOG, opcode: LOG_OP_PRINT, args: [str('x'), mword(0)] }).ret).toBe(-L4_EINVAL);
    expect(a.invoke(s, { proto: L4_PROTO_LOG, opcode: LOG_OP_PRINT, args: [umword(0), umword(0)] }).ret).toBe(-L4_EINVAL);
    expect(a.invoke(s, { proto: L4_PROTO_LOG, opcode: LOG_OP_PRINT, args: [str('ok'), umword(0), str('ignored')] }).ret).toBe(0);
    expect(sys.console).toEqual(['alice: ok']);
  });

  it('a pending text past LOG_MAX_TEXT is dropped with -L4_ERANGE', () => {
    const sys = boot_ab(w);
    const a = sys.clients[0]!;
    const s = factory(sys).create(0, 'alice');
    const exact = 'y'.repeat(LOG_MAX_TEXT);
    expect(log_write(a, s, exact)).toBe(0);
    expect(sys.console).toEqual([`alice: ${exact}`]);
    expect(log_write(a, s, `${exact}z`)).toBe(-L4_ERANGE);
    expect(a.invoke(s, print('after', 0)).ret).toBe(0);
    expect(sys.console).toEqual([`alice: ${exact}`, 'alice: after']);
  });

  it('closing a session drops its pending text unprinted', () => {
    const sys = boot_ab(w);
    const a = sys.clients[0]!;
    const s = factory(sys).create(0, 'alice');
    expect(a.invoke(s, print('half', LOG_MORE)).ret).toBe(0);
    expect(a.cap_alloc.free(s)).toBe(0);
    const t = factory(sys).create(0, 'alice');
    expect(a.invoke(t, print('new', 0)).ret).toBe(0);
    expect(sys.console).toEqual(['alice: new']);
  });

  it('a session dies with the client capability even when mapped with RWS', () => {
    const sys = boot_ab(w);
    const a = sys.clients[0]!;
    const s = factory(sys).create(0, 'alice');
    expect(a.delete_obj(s)).toBe(-L4_EPERM);
    expect(a.map(s, a, cap_of_slot(10), L4_CAP_FPAGE_RWS)).toBe(0);
    expect(a.unmap(s)).toBe(0);
    expect(a.unmap(cap_of_slot(10))).toBe(0);
    expect(sys.sessions()).toEqual([]);
    expect(sys.world.stats().objects).toBe(1);
  });
});
