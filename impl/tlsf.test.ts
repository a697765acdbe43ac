import { describe, expect, it } from 'vitest';
import { block_size, HEADER_SIZE, Tlsf } from './tlsf.ts';
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
    s.t.arena.set(s.a + 32 - 4, 0);
    expect(() => s.t.check_invariants()).toThrow(`${s.where}: free block 8 footer 0 ≠ 32`);
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
});
