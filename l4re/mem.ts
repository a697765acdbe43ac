/**
 * Memory services of an L4Re task's environment: the capability-slot allocator
 * (L4Re::Util::cap_alloc), the dataspace allocator (L4Re::Mem_alloc, served by Moe)
 * and the region manager (L4Re::Rm).
 */
import type { Cap } from './cap.ts';

export const L4_PAGESHIFT = 12;
export const L4_PAGESIZE = 1 << L4_PAGESHIFT;
/** Attachable user addresses: [L4RE_RM_START, L4RE_RM_END). Page 0 is never attached. */
export const L4RE_RM_START = 0x10000;
export const L4RE_RM_END = 2 ** 47;
/** Slots the per-task cap_alloc manages by default, starting at L4RE_CAP_ALLOC_BASE. */
export const L4RE_CAP_ALLOC_SLOTS = 4096;
export const L4RE_CAP_ALLOC_BASE = 64;

export const L4RE_RM_F_R = 0x1;
export const L4RE_RM_F_W = 0x2;
export const L4RE_RM_F_X = 0x4;
export const L4RE_RM_F_RW = L4RE_RM_F_R | L4RE_RM_F_W;
export const L4RE_RM_F_RWX = L4RE_RM_F_RW | L4RE_RM_F_X;
export const L4RE_RM_F_SEARCH_ADDR = 0x20000;
export const L4RE_RM_F_IN_AREA = 0x40000;
export const L4RE_RM_F_EAGER_MAP = 0x80000;

/** Rm::detach results (non-negative), or-able with Detach_again. */
export const Detached_ds = 0;
export const Kept_ds = 1;
export const Split_ds = 2;
export const Detach_again = 4;

export function l4_round_page(x: number): number {
  return Math.ceil(x / L4_PAGESIZE) * L4_PAGESIZE;
}

export function l4_trunc_page(x: number): number {
  return Math.floor(x / L4_PAGESIZE) * L4_PAGESIZE;
}

/** The largest `align` (log2 of the alignment) Rm.attach takes. */
export const L4RE_RM_MAX_ALIGN = 47;

/** What Rm.attach places, its arguments checked and made whole: the part both worlds' region managers share. */
export interface Attach_request {
  /** Whole pages. */
  readonly size: number;
  /** The region's rights: R, W and X of the flags. */
  readonly flags: number;
  /**
   * With L4RE_RM_F_SEARCH_ADDR, the region goes at the lowest free multiple of
   * `alignment` (at least a page) at or above `from`, which is at least
   * L4RE_RM_START; without it, at `from`, `start` rounded down to a page. `from`
   * is NaN for a NaN start.
   */
  readonly search: boolean;
  readonly from: number;
  readonly alignment: number;
}

/**
 * Rm.attach's request, or undefined for -L4_EINVAL: a size that is not a
 * positive safe integer, an align outside 0 … L4RE_RM_MAX_ALIGN, an offset
 * that is not a page-aligned safe integer ≥ 0. Checked before anything is looked up.
 */
export function attach_request(start: number, size: number, flags: number, offset = 0, align = L4_PAGESHIFT): Attach_request | undefined {
  if (!Number.isSafeInteger(size) || size <= 0) return undefined;
  if (!Number.isInteger(align) || align < 0 || align > L4RE_RM_MAX_ALIGN) return undefined;
  if (!Number.isSafeInteger(offset) || offset < 0 || offset % L4_PAGESIZE !== 0) return undefined;
  const search = (flags & L4RE_RM_F_SEARCH_ADDR) !== 0;
  return {
    size: l4_round_page(size),
    flags: flags & L4RE_RM_F_RWX,
    search,
    from: search ? Math.max(start, L4RE_RM_START) : l4_trunc_page(start),
    alignment: 2 ** Math.max(align, L4_PAGESHIFT),
  };
}

/** An access to an address that is not attached with the needed rights. */
export interface Page_fault {
  readonly fault: 'read' | 'write';
  /** The lowest faulting address of the access. */
  readonly addr: number;
}

export function is_page_fault(x: unknown): x is Page_fault {
  return typeof x === 'object' && x !== null && 'fault' in x;
}

/** L4Re::Util::cap_alloc of one task. */
export interface Cap_alloc {
  /** The lowest free slot of the allocator's range (first fit), or L4_INVALID_CAP when full. */
  alloc(): Cap;
  /**
   * Unmap whatever the slot holds (as Task.unmap) and free the slot.
   * -L4_EINVAL for a selector outside the allocator's range; -L4_ENOENT if the slot
   * is not allocated (a double free), and then nothing changes.
   */
  free(cap: Cap): number;
  /** Slots allocated now. */
  in_use(): number;
}

/** L4Re::Mem_alloc as the task's environment reaches it. One quota for the world. */
export interface Mem_alloc {
  /**
   * Put a new dataspace of `size` bytes (charged as whole pages) into slot `ds`,
   * with rights RWSD, replacing what the slot held. 0, or -L4_EINVAL (size not a
   * positive integer, `ds` not a valid selector), -L4_ENOMEM (past the quota).
   * Memory of a new dataspace reads as zero.
   */
  alloc(size: number, ds: Cap, flags?: number, align?: number): number;
  /** Bytes of pages charged now, and the limit. */
  quota(): { readonly used: number; readonly limit: number };
}

/** L4Re::Rm of one task: its address space. */
export interface Rm {
  /**
   * Attach `size` bytes of dataspace `ds` from `offset`. `start` rounds down and
   * `size` up to pages. With L4RE_RM_F_SEARCH_ADDR the region is placed at the
   * lowest address >= start (and >= L4RE_RM_START) aligned to 2^align where it fits
   * below L4RE_RM_END; without it, exactly at start.
   * Returns the start address, or -L4_EINVAL (size 0, offset not page aligned,
   * offset + size past the dataspace, align > L4RE_RM_MAX_ALIGN: attach_request),
   * -L4_ENOENT (ds empty or not a dataspace), -L4_EPERM (R/W requested beyond
   * the capability's rights),
   * -L4_EADDRNOTAVAIL (no room, overlap, or outside the attachable range).
   * The region holds its own counted reference to the dataspace.
   */
  attach(start: number, size: number, flags: number, ds: Cap, offset?: number, align?: number): number;
  /**
   * Remove the whole region containing `addr` and drop its reference to the
   * dataspace. Detached_ds, or -L4_ENOENT if nothing is attached there.
   * The caller's own dataspace capability is untouched: free it or it leaks.
   */
  detach(addr: number): number;
  /** Attached regions. */
  regions(): number;
}
