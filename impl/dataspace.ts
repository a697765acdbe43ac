/**
 * Dataspace: the bytes of one Moe dataspace, stored sparsely by page.
 *
 *   pages: Map<page number, Uint8Array(L4_PAGESIZE)>
 *          only pages ever written exist; an absent page reads as zero, so a
 *          1 GiB dataspace with two touched pages holds two pages.
 *
 * Invariant: every offset passed in lies below round_page(size).
 */
import { L4_PAGESHIFT, L4_PAGESIZE, l4_round_page } from '../l4re/mem.ts';

export class Dataspace {
  protected readonly pages = new Map<number, Uint8Array>();
  /** Bytes charged to the quota: whole pages. */
  readonly charge: number;

  constructor(readonly size: number) {
    this.charge = l4_round_page(size);
  }

  /** Copy `n` bytes from `off` into zero-filled `out` at `at`. */
  read(off: number, out: Uint8Array, at: number, n: number): void {
    while (n > 0) {
      const in_page = off % L4_PAGESIZE;
      const k = Math.min(n, L4_PAGESIZE - in_page);
      const page = this.pages.get(Math.floor(off / L4_PAGESIZE));
      if (page !== undefined) out.set(page.subarray(in_page, in_page + k), at);
      off += k;
      at += k;
      n -= k;
    }
  }

  /** Copy `n` bytes of `src` from `at` to `off`. */
  write(off: number, src: Uint8Array, at: number, n: number): void {
    while (n > 0) {
      const in_page = off % L4_PAGESIZE;
      const k = Math.min(n, L4_PAGESIZE - in_page);
      const p = Math.floor(off / L4_PAGESIZE);
      let page = this.pages.get(p);
      if (page === undefined) {
        page = new Uint8Array(1 << L4_PAGESHIFT);
        this.pages.set(p, page);
      }
      page.set(src.subarray(at, at + k), in_page);
      off += k;
      at += k;
      n -= k;
    }
  }

  /** Pages that hold memory. */
  pages_touched(): number {
    return this.pages.size;
  }
}
