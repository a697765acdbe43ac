import { describe, expect, it } from 'vitest';
import { block_size, HEADER_SIZE, SLAB, Tlsf } from './tlsf.ts';
import { create_world } from './world.ts';

/** A Tlsf whose tables a test may corrupt, to see check_invariants name each broken rule. */
class Peek extends Tlsf {
  get fl(): number {
    return this.fl_bitmap;
  }
  set fl(v: number) {
    this.fl_bitmap = v;
  }
  get sl(): Uint32Array {
    return this.sl_bitmap;
  }
  get lists(): Uint32Array {
    return this.heads;
  }
  get live_bits(): Uint32Array {
    return this.live;
  }
  skew(): void {
    this.used_blocks++;
  }
}

/** A Tlsf of one new arena whose free block holds `bytes`. */
function arena(bytes: number): Peek {
  return Peek.map(create_world({ quota: 2 ** 30 }).create_task('t'), bytes, null) as Peek;
}

/** Used blocks of `sizes`, each followed by a used 16-byte block that keeps it from merging once freed; their offsets. */
function blocks(t: Tlsf, sizes: readonly number[]): number[] {
  return sizes.map((n) => {
    const h = t.alloc(n, false);
    expect(t.alloc(16, false)).toBe(h + n);
    return h;
  });
}

/** The blocks in address order: [offset, size, kind]. */
function walk(t: Tlsf): [number, number, string][] {
  const out: [number, number, string][] = [];
  t.each_block((h, size, kind) => out.push([h, size, kind]));
  return out;
}

/** Throws unless the arena is `len` bytes of exactly `layout` and every invariant holds. */
function expect_layout(t: Tlsf, len: number, layout: [number, number, string][]): void {
  expect(t.arena.len).toBe(len);
  expect(walk(t)).toEqual(layout);
  t.check_invariants();
}

/** One page arena: used blocks a, b, c of 32 bytes at 8, 40, 72, then one free block up to the sentinel. */
function three() {
  const t = Peek.map(create_world({ quota: 2 ** 30 }).create_task('t'), 1, null) as Peek;
  const [a, b, c] = [0, 0, 0].map(() => t.alloc(block_size(24), false));
  const where = `Tlsf at ${t.base}`;
  const end = t.arena.len - HEADER_SIZE;
  t.check_invariants();
  return { t, a: a!, b: b!, c: c!, where, end };
}

