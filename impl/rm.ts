/**
 * Rm: L4Re::Rm of one task, its regions in a Region_tree.
 *
 *   L4RE_RM_START                                                   L4RE_RM_END
 *   |  [ region ]      [ region ]   [ region ]                              |
 *        │ ds (index, gen), offset, flags R/W/X
 *        └──> Object_table: the region holds one counted reference
 *
 * Invariant: regions lie in [L4RE_RM_START, L4RE_RM_END), are page aligned and
 * disjoint; a region whose dataspace died stays attached and faults on access.
 * attach, detach and the lookup of each region an access crosses are O(log n).
 * Typed access (load_*, store_*, copy, fill) comes from Region_memory, which
 * owns the tree; detach empties its windows.
 */
import { L4_CAP_FPAGE_W, slot_of_cap, type Cap } from '../l4re/cap.ts';
import { L4_EADDRNOTAVAIL, L4_EINVAL, L4_ENOENT, L4_EPERM } from '../l4re/err.ts';
import { Detached_ds, L4_PAGESIZE, L4RE_RM_END, L4RE_RM_F_R, L4RE_RM_F_W, L4RE_RM_START, attach_request, type Page_fault, type Rm as L4_rm } from '../l4re/mem.ts';
import type { Dataspace } from './dataspace.ts';
import { Region_memory } from './memory.ts';

export interface Attached_region {
  readonly start: number;
  readonly end: number;
  readonly flags: number;
  readonly ds: number;
  readonly ds_gen: number;
  readonly offset: number;
}

/** One stretch of an access that lies in one region. */
interface Piece {
  readonly ds: Dataspace;
  readonly off: number;
  readonly at: number;
  readonly n: number;
}

export class Rm extends Region_memory implements L4_rm {
  attach(start: number, size: number, flags: number, ds: Cap, offset = 0, align?: number): number {
    const req = attach_request(start, size, flags, offset, align);
    if (req === undefined) return -L4_EINVAL;
    const kernel = this.task.kernel;
    const slot = slot_of_cap(ds);
    const index = slot < 0 ? -1 : kernel.lookup(this.task, slot);
    const target = index < 0 ? null : kernel.dataspace(index);
    if (target === null) return -L4_ENOENT;
    if (offset + req.size > target.charge) return -L4_EINVAL;
    if (flags & L4RE_RM_F_W && !(this.task.table.rights[slot]! & L4_CAP_FPAGE_W)) return -L4_EPERM;
    const s = req.search ? this.search(req.from, req.size, req.alignment) : this.place(req.from, req.size);
    if (s < 0) return -L4_EADDRNOTAVAIL;
    this.tree.insert({ start: s, end: s + req.size, flags: req.flags, ds: index, ds_gen: kernel.gen(index), offset });
    kernel.hold(index);
    return s;
  }

  /** Lowest free multiple of `alignment` >= `from` with room below L4RE_RM_END, or -1 (Attach_request). */
  protected search(from: number, size: number, alignment: number): number {
    return Number.isNaN(from) ? -1 : this.tree.search(from, size, alignment, L4RE_RM_END);
  }

  /** `at`, if [at, at + size) is free and attachable; else -1. */
  protected place(at: number, size: number): number {
    if (!(at >= L4RE_RM_START && at + size <= L4RE_RM_END) || this.tree.overlaps(at, at + size)) return -1;
    return at;
  }

  detach(addr: number): number {
    const r = this.tree.containing(addr);
    if (r === null) return -L4_ENOENT;
    this.tree.remove(r.start);
    this.forget();
    this.release(r);
    return Detached_ds;
  }

  /** Drop the region's reference to its dataspace, if that still lives. */
  protected release(r: Attached_region): void {
    const kernel = this.task.kernel;
    if (kernel.is_live(r.ds, r.ds_gen)) kernel.drop(r.ds);
  }

  regions(): number {
    return this.tree.size();
  }

  read(addr: number, len: number): Uint8Array | Page_fault {
    if (!Number.isSafeInteger(len) || len < 0) throw new RangeError(`Rm of ${this.task.name}: read length ${len}`);
    const out = new Uint8Array(len);
    const pieces = this.resolve(addr, len, L4RE_RM_F_R);
    if (!Array.isArray(pieces)) return pieces;
    for (const p of pieces) p.ds.read(p.off, out, p.at, p.n);
    return out;
  }

  write(addr: number, data: Uint8Array): 0 | Page_fault {
    const pieces = this.resolve(addr, data.length, L4RE_RM_F_W);
    if (!Array.isArray(pieces)) return pieces;
    for (const p of pieces) p.ds.write(p.off, data, p.at, p.n);
    return 0;
  }

  /** The pieces [addr, addr + len) falls into, each in a live region with `need`; or the lowest fault. */
  protected resolve(addr: number, len: number, need: number): Piece[] | Page_fault {
    const pieces: Piece[] = [];
    const kernel = this.task.kernel;
    for (let cur = addr, end = addr + len; cur < end; ) {
      const r = this.tree.containing(cur);
      if (r === null || !(r.flags & need) || !kernel.is_live(r.ds, r.ds_gen)) {
        return { fault: need === L4RE_RM_F_R ? 'read' : 'write', addr: cur };
      }
      const n = Math.min(r.end, end) - cur;
      pieces.push({ ds: kernel.dataspace(r.ds)!, off: r.offset + (cur - r.start), at: cur - addr, n });
      cur += n;
    }
    return pieces;
  }

  /** Regions whose dataspace lives, for the world's count of counted copies. */
  *live_regions(): IterableIterator<Attached_region> {
    for (const r of this.tree) if (this.task.kernel.is_live(r.ds, r.ds_gen)) yield r;
  }

  check_invariants(): void {
    try {
      this.tree.check_invariants();
    } catch (e) {
      throw new Error(`Rm of ${this.task.name}: ${(e as Error).message}`);
    }
    for (const r of this.tree) {
      if (r.start < L4RE_RM_START || r.end > L4RE_RM_END || r.start % L4_PAGESIZE !== 0 || r.end % L4_PAGESIZE !== 0) {
        throw new Error(`Rm of ${this.task.name}: region [${r.start}, ${r.end}) is unaligned or outside the attachable range`);
      }
    }
    this.check_windows();
  }
}
