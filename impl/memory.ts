/**
 * Region_memory: typed access (l4re/memory.ts) to one task's regions, the base
 * its Rm builds on. One window per right remembers the region the last access
 * with that right reached:
 *
 *   rd, wr   [start ─────────── start + len)      one attached region's addresses
 *              │ index, ds     Kernel.dataspace(index) === ds while ds lives
 *              └ bytes, view   ds's whole flat buffer; addr lies at off + (addr - start)
 *
 *   access of n bytes at addr
 *     hit    addr - start an integer in [0, len - n] and ds still at index: O(1)
 *     reach  addr a valid address, one live flat region with the right holds all n
 *            bytes: the window moves there, O(log regions)
 *     stage  crossing regions or in a sparse dataspace: every byte checked first,
 *            then moved region by region through SCRATCH
 *
 * Invariants: a window of len > 0 names an attached region with its right and a
 * flat dataspace; detach empties both windows, and a dataspace that died is no
 * longer at its index (the Object_table nulls the entry, a later object is a new
 * Dataspace), so a hit never reaches detached or dead memory. A hit allocates
 * nothing; neither does a reach once the dataspace has its view.
 */
import { L4RE_RM_F_R, L4RE_RM_F_RW, L4RE_RM_F_W } from '../l4re/mem.ts';
import { address_fault, check_len, check_u64, get_u64, is_address, type Memory, Page_fault_error, set_u64 } from '../l4re/memory.ts';
import type { Dataspace } from './dataspace.ts';
import type { Kernel } from './kernel.ts';
import { Region_tree } from './region_tree.ts';
import type { Attached_region } from './rm.ts';
import type { Impl_task } from './task.ts';

const SCRATCH_BITS = 16;
/** Staged accesses and copies move through this buffer, SCRATCH_SIZE bytes at a time. */
const SCRATCH_SIZE = 1 << SCRATCH_BITS;
/** One for every task: nothing runs between staging and using it. */
const SCRATCH = new Uint8Array(SCRATCH_SIZE);
const SCRATCH_VIEW = new DataView(SCRATCH.buffer);

/** Each flat dataspace's DataView, made at its first reach. */
const VIEWS = new WeakMap<Dataspace, DataView>();

function view_of(ds: Dataspace, bytes: Uint8Array): DataView {
  let v = VIEWS.get(ds);
  if (v === undefined) {
    v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    VIEWS.set(ds, v);
  }
  return v;
}

function fault_of(need: number): 'read' | 'write' {
  return need === L4RE_RM_F_R ? 'read' : 'write';
}

/** The region one right's accesses last reached; len 0 holds nothing. */
class Window {
  start = 0;
  len = 0;
  index = 0;
  ds: Dataspace | null = null;
  off = 0;
  bytes: Uint8Array = SCRATCH;
  /** The DataView over `bytes`, made when a typed access first needs it (views need none). */
  private data: DataView | null = SCRATCH_VIEW;

  get view(): DataView {
    return (this.data ??= view_of(this.ds!, this.bytes));
  }

  /** Hold the region [start, start + len) of `ds` from dataspace offset `off`. */
  hold(start: number, len: number, index: number, ds: Dataspace, off: number, bytes: Uint8Array): void {
    this.start = start;
    this.len = len;
    this.index = index;
    this.ds = ds;
    this.off = off;
    this.bytes = bytes;
    this.data = null;
  }

  empty(): void {
    this.len = 0;
    this.ds = null;
    this.bytes = SCRATCH;
    this.data = SCRATCH_VIEW;
  }
}

export class Region_memory implements Memory {
  protected readonly tree = new Region_tree<Attached_region>();
  protected readonly kernel: Kernel;
  protected readonly rd = new Window();
  protected readonly wr = new Window();
  protected readonly vw = new Window();
  /** Where, in the view readable() or writable() returned, the access starts. */
  private pos = 0;
  /** After find(): the flat dataspace bytes that hold what it found, and where. */
  found: Uint8Array = SCRATCH;
  found_at = 0;
  /** Bytes of SCRATCH a staged store still has to write back, to `staged_at`. */
  private staged = 0;
  private staged_at = 0;

  constructor(protected readonly task: Impl_task) {
    this.kernel = task.kernel;
  }

  load_u8(addr: number): number {
    return this.readable(addr, 1).getUint8(this.pos);
  }

  load_u16(addr: number): number {
    return this.readable(addr, 2).getUint16(this.pos, true);
  }

  load_u32(addr: number): number {
    return this.readable(addr, 4).getUint32(this.pos, true);
  }

