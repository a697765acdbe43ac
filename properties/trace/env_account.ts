/**
 * A submission's L4Re environment with an account of what it does with it:
 * the environment a TypeScript allocator gets in a replay, in front of the
 * task's own. It passes every call through and keeps, as the C shim keeps for
 * C submissions (grader/native/l4re/):
 * - what the allocator holds: dataspace bytes, regions, slots;
 * - whether Mem_alloc refused memory since `begin_op` (the environment was full);
 * - the first call that failed for misuse: a detach where nothing is attached,
 *   a slot freed twice or never allocated, alloc into or attach of a
 *   capability that holds no dataspace, arguments refused with -L4_EINVAL or
 *   rights the capability lacks (-L4_EPERM). Running out (-L4_ENOMEM,
 *   -L4_EADDRNOTAVAIL, no free slot) is not misuse;
 * - the first access through read/write that faulted (a program that ignores
 *   the Page_fault it got back has still made the access);
 * - every region it attached (with the op and rights) and the last GONE it
 *   detached, to say what a faulting address was.
 * Typed access (load_*, store_*, copy, fill) goes straight to the task: its
 * faults are thrown, and `place` explains them.
 */
import type { L4re_env } from '../../l4re/alloc.ts';
import type { Cap } from '../../l4re/cap.ts';
import { L4_EADDRNOTAVAIL, L4_ENOENT, L4_ENOMEM, L4_EPERM, l4_err_name } from '../../l4re/err.ts';
import { hex } from '../../l4re/hex.ts';
import { type Cap_alloc, L4RE_RM_F_R, L4RE_RM_F_RW, L4RE_RM_F_W, type Mem_alloc, type Page_fault, type Rm, is_page_fault, l4_round_page } from '../../l4re/mem.ts';
import { Delegated_memory, type Memory } from '../../l4re/memory.ts';
import type { Task } from '../../l4re/task.ts';
import { first_above } from '../heap/live_blocks.ts';

/** What an allocator holds from its environment. */
export interface Holdings {
  readonly ds_bytes: number;
  readonly regions: number;
  readonly slots: number;
}

interface Region {
  readonly start: number;
  readonly end: number;
  readonly flags: number;
  /** The op that attached it, or detached it (in `gone`). */
  readonly op: number;
}

const GONE = 64;


function rights(flags: number): string {
  const r = flags & L4RE_RM_F_RW;
  return r === L4RE_RM_F_RW ? 'L4RE_RM_F_RW' : r === L4RE_RM_F_R ? 'L4RE_RM_F_R' : r === L4RE_RM_F_W ? 'L4RE_RM_F_W' : 'no rights';
}

export class Env_account extends Delegated_memory implements L4re_env {
  /** The op the allocator is in; set by the replay before each call. */
  op = 0;
  /** Mem_alloc refused memory since the last begin_op. */
  refused = false;
  /** The first misused call, with its op. */
  misuse: string | undefined;
  /** The first faulting access through read or write, explained. */
  fault: { readonly message: string; readonly environment: boolean } | undefined;
  /** Attached regions by start; `starts` ascending, the same keys. */
  private readonly regions = new Map<number, Region>();
  private readonly starts: number[] = [];
  private readonly gone: Region[] = [];
  readonly cap_alloc: Cap_alloc;
  readonly mem_alloc: Mem_alloc;
  readonly rm: Rm;

