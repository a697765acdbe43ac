import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { L4RE_RM_F_R, L4RE_RM_F_RW, L4RE_RM_F_W, type Page_fault } from '../../l4re/mem.ts';
import { Page_fault_error } from '../../l4re/memory.ts';
import type { Task } from '../../l4re/task.ts';
import { FLAT_MAX_SIZE } from '../../impl/dataspace.ts';
import { WORLDS, type World_under_test } from '../worlds.ts';

const P = 4096;
const BASE = 0x100000;
const RW = L4RE_RM_F_RW;

/** What a call gave: its value, its page fault, or its RangeError's message. */
type Outcome = { readonly v: unknown } | Page_fault | { readonly range: string };

function outcome(f: () => unknown): Outcome {
  try {
    return { v: f() };
  } catch (e) {
    if (e instanceof Page_fault_error) return { fault: e.fault, addr: e.addr };
    if (e instanceof RangeError) return { range: e.message };
    throw e;
  }
}

/** A task with dataspaces 0 and 1 of 8 pages and 2 past the flat limit, none attached. */
function fresh(w: World_under_test) {
  const world = w.create_world({ quota: 2 ** 30 });
  const t = world.create_task('t');
  const ds = [8 * P, 8 * P, FLAT_MAX_SIZE + 8 * P].map((size) => {
    const cap = t.cap_alloc.alloc();
    expect(t.mem_alloc.alloc(size, cap)).toBe(0);
    return cap;
  });
  return { world, t, ds };
}