  load_u64(addr: number): number {
    return get_u64(this.readable(addr, 8), this.pos);
  }

  store_u8(addr: number, v: number): void {
    this.writable(addr, 1).setUint8(this.pos, v);
    this.write_back();
  }

  store_u16(addr: number, v: number): void {
    this.writable(addr, 2).setUint16(this.pos, v, true);
    this.write_back();
  }

  store_u32(addr: number, v: number): void {
    this.writable(addr, 4).setUint32(this.pos, v, true);
    this.write_back();
  }

  store_u64(addr: number, v: number): void {
    check_u64(v);
    set_u64(this.writable(addr, 8), this.pos, v);
    this.write_back();
  }

  copy(dst: number, src: number, len: number): void {
    check_len('Rm.copy', len);
    if (len === 0) return;
    const flat_src = this.hit(this.rd, src, len) || this.reach(this.rd, src, len, L4RE_RM_F_R);
    const from = this.pos;
    if (!flat_src) this.check(src, len, L4RE_RM_F_R);
    const flat_dst = this.hit(this.wr, dst, len) || this.reach(this.wr, dst, len, L4RE_RM_F_W);
    if (!flat_dst) this.check(dst, len, L4RE_RM_F_W);
    if (!(flat_src && flat_dst)) {
      this.copy_staged(dst, src, len);
      return;
    }
    const a = this.rd.bytes;
    const b = this.wr.bytes;
    if (a === b) b.copyWithin(this.pos, from, from + len);
    else b.set(a.subarray(from, from + len), this.pos);
  }

  fill(addr: number, byte: number, len: number): void {
    check_len('Rm.fill', len);
    if (len === 0) return;
    if (this.hit(this.wr, addr, len) || this.reach(this.wr, addr, len, L4RE_RM_F_W)) {
      this.wr.bytes.fill(byte & 0xff, this.pos, this.pos + len);
      return;
    }
    this.check(addr, len, L4RE_RM_F_W);
    SCRATCH.fill(byte & 0xff, 0, Math.min(len, SCRATCH_SIZE));
    for (let at = 0; at < len; at += SCRATCH_SIZE) this.move(addr + at, Math.min(SCRATCH_SIZE, len - at), SCRATCH, L4RE_RM_F_W);
  }

  /**
   * The bytes [addr, addr + len), aliasing their flat dataspace: writes
   * through the view are the task's memory. undefined unless they lie in one
   * region with R and W whose dataspace lives and is flat.
   */
  view(addr: number, len: number): Uint8Array | undefined {
    return this.find(addr, len) ? this.found.subarray(this.found_at, this.found_at + len) : undefined;
  }

  /**
   * What view(addr, len) would alias, without making the view: true with
   * `found` and `found_at` set, or false. For the heap checker, which looks
   * at every live block after every op and must not allocate to do so.
   */
  find(addr: number, len: number): boolean {
    if (!is_address(addr) || !(len >= 0)) return false;
    const w = this.vw;
    if (!(this.hit(w, addr, len) || this.reach(w, addr, len, L4RE_RM_F_RW))) return false;
    this.found = w.bytes;
    this.found_at = this.pos;
    return true;
  }

  /** Detach's part: no window may name a region that is gone. */
  protected forget(): void {
    this.rd.empty();
    this.wr.empty();
    this.vw.empty();
  }

  /** Throws unless each window names an attached region with its right, as it was reached. */
  protected check_windows(): void {
    for (const [w, need, name] of [
      [this.rd, L4RE_RM_F_R, 'read'],
      [this.wr, L4RE_RM_F_W, 'write'],
      [this.vw, L4RE_RM_F_RW, 'view'],
    ] as const) {
      if (w.len === 0) continue;
      const r = this.tree.containing(w.start);
      if (r === null || r.start !== w.start || r.end - r.start !== w.len || r.ds !== w.index || r.offset !== w.off || (r.flags & need) !== need) {
        throw new Error(`Rm of ${this.task.name}: the ${name} window [${w.start}, ${w.start + w.len}) names no such region`);
      }
    }
  }

  /** Whether `w` holds [addr, addr + n); if so, this.pos is where. */
  private hit(w: Window, addr: number, n: number): boolean {
    const i = addr - w.start;
    if (!(i >>> 0 === i && i + n <= w.len && this.kernel.dataspace(w.index) === w.ds)) return false;
    this.pos = w.off + i;
    return true;
  }