  constructor(private readonly task: Task) {
    super();
    const misused = (call: string, r: number, why: string) => {
      this.misuse ??= `${call} returned ${l4_err_name(r)}: ${why}`;
      return r;
    };
    this.cap_alloc = {
      alloc: () => task.cap_alloc.alloc(),
      free: (cap: Cap) => {
        const r = task.cap_alloc.free(cap);
        return r < 0 ? misused(`cap_alloc.free(${hex(cap)})`, r, r === -L4_ENOENT ? 'the slot is not allocated (freed already?)' : 'not a slot of cap_alloc') : r;
      },
      in_use: () => task.cap_alloc.in_use(),
    };
    this.mem_alloc = {
      alloc: (size: number, ds: Cap, flags?: number, align?: number) => {
        const r = task.mem_alloc.alloc(size, ds, flags, align);
        if (r === -L4_ENOMEM) this.refused = true;
        else if (r < 0) misused(`mem_alloc.alloc(${size}, ${hex(ds)})`, r, 'a size that is not positive, or not a slot to put a dataspace in');
        return r;
      },
      quota: () => task.mem_alloc.quota(),
    };
    this.rm = {
      attach: (start: number, size: number, flags: number, ds: Cap, offset?: number, align?: number) => {
        const r = task.rm.attach(start, size, flags, ds, offset, align);
        if (r >= 0) {
          this.regions.set(r, { start: r, end: r + l4_round_page(size), flags, op: this.op });
          this.starts.splice(this.above(r), 0, r);
        }
        else if (r !== -L4_EADDRNOTAVAIL) misused(`rm.attach(${hex(start)}, ${size}, ${hex(flags)}, ${hex(ds)})`, r, r === -L4_ENOENT ? 'the capability holds no dataspace' : r === -L4_EPERM ? 'rights the capability does not have' : 'arguments L4Re refuses');
        return r;
      },
      detach: (addr: number) => {
        const region = this.containing(addr);
        const r = task.rm.detach(addr);
        if (r < 0) return misused(`rm.detach(${hex(addr)})`, r, 'nothing is attached there');
        if (region !== undefined) {
          this.regions.delete(region.start);
          this.starts.splice(this.above(region.start) - 1, 1);
          this.gone.push({ ...region, op: this.op });
          if (this.gone.length > GONE) this.gone.shift();
        }
        return r;
      },
      regions: () => task.rm.regions(),
    };
  }

  /** A new op: forget the refusal of the last. */
  begin_op(op: number): void {
    this.op = op;
    this.refused = false;
  }

  holdings(): Holdings {
    return { ds_bytes: this.task.mem_alloc.quota().used, regions: this.task.rm.regions(), slots: this.task.cap_alloc.in_use() };
  }

  /**
   * What `addr` is, for the message of a fault there; `environment` when it
   * lies in a region attached without the right the access needed (the
   * environment refusing a misuse, not a stray pointer).
   */
  place(addr: number, fault: 'read' | 'write'): { readonly text: string; readonly environment: boolean } {
    const r = this.containing(addr);
    const where = (g: Region) => `in the region [${hex(g.start)}, ${hex(g.end)})`;
    if (r !== undefined) {
      const need = fault === 'write' ? L4RE_RM_F_W : L4RE_RM_F_R;
      const lacks = (r.flags & need) === 0;
      const text = `${where(r)} that rm.attach attached in op ${r.op} with ${rights(r.flags)}${lacks ? `: it lacks ${rights(need)}` : ', whose dataspace is gone'}`;
      return { text, environment: lacks };
    }
    const g = [...this.gone].reverse().find((x) => addr >= x.start && addr < x.end);
    if (g !== undefined) return { text: `${where(g)}, detached by rm.detach in op ${g.op}`, environment: false };
    return { text: addr < 4096 ? 'a null pointer dereference' : 'no region is attached there', environment: false };
  }

  read(addr: number, len: number): Uint8Array | Page_fault {
    return this.noted(this.task.read(addr, len));
  }

  write(addr: number, data: Uint8Array): 0 | Page_fault {
    return this.noted(this.task.write(addr, data));
  }

  protected get memory(): Memory {
    return this.task;
  }

  private noted<T>(r: T | Page_fault): T | Page_fault {
    if (is_page_fault(r) && this.fault === undefined) {
      const p = this.place(r.addr, r.fault);
      this.fault = { message: `a ${r.fault} at ${hex(r.addr)}: ${p.text}`, environment: p.environment };
    }
    return r;
  }

  /** Index of the first region starting above `addr`. */
  private above(addr: number): number {
    return first_above(this.starts, addr);
  }

  private containing(addr: number): Region | undefined {
    const start = this.starts[this.above(addr) - 1];
    const r = start === undefined ? undefined : this.regions.get(start);
    return r !== undefined && addr < r.end ? r : undefined;
  }
}
