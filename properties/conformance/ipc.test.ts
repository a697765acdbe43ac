import { describe, expect, it } from 'vitest';
import { L4_CAP_FPAGE_RO, L4_CAP_FPAGE_RW, L4_CAP_FPAGE_RWS, L4_CAP_FPAGE_RWSD, L4_INVALID_CAP, cap_of_slot } from '../../l4re/cap.ts';
import { L4_EBADPROTO, L4_EINVAL, L4_EMSGTOOLONG, L4_ENOENT, L4_EPERM, L4_IPC_NOT_EXISTENT_ERR } from '../../l4re/err.ts';
import { L4_UTCB_GENERIC_DATA_SIZE, msg_words } from '../../l4re/ipc.ts';
import { L4RE_RM_F_RW, L4RE_RM_F_SEARCH_ADDR } from '../../l4re/mem.ts';
import { WORLDS } from '../worlds.ts';
import { Echo, boot_ab, msg_of_words } from './support.ts';

const C = cap_of_slot(10);
const RCV = cap_of_slot(20);
const NOP = { proto: 0, opcode: 3, args: [] };

describe.each(Object.values(WORLDS))('IPC ($name)', (w) => {
  const setup = (rights = L4_CAP_FPAGE_RWS) => {
    const sys = boot_ab(w);
    const a = sys.clients[0]!;
    const o = new Echo();
    const cap = sys.registry.register_obj(o);
    expect(sys.server.map(cap, a, C, rights)).toBe(0);
    return { sys, a, o, cap };
  };

  it('a call reaches the object with the W and S bits of the invoked capability', () => {
    const { sys, a, o, cap } = setup();
    expect(a.invoke(C, NOP)).toEqual({ ret: 7, words: [3, 3, 0] });
    sys.server.map(cap, a, C, L4_CAP_FPAGE_RW);
    expect(a.invoke(C, NOP).words[0]).toBe(1);
    sys.server.map(cap, a, C, L4_CAP_FPAGE_RO);
    expect(a.invoke(C, NOP).words[0]).toBe(0);
    expect(o.calls.length).toBe(3);
  });

  it('failing calls reach no server, in the documented order', () => {
    const { sys, a, o } = setup();
    const ds = a.cap_alloc.alloc();
    expect(a.mem_alloc.alloc(4096, ds)).toBe(0);
    const long = msg_of_words(L4_UTCB_GENERIC_DATA_SIZE + 1);
    expect(a.invoke(L4_INVALID_CAP, long).ret).toBe(L4_IPC_NOT_EXISTENT_ERR);
    expect(a.invoke(cap_of_slot(11), long).ret).toBe(L4_IPC_NOT_EXISTENT_ERR);
    expect(a.invoke(ds, long)).toEqual({ ret: -L4_EBADPROTO, words: [] });
    expect(a.invoke(C, { ...long, rcv: L4_INVALID_CAP }).ret).toBe(-L4_EMSGTOOLONG);
    expect(a.invoke(C, { ...NOP, rcv: L4_INVALID_CAP }).ret).toBe(-L4_EINVAL);
    expect(o.calls.length).toBe(0);
    expect(a.invoke(C, msg_of_words(L4_UTCB_GENERIC_DATA_SIZE)).ret).toBe(7);
    expect(msg_words(o.calls[0]!.msg)).toBe(L4_UTCB_GENERIC_DATA_SIZE);
    sys.world.check_invariants();
  });

  it('a gate no server is bound to gives -2004', () => {
    const sys = boot_ab(w);
    const ch = sys.world.new_channel();
    const t = sys.world.create_task('t', { x: { channel: ch, rights: L4_CAP_FPAGE_RWS } });
    expect(t.invoke(t.get_cap('x'), NOP)).toEqual({ ret: L4_IPC_NOT_EXISTENT_ERR, words: [] });
  });

  it('a reply capability lands in the receive slot with reduced rights, before after() runs', () => {
    const { sys, a, o } = setup();
    const ds = sys.server.cap_alloc.alloc();
    sys.server.mem_alloc.alloc(4096, ds);
    o.reply_cap = { cap: ds, rights: L4_CAP_FPAGE_RW };
    const seen: number[] = [];
    o.after = () => seen.push(a.dec_refcnt(RCV));
    expect(a.invoke(C, { ...NOP, rcv: RCV }).ret).toBe(7);
    expect(seen).toEqual([0]);
    expect(a.delete_obj(RCV)).toBe(-L4_EPERM);
    expect(a.rm.attach(0, 4096, L4RE_RM_F_SEARCH_ADDR | L4RE_RM_F_RW, RCV)).toBe(0x10000);
    expect(sys.world.stats().dataspaces).toBe(1);
  });

  it('a reply capability is dropped without a receive slot or from an empty server slot', () => {
    const { sys, a, o } = setup();
    const ds = sys.server.cap_alloc.alloc();
    sys.server.mem_alloc.alloc(4096, ds);
    o.reply_cap = { cap: ds, rights: L4_CAP_FPAGE_RWSD };
    expect(a.invoke(C, NOP).ret).toBe(7);
    o.reply_cap = { cap: cap_of_slot(30), rights: L4_CAP_FPAGE_RWSD };
    expect(a.invoke(C, { ...NOP, rcv: RCV }).ret).toBe(7);
    expect(a.unmap(RCV)).toBe(-L4_ENOENT);
    expect(sys.server.cap_alloc.free(ds)).toBe(0);
    expect(sys.world.stats().dataspaces).toBe(0);
  });
});
