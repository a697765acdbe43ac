import { describe, expect, it } from 'vitest';
import { is_small, SLAB_BLOCK_SIZE, SMALL_MAX_SIZE, Slabs } from './slabs.ts';
import { Tlsf } from './tlsf.ts';
import { create_world } from './world.ts';

/** Class 1 (16-byte chunks): 125 chunks a slab. */
const CHUNKS_1 = 125;

class Peek extends Slabs {
  get lists(): Uint32Array {
    return this.partial;
  }
}

function setup() {
  const t = Tlsf.map(create_world({ quota: 2 ** 30 }).create_task('t'), 4 * SLAB_BLOCK_SIZE, null)!;
  const s = new Peek(t);
  return { t, s, a: t.arena, where: `Slabs at ${t.base}` };
}

/** The slab (payload offset) of chunk `off`. */
function slab_of(s: Slabs, off: number): number {
  expect(s.chunk_at(off)).toBe(true);
  return s.hit_slab;
}

describe('Slabs', () => {
  it('serves sizes up to SMALL_MAX_SIZE that a header would round up', () => {
    expect(is_small(SMALL_MAX_SIZE)).toBe(true);
    expect(is_small(SMALL_MAX_SIZE + 1)).toBe(false);
  });

  it('fills a slab, opens a second, and takes a slab back into its partial list when a chunk frees', () => {
    const { s } = setup();
    const first = Array.from({ length: CHUNKS_1 }, () => s.alloc(16, false));
    expect(new Set(first).size).toBe(CHUNKS_1);
    const a = slab_of(s, first[0]!);
    expect(first.every((p) => slab_of(s, p) === a)).toBe(true);
    expect(s.lists[1]).toBe(0);
    s.check_invariants();
    // one past the last chunk is no chunk, even when its bit would read as used
    expect(s.chunk_at(a + 32 + CHUNKS_1 * 16)).toBe(false);
    const second = [s.alloc(16, false), s.alloc(16, false)];
    const b = slab_of(s, second[0]!);
    expect(b).not.toBe(a);
    s.check_invariants();
    // chunk 40 lives in the second free-bits word
    expect(s.chunk_at(first[40]!)).toBe(true);
    expect(s.hit_chunk).toBe(40);
    s.free(a, 40);
    expect(s.chunk_at(first[40]!)).toBe(false);
    expect(s.chunk_at(first[39]!)).toBe(true);
    expect(s.lists[1]).toBe(a);
    s.check_invariants();
    expect(s.alloc(16, false)).toBe(first[40]);
    expect(s.lists[1]).toBe(b);
    s.check_invariants();
    // both slabs partial, then the second emptied and unlinked from behind the first
    s.free(a, 7);
    expect(s.lists[1]).toBe(a);
    s.check_invariants();
    s.free(b, 0);
    s.free(b, 1);
    expect(s.lists[1]).toBe(a);
    s.check_invariants();
    s.free(a, 8);
    s.check_invariants();
  });

  it('unlinks a slab from the middle of its partial list', () => {
    const { s } = setup();
    const slabs = [0, 1, 2].map(() => {
      const ps = Array.from({ length: CHUNKS_1 }, () => s.alloc(16, false));
      return { slab: slab_of(s, ps[0]!), ps };
    });
    for (const { slab } of slabs) s.free(slab, 3);
    s.check_invariants();
    const middle = slabs[1]!.slab;
    for (let i = 0; i < CHUNKS_1; i++) if (i !== 3) s.free(middle, i);
    s.check_invariants();
    expect(s.chunk_at(slabs[1]!.ps[0]!)).toBe(false);
  });

  it('check_invariants names a bad class, bad counts and partial lists out of step', () => {
    const bad: [string, (x: ReturnType<typeof setup>, slab: number) => void, (slab: number) => string][] = [
      ['class 0', (x, slab) => x.a.set(slab, 0), (slab) => `slab ${slab} of class 0 counts 1 used and 124 free chunks`],
      ['class 9', (x, slab) => x.a.set(slab, 9), (slab) => `slab ${slab} of class 9 counts 1 used and 124 free chunks`],
      ['used 0', (x, slab) => x.a.set(slab + 4, 0), (slab) => `slab ${slab} of class 1 counts 0 used and 124 free chunks`],
      ['used 2', (x, slab) => x.a.set(slab + 4, 2), (slab) => `slab ${slab} of class 1 counts 2 used and 124 free chunks`],
      ['prev', (x, slab) => x.a.set(slab + 12, 5), (slab) => `partial list 1 holds ${slab}, not a partial slab of that class linked back to 0`],
      [
        'wrong list',
        (x, slab) => {
          x.s.lists[1] = 0;
          x.s.lists[2] = slab;
        },
        (slab) => `partial list 2 holds ${slab}, not a partial slab of that class linked back to 0`,
      ],
      ['unlisted', (x) => (x.s.lists[1] = 0), () => `1 partial slabs, lists hold 0`],
    ];
    for (const [, corrupt, message] of bad) {
      const x = setup();
      const slab = slab_of(x.s, x.s.alloc(16, false));
      x.s.check_invariants();
      corrupt(x, slab);
      expect(() => x.s.check_invariants()).toThrow(`${x.where}: ${message(slab)}`);
    }
    const x = setup();
    const full = Array.from({ length: CHUNKS_1 }, () => x.s.alloc(16, false));
    const slab = slab_of(x.s, full[0]!);
    x.s.lists[1] = slab;
    expect(() => x.s.check_invariants()).toThrow(`${x.where}: partial list 1 holds ${slab}, not a partial slab of that class linked back to 0`);
  });
});
