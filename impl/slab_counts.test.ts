import { describe, expect, it } from 'vitest';
import type { Arena } from './arena.ts';
import { SLAB_BLOCK_SIZE, Slabs } from './slabs.ts';
import { Tlsf } from './tlsf.ts';
import { create_world } from './world.ts';

// Slab header words (impl/slabs.ts): class, used, next, prev, then 4 words of free bits.
const CLASS = 0;
const USED = 4;
const FREE = 16;

/** A Tlsf arena with one slab of class 1 (125 chunks) whose chunk 0 is in use. */
function one_slab() {
  const t = Tlsf.map(create_world({ quota: 2 ** 30 }).create_task('t'), SLAB_BLOCK_SIZE, null)!;
  const slabs = new Slabs(t);
  expect(slabs.chunk_at(slabs.alloc(16, false))).toBe(true);
  const s = slabs.hit_slab;
  slabs.check_invariants();
  return { slabs, a: t.arena, s, where: `Slabs at ${t.base}: slab ${s}` };
}

/** Make exactly chunks first..last of slab s free. */
function free_chunks(a: Arena, s: number, first: number, last: number): void {
  for (let w = 0; w < 4; w++) {
    let bits = 0;
    for (let b = 0; b < 32; b++) if (w * 32 + b >= first && w * 32 + b <= last) bits |= 1 << b;
    a.set(s + FREE + 4 * w, bits >>> 0);
  }
}

describe('Slabs.check_invariants: each count rule on its own', () => {
  it.each([
    ['class 0 even when its counts add up to what a class-0 division gives (128)', CLASS, 0, 1, 127, 'of class 0 counts 1 used and 127 free chunks'],
    ['class 9 even when its counts add up to 13 chunks of 144 bytes', CLASS, 9, 1, 12, 'of class 9 counts 1 used and 12 free chunks'],
    ['an empty slab kept in the arena: it should have gone back to the Tlsf', USED, 0, 0, 124, 'of class 1 counts 0 used and 125 free chunks'],
  ])('refuses %s', (_, word, value, first, last, message) => {
    const { slabs, a, s, where } = one_slab();
    a.set(s + word, value);
    free_chunks(a, s, first, last);
    expect(() => slabs.check_invariants()).toThrow(`${where} ${message}`);
  });

  it('accepts any chunks in use as long as used and free add up to 125', () => {
    const { slabs, a, s } = one_slab();
    a.set(s + USED, 3);
    free_chunks(a, s, 3, 124);
    slabs.check_invariants();
  });
});
