import { describe, expect, it } from 'vitest';
import { cap_of_slot, L4_CAP_FPAGE_RW, L4_CAP_FPAGE_RWSD, L4_INVALID_CAP } from '../l4re/cap.ts';
import { L4_ENOENT, L4_ERANGE } from '../l4re/err.ts';
import { Factory_cap } from '../l4re/factory.ts';
import { log_print_msg, LOG_MAX_FRAGMENT, LOG_MAX_TEXT, LOG_MORE } from '../l4re/log.ts';
import { L4RE_RM_F_RW, L4RE_RM_F_SEARCH_ADDR, L4RE_RM_START } from '../l4re/mem.ts';
import { boot } from './log_server.ts';
import { Log_session } from './log_session.ts';
import { Object_registry } from './object_registry.ts';
import type { Object_table } from './object_table.ts';
import { Rm } from './rm.ts';
import type { Impl_task } from './task.ts';
import { create_world, type Impl_world } from './world.ts';
import { Noop } from './noop_object.fixture.ts';

const GIB = 2 ** 30;

function sys(clients = ['alice', 'bob']) {
  const s = boot({ quota: 4 * GIB, clients });
  return { ...s, world: s.world as Impl_world, server: s.server as Impl_task };
}

describe('impl world', () => {
  it('keeps a 1 GiB dataspace with two touched pages at two pages', () => {
    const w = create_world({ quota: 2 * GIB });
    const t = w.create_task('t');
    const ds = t.cap_alloc.alloc();
    expect(t.mem_alloc.alloc(GIB, ds)).toBe(0);
    const at = t.rm.attach(0, GIB, L4RE_RM_F_SEARCH_ADDR | L4RE_RM_F_RW, ds);
    expect(at).toBe(L4RE_RM_START);
    expect(t.write(at + 4095, new Uint8Array([1, 2]))).toBe(0);
    expect(t.read(at + 4094, 4)).toEqual(new Uint8Array([0, 1, 2, 0]));
    const index = w.kernel.lookup_cap(t, ds);
    expect(w.kernel.dataspace(index)!.pages_touched()).toBe(2);
    w.check_invariants();
  });

  it('refuses misuse of the loader and of tasks of another world', () => {
    const w = create_world({ quota: GIB });
    const other = create_world({ quota: GIB }).create_task('x');
    const t = w.create_task('t');
    expect(() => t.map(0, other, 0, 0)).toThrow(/another world/);
    expect(() => w.create_task('u', { a: { channel: 7, rights: 0 } })).toThrow(/no channel 7/);
    const ch = w.new_channel();
    const many = Object.fromEntries(Array.from({ length: 64 }, (_, i) => [`c${i}`, { channel: ch, rights: 0 }]));
    expect(() => w.create_task('v', many)).toThrow(/environment capabilities/);
    expect(w.debug_label(other, 0)).toBeUndefined();
    expect(w.debug_label(t, L4_INVALID_CAP)).toBeUndefined();
  });

  it('counts a surrogate pair split across fragments as four bytes', () => {
    const s = sys();
    const alice = s.clients[0]!;
    const log = new Factory_cap(alice, alice.get_cap('log_server')).create(0, 'alice');
    const fill = 'x'.repeat(LOG_MAX_FRAGMENT);
    let sent = 0;
    while (sent + LOG_MAX_FRAGMENT <= LOG_MAX_TEXT - 4) {
      expect(alice.invoke(log, log_print_msg(fill, LOG_MORE)).ret).toBe(0);
      sent += LOG_MAX_FRAGMENT;
    }
    const rest = 'x'.repeat(LOG_MAX_TEXT - 4 - sent);
    expect(alice.invoke(log, log_print_msg(rest + '\ud83d', LOG_MORE)).ret).toBe(0);
    expect(alice.invoke(log, log_print_msg('', LOG_MORE)).ret).toBe(0);
    expect(alice.invoke(log, log_print_msg('\ude00', 0)).ret).toBe(0);
    expect(s.console.at(-1)).toBe(`alice: ${'x'.repeat(LOG_MAX_TEXT - 4)}😀`);
    let ret = 0;
    while (ret === 0) ret = alice.invoke(log, log_print_msg(fill, LOG_MORE)).ret;
    expect(ret).toBe(-L4_ERANGE);
    s.world.check_invariants();
    const session = s.sessions()[0]!;
    expect(session.obj_cap()).not.toBe(L4_INVALID_CAP);
    expect(alice.unmap(log)).toBe(0);
    expect(s.sessions()).toEqual([]);
    expect(session.obj_cap()).toBe(L4_INVALID_CAP);
    s.world.check_invariants();
  });

  it('never hands out a label twice, retiring an index whose generation is spent', () => {
    class Short_registry extends Object_registry {
      protected override readonly max_generation = 3;
    }
    const s = boot({ quota: GIB, clients: ['alice'] }, { Object_registry: Short_registry });
    const alice = s.clients[0]!;
    const factory = new Factory_cap(alice, alice.get_cap('log_server'));
    const labels = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const log = factory.create(0, `s${i}`);
      const label = s.world.debug_label(alice, log)!;
      expect(label & 3).toBe(0);
      expect(labels.has(label)).toBe(false);
      labels.add(label);
      expect(alice.cap_alloc.free(log)).toBe(0);
      s.world.check_invariants();
    }
    expect(s.registry.size()).toBe(1);
    expect(s.world.stats().objects).toBe(1);
  });

  it('unbinds a service gate on unregister, so calls through it reach nothing', () => {
    const s = sys(['alice']);
    const alice = s.clients[0]!;
    const factory = [...(s.registry as Object_registry).objects()][0]!;
    expect(s.registry.unregister_obj(factory)).toBe(0);
    expect(new Factory_cap(alice, alice.get_cap('log_server')).create(0, 'a')).toBe(-2004);
    expect(s.world.debug_label(alice, alice.get_cap('log_server'))).toBeUndefined();
    expect(s.registry.register_obj(factory, 'log_server')).toBe(alice.get_cap('log_server'));
    s.world.check_invariants();
  });

  it('gives -L4_ENOENT from a map whose unmap of the old copy retires the source', () => {
    const s = sys(['alice']);
    const alice = s.clients[0]!;
    const o1 = new Noop();
    const o2 = new Noop(() => s.registry.unregister_obj(o1));
    const c1 = s.registry.register_obj(o1);
    const c2 = s.registry.register_obj(o2);
    const d = alice.cap_alloc.alloc();
    expect(s.server.map(c2, alice, d, L4_CAP_FPAGE_RW)).toBe(0);
    expect(s.server.dec_refcnt(c2)).toBe(0);
    expect(s.server.map(c1, alice, d, L4_CAP_FPAGE_RW)).toBe(-L4_ENOENT);
    expect(alice.unmap(d)).toBe(-L4_ENOENT);
    expect(s.registry.size()).toBe(1);
    s.world.check_invariants();
  });

  it('leaves the env slot of a destroyed channel empty, and throws on a bad read length', () => {
    const w = create_world({ quota: GIB });
    const ch = w.new_channel();
    const a = w.create_task('a', { ch: { channel: ch, rights: L4_CAP_FPAGE_RWSD } });
    expect(a.delete_obj(a.get_cap('ch'))).toBe(0);
    const b = w.create_task('b', { ch: { channel: ch, rights: L4_CAP_FPAGE_RWSD } });
    expect(b.get_cap('ch')).toBe(cap_of_slot(1));
    expect(b.unmap(b.get_cap('ch'))).toBe(-L4_ENOENT);
    expect(() => b.read(L4RE_RM_START, NaN)).toThrow(RangeError);
    expect(() => b.read(L4RE_RM_START, -1)).toThrow(RangeError);
    w.check_invariants();
  });

  it('builds from the parts it is given', () => {
    const seen: string[] = [];
    class Noting_session extends Log_session {
      override release(): void {
        seen.push(this.id);
        super.release();
      }
    }
    const s = boot({ quota: GIB, clients: ['alice'] }, { Log_session: Noting_session });
    const alice = s.clients[0]!;
    const log = new Factory_cap(alice, alice.get_cap('log_server')).create(0, 'a');
    expect(s.sessions()[0]).toBeInstanceOf(Noting_session);
    alice.unmap(log);
    expect(seen).toEqual(['a']);
  });
});

