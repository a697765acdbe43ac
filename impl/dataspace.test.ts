import { describe, expect, it } from 'vitest';
import { L4_PAGESIZE } from '../l4re/mem.ts';
import { Dataspace, FLAT_MAX_SIZE } from './dataspace.ts';

const PAGE = L4_PAGESIZE;

function read(ds: Dataspace, off: number, n: number): number[] {
  const out = new Uint8Array(n);
  ds.read(off, out, 0, n);
  return [...out];
}

describe('impl Dataspace', () => {
  it('is flat up to FLAT_MAX_SIZE, then sparse', () => {
    expect(new Dataspace(FLAT_MAX_SIZE).is_flat()).toBe(true);
    expect(new Dataspace(FLAT_MAX_SIZE).pages_touched()).toBe(FLAT_MAX_SIZE / PAGE);
    expect(new Dataspace(FLAT_MAX_SIZE + 1).is_flat()).toBe(false);
  });

  it('keeps a sparse page across writes to it, and reads untouched pages as zero', () => {
    const ds = new Dataspace(2 * FLAT_MAX_SIZE);
    ds.write(PAGE + 10, new Uint8Array([1, 2]), 0, 2);
    ds.write(PAGE + 100, new Uint8Array([3]), 0, 1);
    expect(read(ds, PAGE + 10, 2)).toEqual([1, 2]);
    expect(read(ds, PAGE + 100, 1)).toEqual([3]);
    expect(read(ds, PAGE - 2, 4)).toEqual([0, 0, 0, 0]);
    expect(read(ds, 5 * PAGE, 3)).toEqual([0, 0, 0]);
    expect(ds.pages_touched()).toBe(1);
  });
});