describe.each(Object.values(WORLDS))('typed memory access ($name)', (w) => {
  it('is little-endian and unaligned, and stores keep the low bits', () => {
    const { t, ds } = fresh(w);
    const a = t.rm.attach(BASE, 2 * P, RW, ds[0]!);
    t.store_u32(a + 1, 2 ** 32 + 0x04030201);
    t.store_u16(a + 5, -2);
    t.store_u8(a + 7, 0x1ff);
    expect(t.read(a, 9)).toEqual(Uint8Array.of(0, 1, 2, 3, 4, 0xfe, 0xff, 0xff, 0));
    expect([t.load_u8(a + 1), t.load_u16(a + 1), t.load_u32(a + 1), t.load_u64(a)]).toEqual([1, 0x0201, 0x04030201, 0xfffffe_04030201_00]);
    t.store_u64(a + P - 4, -1);
    expect(t.load_u64(a + P - 4)).toBe(2 ** 64);
    expect(t.load_u32(a + P)).toBe(2 ** 32 - 1);
    t.store_u64(a, 2 ** 53 - 1);
    expect(t.load_u64(a)).toBe(2 ** 53 - 1);
  });

  it('faults at a bad address (0 for NaN), throws a RangeError for a bad length or u64, and never faults for length 0', () => {
    const { t, ds } = fresh(w);
    const a = t.rm.attach(BASE, P, RW, ds[0]!);
    expect(outcome(() => t.load_u16(a - 1))).toEqual({ fault: 'read', addr: a - 1 });
    expect(outcome(() => t.load_u8(a + 0.5))).toEqual({ fault: 'read', addr: a + 0.5 });
    expect(outcome(() => t.store_u8(-3, 0))).toEqual({ fault: 'write', addr: -3 });
    expect(outcome(() => t.copy(a, Number.NaN, 1))).toEqual({ fault: 'read', addr: 0 });
    expect(outcome(() => t.copy(2 ** 53, a, 1))).toEqual({ fault: 'write', addr: 2 ** 53 });
    expect(outcome(() => t.copy(a, a, -1))).toEqual({ range: 'Rm.copy: len -1' });
    expect(outcome(() => t.fill(a, 0, Infinity))).toEqual({ range: 'Rm.fill: len Infinity' });
    expect(outcome(() => t.store_u64(Number.NaN, 0.5))).toEqual({ range: 'Rm.store_u64: value 0.5' });
    expect(outcome(() => t.store_u64(a, -(2 ** 53)))).toEqual({ range: `Rm.store_u64: value ${-(2 ** 53)}` });
    expect(outcome(() => t.copy(-1, Number.NaN, 0))).toEqual({ v: undefined });
    expect(outcome(() => t.fill(0, 1, 0))).toEqual({ v: undefined });
  });

  it('faults at the lowest bad byte, a copy at its source first, and a faulting access changes nothing', () => {
    const { t, ds } = fresh(w);
    const a = t.rm.attach(BASE, P, RW, ds[0]!);
    const ro = t.rm.attach(BASE + P, P, L4RE_RM_F_R, ds[1]!);
    t.rm.attach(BASE + 3 * P, P, L4RE_RM_F_W, ds[1]!);
    t.fill(a, 0xaa, P);
    expect(outcome(() => t.store_u32(ro - 2, 0))).toEqual({ fault: 'write', addr: ro });
    expect(outcome(() => t.fill(a + 8, 0, P))).toEqual({ fault: 'write', addr: ro });
    expect(outcome(() => t.copy(ro, a, 16))).toEqual({ fault: 'write', addr: ro });
    expect(outcome(() => t.load_u64(ro + P - 4))).toEqual({ fault: 'read', addr: ro + P });
    expect(outcome(() => t.copy(BASE + 2 * P, ro + P - 4, 8))).toEqual({ fault: 'read', addr: ro + P });
    expect(outcome(() => t.load_u8(BASE + 3 * P))).toEqual({ fault: 'read', addr: BASE + 3 * P });
    expect(t.read(a, P)).toEqual(new Uint8Array(P).fill(0xaa));
    expect(t.read(ro, P)).toEqual(new Uint8Array(P));
  });

  it('copy is memmove: overlap either way, across regions, between regions sharing a dataspace', () => {
    const { t, ds } = fresh(w);
    const a = t.rm.attach(BASE, P, RW, ds[0]!);
    t.rm.attach(BASE + P, P, RW, ds[1]!);
    const alias = t.rm.attach(BASE + 4 * P, 2 * P, RW, ds[1]!);
    const data = Uint8Array.from({ length: 64 }, (_, i) => i + 1);
    t.write(a + P - 32, data);
    t.copy(a + P - 16, a + P - 32, 64);
    expect(t.read(a + P - 16, 64)).toEqual(data);
    t.copy(a + P - 40, a + P - 16, 64);
    expect(t.read(a + P - 40, 64)).toEqual(data);
    const before = t.read(BASE + P, 64);
    t.copy(alias + 8, BASE + P, 64);
    expect(t.read(alias + 8, 64)).toEqual(before);
  });

  it('regions of a destroyed dataspace fault; detached addresses fault; a re-attach shows the bytes again', () => {
    const { t, ds } = fresh(w);
    const a = t.rm.attach(BASE, P, RW, ds[0]!);
    const b = t.rm.attach(BASE + P, P, RW, ds[1]!);
    t.store_u32(b, 9);
    t.store_u32(a, 7);
    expect(t.load_u32(a)).toBe(7);
    expect(t.delete_obj(ds[0]!)).toBe(0);
    expect(outcome(() => t.load_u32(a))).toEqual({ fault: 'read', addr: a });
    expect(outcome(() => t.copy(b, a, 4))).toEqual({ fault: 'read', addr: a });
    expect(t.rm.detach(b)).toBe(0);
    expect(outcome(() => t.load_u32(b))).toEqual({ fault: 'read', addr: b });
    expect(outcome(() => t.store_u32(b, 1))).toEqual({ fault: 'write', addr: b });
    const c = t.rm.attach(BASE + 8 * P, P, RW, ds[1]!);
    expect(t.load_u32(c)).toBe(9);
  });
});

/** One step of the differential property; addresses are BASE + page * P + off. */
type Step =
  | { readonly op: 'attach'; readonly page: number; readonly pages: number; readonly ds: number; readonly offset: number; readonly flags: number }
  | { readonly op: 'detach'; readonly page: number }
  | { readonly op: 'delete' | 'renew'; readonly ds: number }
  | { readonly op: 'load'; readonly bytes: 1 | 2 | 4 | 8; readonly at: number }
  | { readonly op: 'store'; readonly bytes: 1 | 2 | 4 | 8; readonly at: number; readonly v: number }
  | { readonly op: 'copy'; readonly dst: number; readonly src: number; readonly len: number }
  | { readonly op: 'fill'; readonly at: number; readonly byte: number; readonly len: number };

