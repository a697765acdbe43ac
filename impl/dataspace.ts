/**
 * Dataspace: the bytes of one Moe dataspace, flat when small, sparse by page
 * when huge.
 *
 *   size <= FLAT_MAX_SIZE   flat: Uint8Array(round_page(size))
 *                           one ArrayBuffer, made at the first write or view
 *                           (until then every byte reads as zero); pages never
 *                           touched cost the host nothing, and Impl_task.view
 *                           hands out aliases of it
 *   size >  FLAT_MAX_SIZE   pages: Map<page number, Uint8Array(L4_PAGESIZE)>
 *                           only pages ever written exist; an absent page reads
 *                           as zero, so a 1 GiB dataspace with two touched
 *                           pages holds two pages.
 *
 * Invariant: every offset passed in lies below round_page(size).
 */
import { L4_PAGESHIFT, L4_PAGESIZE, l4_round_page } from '../l4re/mem.ts';

const FLAT_MAX_BITS = 26;
/** The largest dataspace kept in one flat buffer: 64 MiB. */
export const FLAT_MAX_SIZE = 1 << FLAT_MAX_BITS;

export class Dataspace {
  protected readonly pages = new Map<number, Uint8Array>();
  /** Bytes charged to the quota: whole pages. */
  readonly charge: number;
  /** The bytes of a flat dataspace once made; undefined before that, and always for a sparse one. */
  protected bytes: Uint8Array | undefined;

  constructor(readonly size: number) {
    this.charge = l4_round_page(size);
  }

  /** Whether the dataspace is flat (at most FLAT_MAX_SIZE). */
  is_flat(): boolean {
    return this.charge <= FLAT_MAX_SIZE;
  }

  /** All bytes of a flat dataspace (made now if need be), or null for a sparse one. */
  get flat(): Uint8Array | null {
    if (this.bytes !== undefined) return this.bytes;
    if (!this.is_flat()) return null;
    this.bytes = new Uint8Array(this.charge);
    return this.bytes;
  }

  /** Copy `n` bytes from `off` into zero-filled `out` at `at`. */
  read(off: number, out: Uint8Array, at: number, n: number): void {
    if (this.is_flat()) {
      if (this.bytes !== undefined) out.set(this.bytes.subarray(off, off + n), at);
      return;
    }
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
    const flat = this.flat;
    if (flat !== null) {
      flat.set(src.subarray(at, at + n), off);
      return;
    }
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

  /** Pages that hold memory: every page of a flat dataspace. */
  pages_touched(): number {
    return this.is_flat() ? this.charge >>> L4_PAGESHIFT : this.pages.size;
  }
}
