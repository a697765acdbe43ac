/**
 * L4Re::Rm of one task: regions sorted by start address, never overlapping, each
 * page aligned inside [L4RE_RM_START, L4RE_RM_END) and holding a counted reference
 * to its dataspace. Reads and writes go through the regions to the dataspace bytes.
 */
import { type Cap, L4_CAP_FPAGE_W } from '../l4re/cap.ts';
import { L4_EADDRNOTAVAIL, L4_EINVAL, L4_ENOENT, L4_EPERM } from '../l4re/err.ts';
import { Detached_ds, L4_PAGESIZE, L4RE_RM_END, L4RE_RM_F_R, L4RE_RM_F_W, L4RE_RM_START, attach_request, type Page_fault, type Rm as Rm_api } from '../l4re/mem.ts';
import type { Dataspace } from './dataspace.ts';
import type { Kernel } from './kernel.ts';
import type { Obj_space } from './obj_space.ts';

export interface Region {
  readonly start: number;
  readonly size: number;
  readonly flags: number;
  readonly ds: Dataspace;
  /** Dataspace offset of `start`. */
  readonly offset: number;
}

/** A piece of an access that lies in one region. */
interface Piece {
  readonly ds: Dataspace;
  readonly offset: number;
  /** Bytes of the access before this piece. */
  readonly done: number;
  readonly len: number;
}

const NO_BYTES = new Uint8Array(0);

export class Rm implements Rm_api {
  readonly list: Region[] = [];
  /** After find(): the dataspace page that holds what it found, and where in it. */
  found: Uint8Array = NO_BYTES;
  found_at = 0;

  constructor(
    private readonly kernel: Kernel,
    private readonly space: Obj_space,
  ) {}

  attach(start: number, size: number, flags: number, ds: Cap, offset = 0, align?: number): number {
    const req = attach_request(start, size, flags, offset, align);
    if (req === undefined) return -L4_EINVAL;
    const e = this.kernel.lookup(this.space, ds);
    if (e === undefined || e.obj.kind !== 'dataspace') return -L4_ENOENT;
    if (offset + req.size > e.obj.charged()) return -L4_EINVAL;
    if ((flags & L4RE_RM_F_W) !== 0 && (e.rights & L4_CAP_FPAGE_W) === 0) return -L4_EPERM;
    if (Number.isNaN(req.from)) return -L4_EADDRNOTAVAIL;
    const s = req.search ? this.search(req.from, req.size, req.alignment) : this.fixed(req.from, req.size);
    if (s < 0) return s;
    const at = this.list.findIndex((r) => r.start > s);
    this.list.splice(at < 0 ? this.list.length : at, 0, {
      start: s,
      size: req.size,
      flags: req.flags,
      ds: e.obj,
      offset,
    });
    this.kernel.take_ref(e.obj);
    return s;
  }

  detach(addr: number): number {
    const i = this.list.findIndex((r) => r.start <= addr && addr < r.start + r.size);
    if (i < 0) return -L4_ENOENT;
    const [r] = this.list.splice(i, 1);
    this.kernel.drop_ref(r!.ds);
    return Detached_ds;
  }

  regions(): number {
    return this.list.length;
  }

  /** `len` must be a non-negative safe integer: anything else is the caller's bug. */
  read(addr: number, len: number): Uint8Array | Page_fault {
    if (!Number.isSafeInteger(len) || len < 0) throw new RangeError(`Rm ${this.space.name}: read of ${len} bytes`);
    const pieces = this.pieces(addr, len, L4RE_RM_F_R);
    if (!Array.isArray(pieces)) return pieces;
    const out = new Uint8Array(len);
    for (const p of pieces) p.ds.read(p.offset, out.subarray(p.done, p.done + p.len));
    return out;
  }

  write(addr: number, data: Uint8Array): 0 | Page_fault {
    const pieces = this.pieces(addr, data.length, L4RE_RM_F_W);
    if (!Array.isArray(pieces)) return pieces;
    for (const p of pieces) p.ds.write(p.offset, data.subarray(p.done, p.done + p.len));
    return 0;
  }

  /**
   * For the heap checker, which looks at live blocks after every op: true, with
   * `found` and `found_at` set, when [addr, addr + len) lies in one written page
   * of a live dataspace, in a region with R and W; writes to `found` are the
   * task's memory. Otherwise false, and nothing changed.
   */
  find(addr: number, len: number): boolean {
    const in_page = addr % L4_PAGESIZE;
    if (!Number.isSafeInteger(addr) || in_page + len > L4_PAGESIZE) return false;
    const r = this.list.find((x) => x.start <= addr && addr < x.start + x.size);
    if (r === undefined || (r.flags & (L4RE_RM_F_R | L4RE_RM_F_W)) !== (L4RE_RM_F_R | L4RE_RM_F_W) || !r.ds.alive) return false;
    const page = r.ds.page(Math.floor((r.offset + addr - r.start) / L4_PAGESIZE));
    if (page === undefined) return false;
    this.found = page;
    this.found_at = in_page;
    return true;
  }

  check_invariants(): void {
    let prev_end = L4RE_RM_START;
    for (const r of this.list) {
      if (r.start < prev_end || r.start % L4_PAGESIZE !== 0 || r.size % L4_PAGESIZE !== 0 || r.size <= 0) {
        throw new Error(`Rm ${this.space.name}: region ${r.start}+${r.size} misplaced (previous ends at ${prev_end})`);
      }
      if (r.offset + r.size > r.ds.charged()) {
        throw new Error(`Rm ${this.space.name}: region ${r.start}+${r.size} reaches past its dataspace`);
      }
      prev_end = r.start + r.size;
    }
    if (prev_end > L4RE_RM_END) throw new Error(`Rm ${this.space.name}: a region ends at ${prev_end}`);
  }

  /** Lowest multiple of `alignment` >= `from` where `bytes` fit between the regions. */
  private search(from: number, bytes: number, alignment: number): number {
    let s = Math.ceil(from / alignment) * alignment;
    for (const r of this.list) {
      if (r.start + r.size <= s) continue;
      if (s + bytes <= r.start) break;
      s = Math.ceil((r.start + r.size) / alignment) * alignment;
    }
    return s + bytes <= L4RE_RM_END ? s : -L4_EADDRNOTAVAIL;
  }

  private fixed(s: number, bytes: number): number {
    if (s < L4RE_RM_START || s + bytes > L4RE_RM_END) return -L4_EADDRNOTAVAIL;
    const overlap = this.list.some((r) => r.start < s + bytes && s < r.start + r.size);
    return overlap ? -L4_EADDRNOTAVAIL : s;
  }

  /** The access split by region, or the fault at its lowest unreachable byte. */
  private pieces(addr: number, len: number, need: number): Piece[] | Page_fault {
    const fault = need === L4RE_RM_F_R ? 'read' : 'write';
    const out: Piece[] = [];
    let done = 0;
    while (done < len) {
      const at = addr + done;
      const r = this.list.find((x) => x.start <= at && at < x.start + x.size);
      if (r === undefined || (r.flags & need) === 0 || !r.ds.alive) return { fault, addr: at };
      const n = Math.min(r.start + r.size - at, len - done);
      out.push({ ds: r.ds, offset: r.offset + (at - r.start), done, len: n });
      done += n;
    }
    return out;
  }
}
