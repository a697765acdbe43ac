import { describe, expect, it } from 'vitest';
import { Ownership_map } from './ownership_map.ts';

describe('Ownership_map', () => {
  it('claims a block by its 16-byte granules and names the block holding one already', () => {
    const map = new Ownership_map(Ownership_map.create(1024));
    expect(map.claim(0x40, 40, 3)).toBe(-1);
    expect(map.claim(0x70, 16, 4)).toBe(-1);
    expect(map.claim(0x60, 1, 5)).toBe(3);
    map.release(0x40, 40, 3);
    expect(map.claim(0x40, 48, 6)).toBe(-1);
  });

  it('throws naming the granule when a block gives back what it does not hold', () => {
    const map = new Ownership_map(Ownership_map.create(1024));
    map.claim(0x40, 16, 1);
    expect(() => map.release(0x40, 16, 2)).toThrow(/^Ownership_map.release: granule 4 of block #2 is held by #1$/);
    expect(() => map.release(0x40, 32, 1)).toThrow(/^Ownership_map.release: granule 5 of block #1 is held by nobody$/);
  });
});