  /**
   * Move `w` to the live flat region with right `need` that holds all of
   * [addr, addr + n), if there is one (this.pos is where). A bad `addr` faults.
   */
  private reach(w: Window, addr: number, n: number, need: number): boolean {
    if (!is_address(addr)) throw address_fault(fault_of(need), addr);
    const r = this.tree.containing(addr);
    if (r === null || addr + n > r.end || (r.flags & need) !== need || !this.kernel.is_live(r.ds, r.ds_gen)) return false;
    const ds = this.kernel.dataspace(r.ds)!;
    const bytes = ds.flat;
    if (bytes === null) return false;
    w.hold(r.start, r.end - r.start, r.ds, ds, r.offset, bytes);
    this.pos = r.offset + (addr - r.start);
    return true;
  }

  /** The view holding [addr, addr + n) for a load, at this.pos. */
  private readable(addr: number, n: number): DataView {
    const w = this.rd;
    if (this.hit(w, addr, n) || this.reach(w, addr, n, L4RE_RM_F_R)) return w.view;
    this.check(addr, n, L4RE_RM_F_R);
    SCRATCH.fill(0, 0, n);
    this.move(addr, n, SCRATCH, L4RE_RM_F_R);
    this.pos = 0;
    return SCRATCH_VIEW;
  }

  /** The view to store [addr, addr + n) into, at this.pos; write_back() finishes a staged one. */
  private writable(addr: number, n: number): DataView {
    const w = this.wr;
    if (this.hit(w, addr, n) || this.reach(w, addr, n, L4RE_RM_F_W)) return w.view;
    this.check(addr, n, L4RE_RM_F_W);
    this.staged = n;
    this.staged_at = addr;
    this.pos = 0;
    return SCRATCH_VIEW;
  }

  private write_back(): void {
    if (this.staged === 0) return;
    const n = this.staged;
    this.staged = 0;
    this.move(this.staged_at, n, SCRATCH, L4RE_RM_F_W);
  }

  /** Throws the fault an access of [addr, addr + n) with right `need` takes at its lowest bad byte, if any. */
  private check(addr: number, n: number, need: number): void {
    for (let cur = addr, end = addr + n; cur < end; ) {
      const r = this.tree.containing(cur);
      if (r === null || !(r.flags & need) || !this.kernel.is_live(r.ds, r.ds_gen)) throw new Page_fault_error(fault_of(need), cur);
      cur = r.end;
    }
  }

  /** Checked [addr, addr + n) into zero-filled `buf` (need R) or from `buf` (need W), region by region. */
  private move(addr: number, n: number, buf: Uint8Array, need: number): void {
    for (let cur = addr, end = addr + n; cur < end; ) {
      const r = this.tree.containing(cur)!;
      const k = Math.min(r.end, end) - cur;
      const ds = this.kernel.dataspace(r.ds)!;
      const off = r.offset + (cur - r.start);
      if (need === L4RE_RM_F_R) ds.read(off, buf, cur - addr, k);
      else ds.write(off, buf, cur - addr, k);
      cur += k;
    }
  }

  /**
   * A checked copy that a window cannot serve. Up to SCRATCH_SIZE bytes are read
   * whole before any is written; a longer one goes in pieces unless a source byte
   * shares its dataspace byte with a destination byte, and then through a copy of
   * its own (an overlapping memmove outside one flat region: rare).
   */
  private copy_staged(dst: number, src: number, len: number): void {
    if (len > SCRATCH_SIZE && this.aliased(dst, src, len)) {
      const tmp = new Uint8Array(len);
      this.move(src, len, tmp, L4RE_RM_F_R);
      this.move(dst, len, tmp, L4RE_RM_F_W);
      return;
    }
    for (let at = 0; at < len; at += SCRATCH_SIZE) {
      const k = Math.min(SCRATCH_SIZE, len - at);
      SCRATCH.fill(0, 0, k);
      this.move(src + at, k, SCRATCH, L4RE_RM_F_R);
      this.move(dst + at, k, SCRATCH, L4RE_RM_F_W);
    }
  }

  /** Whether some byte of checked [dst, dst + len) is stored where some byte of [src, src + len) is. */
  private aliased(dst: number, src: number, len: number): boolean {
    for (let s = src; s < src + len; ) {
      const a = this.tree.containing(s)!;
      const a_end = Math.min(a.end, src + len);
      for (let d = dst; d < dst + len; ) {
        const b = this.tree.containing(d)!;
        const b_end = Math.min(b.end, dst + len);
        const meet = a.offset + (s - a.start) < b.offset + (b_end - b.start) && b.offset + (d - b.start) < a.offset + (a_end - a.start);
        if (a.ds === b.ds && meet) return true;
        d = b_end;
      }
      s = a_end;
    }
    return false;
  }
}
