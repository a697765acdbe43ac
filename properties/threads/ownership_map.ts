/**
 * Who holds each 16-byte granule of a heap, shared by the threads of a run,
 * so that two live blocks that overlap are seen the moment the second is
 * handed out. A thread claims its block's granules when malloc or realloc
 * gives it the block, and gives them back just before it passes the block to
 * free or realloc: while it holds a granule, a correct heap gives the bytes
 * to nobody else.
 *
 *   entry g   0: nobody;  s + 1: block #s, whose bytes [ptr, ptr + size) reach granule g
 *
 * Invariant: an entry changes only 0 → s + 1 (compareExchange, by the thread
 * of block #s) and back. Blocks are 16-aligned and a block's header sits
 * between it and the next, so blocks of a correct heap never share a granule.
 */
const GRANULE_BITS = 4;

export class Ownership_map {
  private readonly owners: Int32Array;

  /** The memory of a map for a heap of `heap_bytes`, all granules free. */
  static create(heap_bytes: number): SharedArrayBuffer {
    return new SharedArrayBuffer((heap_bytes >>> GRANULE_BITS) * Int32Array.BYTES_PER_ELEMENT);
  }

  constructor(sab: SharedArrayBuffer) {
    this.owners = new Int32Array(sab);
  }

  /** Claim the granules of block #serial at [ptr, ptr + size) (size > 0): -1, or the serial of a block holding one of them. */
  claim(ptr: number, size: number, serial: number): number {
    for (let g = ptr >>> GRANULE_BITS, last = (ptr + size - 1) >>> GRANULE_BITS; g <= last; g++) {
      const held = Atomics.compareExchange(this.owners, g, 0, serial + 1);
      if (held !== 0) return held - 1;
    }
    return -1;
  }

  /** Give back the granules block #serial claimed at [ptr, ptr + size). */
  release(ptr: number, size: number, serial: number): void {
    for (let g = ptr >>> GRANULE_BITS, last = (ptr + size - 1) >>> GRANULE_BITS; g <= last; g++) {
      const held = Atomics.compareExchange(this.owners, g, serial + 1, 0);
      if (held !== serial + 1) throw new Error(`Ownership_map.release: granule ${g} of block #${serial} is held by ${held === 0 ? 'nobody' : `#${held - 1}`}`);
    }
  }
}