describe('check_invariants', () => {
  function loaded() {
    const s = sys(['alice']);
    const alice = s.clients[0] as Impl_task;
    const log = new Factory_cap(alice, alice.get_cap('log_server')).create(0, 'alice');
    const ds = alice.cap_alloc.alloc();
    alice.mem_alloc.alloc(8192, ds);
    alice.rm.attach(0, 8192, L4RE_RM_F_SEARCH_ADDR | L4RE_RM_F_RW, ds);
    s.world.check_invariants();
    return { s, alice, log, ds, k: s.world.kernel };
  }

  it('names a count that disagrees with the copies', () => {
    const { s, alice, ds, k } = loaded();
    (k as unknown as { objects: Object_table }).objects.count[k.lookup_cap(alice, ds)]!++;
    expect(() => s.world.check_invariants()).toThrow(/Object_table: object \d+ counts 3 counted copies, tables and regions hold 2/);
  });

  it('names an entry without R, a quota drift, a bitmap and a registry out of step', () => {
    const a = loaded();
    a.alice.table.rights[a.ds >>> 12] = L4_CAP_FPAGE_RW & ~4;
    expect(() => a.s.world.check_invariants()).toThrow(/lacks R/);
    const b = loaded();
    (b.k as unknown as { quota_used: number }).quota_used += 4096;
    expect(() => b.s.world.check_invariants()).toThrow(/Mem_alloc quota/);
    const c = loaded();
    (c.alice.cap_alloc as unknown as { bitmap: { free_slots: number } }).bitmap.free_slots++;
    expect(() => c.s.world.check_invariants()).toThrow(/Cap_alloc of alice: Slot_bitmap/);
    const d = loaded();
    (d.s.registry as unknown as { gens: Uint16Array }).gens[0]!++;
    expect(() => d.s.world.check_invariants()).toThrow(/Object_registry: index 0/);
  });

  it('names registry bookkeeping and obj_cap drift', () => {
    const a = loaded();
    a.s.sessions()[0]!.set_obj_cap(L4_CAP_FPAGE_RWSD);
    expect(() => a.s.world.check_invariants()).toThrow(/has obj_cap/);
    const b = loaded();
    (b.s.registry as unknown as { recs: Map<unknown, unknown> }).recs.set({}, {});
    expect(() => b.s.world.check_invariants()).toThrow(/labelled objects/);
    const c = loaded();
    (c.s.registry as unknown as { spare: number[] }).spare.push(9);
    expect(() => c.s.world.check_invariants()).toThrow(/spare/);
  });

  it('names a region tree that is out of shape or out of range', () => {
    class Peek_rm extends Rm {
      poke(start: number, end: number): void {
        this.tree.insert({ start, end, flags: 0, ds: 0, ds_gen: 0, offset: 0 });
      }
    }
    const w = create_world({ quota: GIB }, { Rm: Peek_rm });
    const t = w.create_task('t');
    (t.rm as Peek_rm).poke(0, 4096);
    expect(() => w.check_invariants()).toThrow(/Rm of t: region \[0, 4096\) is unaligned or outside/);
    const v = create_world({ quota: GIB }, { Rm: Peek_rm });
    const u = v.create_task('u');
    (u.rm as Peek_rm).poke(L4RE_RM_START + 8192, L4RE_RM_START);
    expect(() => v.check_invariants()).toThrow(/Rm of u: Region_tree/);
  });
});
