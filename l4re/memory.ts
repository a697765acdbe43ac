/**
 * Typed access to a task's attached memory: what a C allocator does with
 * `*(l4_uint32_t *)p = v`, `memcpy` and `memset`, without a fresh Uint8Array
 * per access as read/write give.
 *
 * Every call checks every byte it touches: loads and the source of `copy` need
 * a region attached with L4RE_RM_F_R, stores, `fill` and the destination of
 * `copy` one with L4RE_RM_F_W, and the region's dataspace must still live. An
 * access that fails the check throws a Page_fault_error naming the lowest
 * faulting address and changes nothing; a program cannot miss it, as a C
 * program cannot miss a SIGSEGV. Multi-byte values are little-endian and need
 * no alignment. In the optimized world no call allocates in the common case
 * (an access inside the region the previous one reached).
 *
 * The rules for bad arguments, the same in every world:
 * - an `addr` (or `dst`, `src`) that is not a non-negative safe integer is a
 *   page fault at that address (at 0 for NaN): `read` for loads and copy's
 *   source, `write` for stores, `fill` and copy's destination;
 * - a `len` that is not a non-negative safe integer is a RangeError naming the
 *   function (`Rm.copy: len -1`); `len` 0 touches nothing and never faults;
 * - `copy` checks its whole source before its destination: an unreadable
 *   source byte is a read fault even when the destination would fault too;
 * - `store_u64` of a non-integer, or of magnitude 2^53 or more, is a RangeError
 *   naming the function, thrown before the address is looked at.
 */
import { hex } from './hex.ts';

/** An access to memory that is not attached with the right it needs. */
export class Page_fault_error extends Error {
  override readonly name = 'Page_fault_error';

  constructor(
    readonly fault: 'read' | 'write',
    /** The lowest faulting address of the access. */
    readonly addr: number,
  ) {
    super(`page fault: ${fault} at ${hex(addr)}`);
  }
}

export interface Memory {
  load_u8(addr: number): number;
  load_u16(addr: number): number;
  load_u32(addr: number): number;
  /** The 64-bit value as a number: exact below 2^53, which every address and size is. */
  load_u64(addr: number): number;
  /**
   * Stores keep the low bits of `v`, as a C store to a narrower type does
   * (a DataView's conversion: truncated toward zero; NaN and ±Infinity store 0).
   */
  store_u8(addr: number, v: number): void;
  store_u16(addr: number, v: number): void;
  store_u32(addr: number, v: number): void;
  /** `v` an integer of magnitude below 2^53, stored modulo 2^64 (so -1 stores all ones). */
  store_u64(addr: number, v: number): void;
  /** memmove: `len` bytes from `src` to `dst`; the two may overlap. */
  copy(dst: number, src: number, len: number): void;
  /** memset: `len` bytes at `addr` set to `byte & 0xff`. */
  fill(addr: number, byte: number, len: number): void;
}

/**
 * Memory that passes every typed access on, unchanged, to `memory`: a task's
 * is its region manager's, an environment's its task's.
 */
export abstract class Delegated_memory implements Memory {
  /** Where every access goes. */
  protected abstract get memory(): Memory;

  load_u8(addr: number): number {
    return this.memory.load_u8(addr);
  }

  load_u16(addr: number): number {
    return this.memory.load_u16(addr);
  }

  load_u32(addr: number): number {
    return this.memory.load_u32(addr);
  }

  load_u64(addr: number): number {
    return this.memory.load_u64(addr);
  }

  store_u8(addr: number, v: number): void {
    this.memory.store_u8(addr, v);
  }

  store_u16(addr: number, v: number): void {
    this.memory.store_u16(addr, v);
  }

  store_u32(addr: number, v: number): void {
    this.memory.store_u32(addr, v);
  }

  store_u64(addr: number, v: number): void {
    this.memory.store_u64(addr, v);
  }

  copy(dst: number, src: number, len: number): void {
    this.memory.copy(dst, src, len);
  }

  fill(addr: number, byte: number, len: number): void {
    this.memory.fill(addr, byte, len);
  }
}

/** Whether `addr` can name a byte at all: a non-negative safe integer. */
export function is_address(addr: number): boolean {
  return Number.isSafeInteger(addr) && addr >= 0;
}

/** The fault an access at a non-address takes. */
export function address_fault(fault: 'read' | 'write', addr: number): Page_fault_error {
  return new Page_fault_error(fault, Number.isNaN(addr) ? 0 : addr);
}

/** Throws the RangeError of function `fn` (`Rm.copy`) unless `len` is a non-negative safe integer. */
export function check_len(fn: string, len: number): void {
  if (!Number.isSafeInteger(len) || len < 0) throw new RangeError(`${fn}: len ${len}`);
}

const WORD = 2 ** 32;

/** Throws store_u64's RangeError unless `v` is an integer of magnitude below 2^53. */
export function check_u64(v: number): void {
  if (!Number.isSafeInteger(v)) throw new RangeError(`Rm.store_u64: value ${v}`);
}

/** Checked `v` modulo 2^64 as two little-endian words at `pos` of `view`. */
export function set_u64(view: DataView, pos: number, v: number): void {
  const hi = Math.floor(v / WORD);
  view.setUint32(pos, v - hi * WORD, true);
  view.setUint32(pos + 4, hi, true);
}

/** The unsigned 64-bit value at `pos` of `view`, rounded to a number above 2^53. */
export function get_u64(view: DataView, pos: number): number {
  return view.getUint32(pos + 4, true) * WORD + view.getUint32(pos, true);
}
