import { describe, expect, it } from 'vitest';
import { BUDDY_MAX_SIZE, HEADER_SIZE, LOCK_WORD, order_for, Shared_buddy } from './shared_buddy.ts';

const TOP = 1 << 16;
const LEN = 4 * TOP;

/** A Shared_buddy whose live bits a test may flip. */
class Peek extends Shared_buddy {
  flip_live(h: number): void {
    this.flip(h - this.base);
  }
}

/** A heap of LEN bytes, and its words for a test to corrupt. */
function heap(): { b: Peek; w: Uint32Array } {
  const sab = Shared_buddy.format(LEN);
  return { b: new Peek(sab), w: new Uint32Array(sab) };
}

describe('Shared_buddy', () => {
  it('formats whole free top blocks from the first ≡ 8 (mod 16) offset past its tables', () => {
    const { b, w } = heap();
    expect(b.base % 16).toBe(8);
    expect(b.tops).toBe(3);
    expect([w[LOCK_WORD], b.used_blocks()]).toEqual([0, 0]);
    b.check_invariants();
    expect([b.alloc(16), b.alloc(16), b.alloc(16), b.alloc(16)]).toEqual([b.base, b.base + TOP, b.base + 2 * TOP, 0]);
  });

  it('refuses a buffer format() did not write, and sizes that are no heap', () => {
    expect(() => new Shared_buddy(new SharedArrayBuffer(LEN))).toThrow(/^Shared_buddy: a buffer of 262144 bytes whose len word is 0/);
    for (const len of [LEN + 8, TOP, 2 ** 32]) expect(() => Shared_buddy.format(len)).toThrow(/^Shared_buddy.format: \d+ bytes is no heap size/);
  });

  it('takes the order whose block holds the request and its header', () => {
    expect([1, 24, 25, 56, 57, BUDDY_MAX_SIZE].map(order_for)).toEqual([5, 5, 6, 6, 7, 16]);
  });

  it('halves a larger block down to the order asked, and merges buddies back on free', () => {
    const { b } = heap();
    const h = b.alloc(5);
    expect(h).toBe(b.base);
    expect(b.usable(h)).toBe(32 - HEADER_SIZE);
    const g = b.alloc(6);
    expect(g).toBe(b.base + 64);
    expect(b.alloc(5)).toBe(b.base + 32);
    expect(b.used_blocks()).toBe(3);
    b.check_invariants();
    for (const x of [h, g, b.base + 32]) b.free(x);
    expect(b.used_blocks()).toBe(0);
    b.check_invariants();
    expect(b.alloc(16)).toBe(b.base);
  });

  it('knows a used block by its payload only', () => {
    const { b } = heap();
    const h = b.alloc(7);
    expect(b.block_at(h + HEADER_SIZE)).toBe(h);
    for (const p of [h, h + HEADER_SIZE + 32, h + HEADER_SIZE + 1, 0, LEN, NaN]) expect(b.block_at(p)).toBe(0);
    b.free(h);
    expect(b.block_at(h + HEADER_SIZE)).toBe(0);
  });

  it('shrinks in place, listing the halves it gives up, and never grows', () => {
    const { b } = heap();
    const h = b.alloc(8);
    expect(b.shrink(h, 9)).toBe(false);
    expect(b.shrink(h, 8)).toBe(true);
    expect(b.shrink(h, 5)).toBe(true);
    expect(b.usable(h)).toBe(24);
    expect(b.alloc(7)).toBe(h + 128);
    b.check_invariants();
  });

  it.each([
    ['an order that does not fit where its block is', (w: Uint32Array, b: Peek) => (w[b.base >>> 2] = 3), /block 0x[0-9a-f]+ has order 3, which does not fit where it is/],
    ['a used block without its live bit', (_: Uint32Array, b: Peek) => b.flip_live(b.base), /block 0x[0-9a-f]+ free=false but its live bit is 0/],
    ['free buddies not merged', (w: Uint32Array, b: Peek) => (w[b.base >>> 2] = 5 | 0x20), /free buddies 0x[0-9a-f]+ and 0x[0-9a-f]+ of order 5 not merged|live bit is 1/],
    ['a wrong used count', (w: Uint32Array) => w[1]!++, /1 used blocks, the count says 2/],
    ['a stray live bit', (_: Uint32Array, b: Peek) => b.flip_live(b.base + 2 * TOP + 32), /2 live bits for 1 used blocks/],
    ['a nonempty bit past the orders', (w: Uint32Array) => (w[2]! |= 1 << 20), /nonempty 0x[0-9a-f]+ names orders past 16/],
    ['a nonempty bit of an empty list', (w: Uint32Array) => (w[2]! |= 1), /nonempty bit 0 disagrees with head 0x0/],
    ['a list link that does not point back', (w: Uint32Array, b: Peek) => (w[(b.base + 32 + 8) >>> 2] = 8), /list 5 holds 0x[0-9a-f]+, which is not a free block of that order linked back to 0x0/],
    ['a free block no list holds', (w: Uint32Array, b: Peek) => (w[(b.base + 32 + 4) >>> 2] = w[4 + 6]!), /\d+ free blocks, the lists hold \d+|list \d+ holds/],
  ])('check_invariants names %s', (_, smash, message) => {
    const { b, w } = heap();
    b.alloc(5);
    smash(w, b);
    expect(() => b.check_invariants()).toThrow(new RegExp(`^Shared_buddy.check_invariants: .*(${message.source})`));
  });
});
