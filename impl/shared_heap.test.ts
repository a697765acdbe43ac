import { describe, expect, it } from 'vitest';
import { L4_EINVAL } from '../l4re/err.ts';
import { Heap_lock } from './heap_lock.ts';
import { Shared_heap } from './shared_heap.ts';
import { BUDDY_MAX_SIZE } from './shared_buddy.ts';

const LEN = 1 << 18;

/** A lock that counts the times it is taken. */
class Counting_lock extends Heap_lock {
  static calls = 0;
  override lock(): void {
    super.lock();
    Counting_lock.calls++;
  }
}

describe('Shared_heap', () => {
  it('gives 16-aligned blocks, refuses sizes that are no block, and frees live blocks only', () => {
    const heap = new Shared_heap(Shared_heap.format(LEN));
    const p = heap.malloc(40);
    expect(p % 16).toBe(0);
    for (const n of [0, -1, 1.5, BUDDY_MAX_SIZE + 1, LEN]) expect(heap.malloc(n)).toBe(0);
    expect(heap.free(0)).toBe(0);
    expect(heap.free(p + 16)).toBe(-L4_EINVAL);
    expect(heap.live_blocks()).toBe(1);
    expect(heap.free(p)).toBe(0);
    expect(heap.free(p)).toBe(-L4_EINVAL);
    expect(heap.live_blocks()).toBe(0);
    heap.check_invariants();
  });

  it('reallocs: in place when it can, else moving the bytes; 0 and -L4_EINVAL as malloc and free give them', () => {
    const heap = new Shared_heap(Shared_heap.format(LEN));
    const p = heap.realloc(0, 24);
    const wall = heap.malloc(16);
    heap.bytes.fill(7, p, p + 24);
    expect(heap.realloc(p, 8)).toBe(p);
    const q = heap.realloc(p, 100);
    expect(q).not.toBe(p);
    expect([...heap.bytes.subarray(q, q + 8)]).toEqual(new Array(8).fill(7));
    expect(heap.realloc(p, 100)).toBe(-L4_EINVAL);
    expect(heap.realloc(q, LEN)).toBe(0);
    expect(heap.realloc(q, -1)).toBe(0);
    expect(heap.realloc(q, 0)).toBe(0);
    expect(heap.free(q)).toBe(-L4_EINVAL);
    expect(heap.free(wall)).toBe(0);
    heap.check_invariants();
  });

  it('is one heap for every handle on its buffer', () => {
    const sab = Shared_heap.format(LEN);
    const [a, b] = [new Shared_heap(sab), new Shared_heap(sab)];
    const p = a.malloc(100);
    expect(b.malloc(100)).not.toBe(p);
    expect(b.free(p)).toBe(0);
    expect(a.live_blocks()).toBe(1);
  });

  it('locks once for each call, through the Heap_lock its parts name, and unlocks after a throw', () => {
    const sab = Shared_heap.format(LEN);
    const heap = new Shared_heap(sab, { Heap_lock: Counting_lock });
    heap.free(heap.realloc(heap.malloc(16), 32));
    expect(Counting_lock.calls).toBe(3);
    new Uint32Array(sab)[1] = 5;
    expect(() => heap.check_invariants()).toThrow(/^Shared_buddy.check_invariants: 0 used blocks, the count says 5/);
    expect(new Int32Array(sab)[0]).toBe(0);
  });
});