describe('Tlsf', () => {
  it('finds used blocks by payload address only, and knows when it is empty', () => {
    const { t, a, b } = three();
    expect([a, b]).toEqual([8, 40]);
    expect(t.empty()).toBe(false);
    expect(t.usable(a)).toBe(24);
    expect(t.block_at(t.base + a + HEADER_SIZE)).toBe(a);
    expect(t.block_at(t.base + b + HEADER_SIZE)).toBe(b);
    expect(t.block_at(t.base + a + HEADER_SIZE + 1)).toBe(0);
    expect(t.block_at(t.base - 16)).toBe(0);
    expect(t.block_at(t.base + t.arena.len)).toBe(0);
    for (const h of [8, 40, 72]) t.free(h);
    expect(t.empty()).toBe(true);
    expect(t.block_at(t.base + a + HEADER_SIZE)).toBe(0);
    t.check_invariants();
  });

  it('check_invariants names a bad size, a wrong PREV_FREE and adjacent free blocks', () => {
    let s = three();
    s.t.arena.set(s.a, 0);
    expect(() => s.t.check_invariants()).toThrow(`${s.where}: block 8 has size 0`);
    s = three();
    s.t.arena.set(s.b, 4096);
    expect(() => s.t.check_invariants()).toThrow(`${s.where}: block 40 has size 4096`);
    s = three();
    s.t.arena.set(s.b, 32 | 2);
    expect(() => s.t.check_invariants()).toThrow(`${s.where}: block 40 PREV_FREE is 2`);
    s = three();
    s.t.free(s.a);
    s.t.check_invariants();
    s.t.arena.set(s.b, s.t.arena.get(s.b) | 1);
    expect(() => s.t.check_invariants()).toThrow(`${s.where}: free blocks adjacent at 40`);
  });

  it('check_invariants names a live bit out of step, a bad footer, a bad sentinel and a wrong count', () => {
    let s = three();
    s.t.live_bits.fill(0);
    expect(() => s.t.check_invariants()).toThrow(`${s.where}: block 8 free=false but live bit 0, slab bit 0`);
    s = three();
    s.t.free(s.a);
    s.t.arena.set(s.a + 32 - 4, 48);
    expect(() => s.t.check_invariants()).toThrow(`${s.where}: free block 8 footer 48 ≠ 32`);
    s = three();
    s.t.arena.set(s.end, s.t.arena.get(s.end) | 16);
    expect(() => s.t.check_invariants()).toThrow(`${s.where}: blocks end at ${s.end}, sentinel at ${s.end} reads 18`);
    s = three();
    s.t.arena.set(s.end, 0);
    expect(() => s.t.check_invariants()).toThrow(`${s.where}: blocks end at ${s.end}, sentinel at ${s.end} reads 0`);
    s = three();
    s.t.skew();
    expect(() => s.t.check_invariants()).toThrow(`${s.where}: 3 used blocks, count says 4`);
  });

  it('check_invariants names free lists and bitmaps out of step', () => {
    // a freed (class 2, 32 bytes) sits alone in list 2; the tail block is in a larger list
    let s = three();
    s.t.free(s.a);
    s.t.lists[2] = 0;
    expect(() => s.t.check_invariants()).toThrow(`${s.where}: sl_bitmap bit 2 is 1, head 0`);
    s = three();
    s.t.free(s.a);
    s.t.lists[2] = 0;
    s.t.sl[0]! &= ~(1 << 2);
    s.t.fl = s.t.fl & ~1;
    expect(() => s.t.check_invariants()).toThrow(/: 2 free blocks, lists hold 1$/);
    s = three();
    s.t.free(s.a);
    s.t.arena.set(s.a + 4, s.b);
    expect(() => s.t.check_invariants()).toThrow(`${s.where}: list 2 holds 40, which is not a free block of that class linked back to 8`);
    s = three();
    s.t.free(s.a);
    s.t.arena.set(s.a + 8, 99);
    expect(() => s.t.check_invariants()).toThrow(`${s.where}: list 2 holds 8, which is not a free block of that class linked back to 0`);
    s = three();
    s.t.free(s.a);
    s.t.lists[2] = 0;
    s.t.lists[3] = s.a;
    s.t.sl[0] = (s.t.sl[0]! & ~(1 << 2)) | (1 << 3);
    expect(() => s.t.check_invariants()).toThrow(`${s.where}: list 3 holds 8, which is not a free block of that class linked back to 0`);
    s = three();
    s.t.fl = s.t.fl | (1 << 20);
    expect(() => s.t.check_invariants()).toThrow(`${s.where}: fl_bitmap bit 20 disagrees`);
  });

  // 2048 <= size < 4096 is first level 3: its lists hold 64 bytes of sizes each, [2176, 2240) for a request of 2176.
  it('alloc takes the best fit among the first 16 of its own list, whatever their order, the first of equals', () => {
    for (const order of [[1, 0], [0, 1]]) {
      const t = arena(64 * 1024);
      const h = blocks(t, [2192, 2208]);
      for (const i of order) t.free(h[i]!);
      expect(t.alloc(2176, false), `freed in order ${order}`).toBe(h[0]);
      t.check_invariants();
    }
    const t = arena(64 * 1024);
    const h = blocks(t, [2192, 2192]);
    t.free(h[1]!);
    t.free(h[0]!);
    expect(t.alloc(2176, false)).toBe(h[0]);
    t.check_invariants();
    const u = arena(64 * 1024);
    const many = blocks(u, Array.from({ length: 17 }, (_, i) => (i === 0 ? 2176 : 2192)));
    for (const x of many) u.free(x);
    expect(u.alloc(2176, false)).toBe(many[16]);
    u.check_invariants();
  });

  it('alloc takes the head of the next larger list when its own has no fit, however many smaller blocks its first level holds', () => {
    const t = arena(64 * 1024);
    const h = blocks(t, [4000, ...Array.from({ length: 16 }, () => 2080)]);
    for (const x of h) t.free(x);
    expect(t.alloc(2176, false)).toBe(h[0]);
    expect(walk(t)[0]).toEqual([h[0], 2176, 'live']);
    t.check_invariants();
  });

  it('alloc splits off a rest of exactly BLOCK_MIN_SIZE as a free block; each_block names live, slab and free blocks', () => {
    const { t, b } = three();
    t.free(b);
    expect(t.alloc(16, false)).toBe(b);
    expect(t.usable(b)).toBe(8);
    const slab = t.alloc(2048, false, SLAB);
    expect(walk(t)).toEqual([
      [8, 32, 'live'],
      [40, 16, 'live'],
      [56, 16, 'free'],
      [72, 32, 'live'],
      [104, 2048, 'slab'],
      [2152, 4096 - 16 - 2152 + 8, 'free'],
    ]);
    expect(slab).toBe(104);
    t.check_invariants();
  });

  it('resize shrinks in place giving back a rest of BLOCK_MIN_SIZE, and grows into a free neighbour that holds exactly what it lacks', () => {
    const { t, a, b, c } = three();
    expect(t.resize(b, 16)).toBe(true);
    expect(walk(t).slice(0, 4)).toEqual([
      [a, 32, 'live'],
      [b, 16, 'live'],
      [b + 16, 16, 'free'],
      [c, 32, 'live'],
    ]);
    t.check_invariants();
    t.free(b);
    expect(t.resize(a, 64)).toBe(true);
    expect(walk(t).slice(0, 2)).toEqual([
      [a, 64, 'live'],
      [c, 32, 'live'],
    ]);
    t.check_invariants();
  });

  it('resize of the last block grows the arena by the pages it lacks, no more', () => {
    const t = arena(4096 - 16);
    const a = t.alloc(2016, false);
    expect(t.resize(a, 8000)).toBe(true);
    expect_layout(t, 8192, [
      [a, 8000, 'live'],
      [a + 8000, 8192 - 16 - 8000, 'free'],
    ]);
  });

  it('trim gives back the segments the last free block covers only when they hold at least min bytes, never a used last block', () => {
    const t = arena(4096 - 16);
    const a = t.alloc(4096 - 16, false);
    const full: [number, number, string][] = [[a, 4096 - 16, 'live']];
    expect(t.trim(0)).toBe(false);
    expect_layout(t, 4096, full);
    t.free(t.alloc(64, true)); // a second page, all of it the free last block, from 8 bytes before it
    const grown: [number, number, string][] = [...full, [4096 - 8, 4096, 'free']];
    expect(t.trim(4097)).toBe(false);
    expect_layout(t, 8192, grown);
    expect(t.trim(4096)).toBe(false);
    expect_layout(t, 4096, full);
    expect(t.resize(a, 2016)).toBe(true);
    t.free(t.alloc(4096, true)); // the free last block now starts in the first page
    expect(t.trim(4096)).toBe(false);
    expect_layout(t, 4096, [
      [a, 2016, 'live'],
      [a + 2016, 4096 - 16 - 2016, 'free'],
    ]);
  });

  it('grows past a used last block after a trim that cut at a free block\'s header, never following the link left in the sentinel', () => {
    const t = arena(3 * 4096 - 16);
    const first = t.alloc(4112, false);
    t.alloc(16, false);
    const filler = t.alloc(8144, false);
    expect(filler + 8144).toBe(3 * 4096 - 8);
    t.free(first); // list (4, 0): first
    expect(t.resize(filler, 8144 + 4096)).toBe(true); // a fourth page
    expect(t.resize(filler, 8144)).toBe(true); // list (4, 0): the free fourth page, then first
    expect(t.trim(4096)).toBe(false); // the fourth page goes; the new sentinel keeps its block's link to first
    expect(t.alloc(8000, true)).toBe(3 * 4096 - 8);
    expect(walk(t).map(([h, , kind]) => [h, kind])).toEqual([
      [first, 'free'],
      [first + 4112, 'live'],
      [filler, 'live'],
      [3 * 4096 - 8, 'live'],
      [3 * 4096 - 8 + 8000, 'free'],
    ]);
    t.check_invariants();
  });

  it('grows an arena to 16 MiB in place, finding every block by its payload address', () => {
    const t = arena(4096 - 16);
    const hs = Array.from({ length: 170 }, () => t.alloc(100 * 1024, true));
    expect(t.arena.len).toBeGreaterThanOrEqual(16 * 2 ** 20);
    expect(hs.every((h) => h > 0 && t.block_at(t.base + h + HEADER_SIZE) === h)).toBe(true);
    t.check_invariants();
  });

  it('map with a retired Tlsf takes its tables, cleared, rather than allocate new ones', () => {
    const t = arena(64 * 1024);
    const h = blocks(t, [2192, 2208]);
    t.free(h[0]!);
    for (const x of [h[1]!, h[0]! + 2192, h[1]! + 2208]) t.free(x);
    expect(t.empty()).toBe(true);
    const task = t.arena.task;
    expect(t.trim(0)).toBe(true);
    const u = Peek.map(task, 4096 - 16, t) as Peek;
    expect(u.sl).toBe(t.sl);
    expect(u.lists).toBe(t.lists);
    expect(u.live_bits).toBe(t.live_bits);
    expect(walk(u)).toEqual([[8, 4096 - 16, 'free']]);
    u.check_invariants();
  });
});