const PAGES = 8;
const page = fc.nat({ max: PAGES - 1 });
const addr = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(page, fc.integer({ min: -9, max: 9 })).map(([k, d]) => BASE + k * P + d) },
  { weight: 4, arbitrary: fc.integer({ min: BASE - 16, max: BASE + PAGES * P }) },
  { weight: 1, arbitrary: fc.constantFrom(Number.NaN, -1, BASE + 0.5, 2 ** 53) },
);
const len = fc.oneof({ weight: 8, arbitrary: fc.nat({ max: 3 * P }) }, { weight: 1, arbitrary: fc.constantFrom(-1, 0.5) });
const bytes = fc.constantFrom(1 as const, 2 as const, 4 as const, 8 as const);
const value = fc.oneof(fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }), fc.constantFrom(-1, 2 ** 53, 0.5, 2 ** 32 + 5));
const ds = fc.nat({ max: 2 });

const STEP: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('attach' as const), page, pages: fc.integer({ min: 1, max: 3 }), ds, offset: fc.nat({ max: 5 }), flags: fc.constantFrom(L4RE_RM_F_R, L4RE_RM_F_W, RW, RW, RW) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('detach' as const), page }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constantFrom('delete' as const, 'renew' as const), ds }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('load' as const), bytes, at: addr }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('store' as const), bytes, at: addr, v: value }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('copy' as const), dst: addr, src: addr, len }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('fill' as const), at: addr, byte: fc.integer({ min: -1, max: 300 }), len }) },
);

const LOAD = { 1: 'load_u8', 2: 'load_u16', 4: 'load_u32', 8: 'load_u64' } as const;
const STORE = { 1: 'store_u8', 2: 'store_u16', 4: 'store_u32', 8: 'store_u64' } as const;

function run(t: Task, caps: readonly number[], s: Step): unknown {
  switch (s.op) {
    case 'attach': {
      const offset = s.ds === 2 ? FLAT_MAX_SIZE - 2 * P + s.offset * P : s.offset * P;
      return t.rm.attach(BASE + s.page * P, s.pages * P, s.flags, caps[s.ds]!, offset);
    }
    case 'detach':
      return t.rm.detach(BASE + s.page * P);
    case 'delete':
      return t.delete_obj(caps[s.ds]!);
    case 'renew':
      return t.mem_alloc.alloc(s.ds === 2 ? FLAT_MAX_SIZE + 8 * P : 8 * P, caps[s.ds]!);
    case 'load':
      return outcome(() => t[LOAD[s.bytes]](s.at));
    case 'store':
      return outcome(() => t[STORE[s.bytes]](s.at, s.v));
    case 'copy':
      return outcome(() => t.copy(s.dst, s.src, s.len));
    case 'fill':
      return outcome(() => t.fill(s.at, s.byte, s.len));
  }
}

/** Every page the steps reach, as its read gives it: hex bytes or the fault. */
function memory(t: Task): string[] {
  return Array.from({ length: PAGES + 3 }, (_, k) => {
    const r = t.read(BASE + k * P, P);
    return r instanceof Uint8Array ? Buffer.from(r).toString('hex') : JSON.stringify(r);
  });
}

describe('typed memory access: model and impl agree', () => {
  it.each([1, 2])('random attach, detach, delete, loads, stores, copies and fills give the same values and faults (seed %i)', (seed) => {
    const { model, impl } = WORLDS;
    fc.assert(
      fc.property(fc.array(STEP, { maxLength: 40, size: 'medium' }), (steps) => {
        const m = fresh(model);
        const i = fresh(impl);
        for (const [n, s] of steps.entries()) {
          expect(run(i.t, i.ds, s), `step ${n}: ${JSON.stringify(s)}`).toEqual(run(m.t, m.ds, s));
        }
        expect(memory(i.t)).toEqual(memory(m.t));
        i.world.check_invariants();
      }),
      { seed, numRuns: 200 },
    );
  });

});
