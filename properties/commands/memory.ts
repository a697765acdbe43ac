/**
 * Commands on a client's memory services: dataspace allocation against the
 * quota, attach and detach in the region manager, reads and writes that must
 * page-fault outside attached memory, and plain slot allocation.
 */
import { L4_CAP_FPAGE_RWSD, L4_CAP_FPAGE_W } from '../../l4re/cap.ts';
import { L4_EINVAL, L4_ENOENT, L4_ENOMEM } from '../../l4re/err.ts';
import { hex } from '../../l4re/hex.ts';
import {
  L4_PAGESIZE,
  L4RE_CAP_ALLOC_SLOTS,
  L4RE_RM_F_R,
  L4RE_RM_F_RWX,
  L4RE_RM_F_SEARCH_ADDR,
  L4RE_RM_F_W,
  L4RE_RM_START,
  is_page_fault,
  l4_round_page,
} from '../../l4re/mem.ts';
import type { Log_system } from '../../l4re/world.ts';
import type { Account, Region_account } from '../account.ts';
import { type Pair, Violation } from '../pair.ts';
import { World_command, client_of, pick, ret_text } from './command.ts';

function regions_of(acc: Account, c: number): Region_account[] {
  return acc.regions.filter((r) => r.owner === c);
}

/** Whether [addr, addr+len) lies in the client's regions with `flag`, over live dataspaces. */
function covered(acc: Account, c: number, addr: number, len: number, flag: number): boolean {
  let at = addr;
  const end = addr + len;
  while (at < end) {
    const r = regions_of(acc, c).find((x) => x.addr <= at && at < x.addr + x.size);
    if (!r || (r.flags & flag) === 0 || !r.ds.alive) return false;
    at = r.addr + r.size;
  }
  return true;
}

export class Ds_alloc extends World_command {
  constructor(readonly client: number, readonly size: number) {
    super();
  }

  protected exec(acc: Account, pair: Pair): void {
    const c = client_of(acc, this.client);
    const name = acc.fresh_name('ds');
    const [cap] = this.alloc_slot(acc, pair, c, name);
    if (cap === undefined) return;
    const call = `${acc.clients[c]}: mem_alloc.alloc(${this.size}, ${name})`;
    const r = this.call(acc, pair, call, (sys) => sys.clients[c]!.mem_alloc.alloc(this.size, cap));
    const valid = Number.isSafeInteger(this.size) && this.size > 0;
    const want = !valid ? -L4_EINVAL : acc.quota_used() + l4_round_page(this.size) > acc.config.quota ? -L4_ENOMEM : 0;
    if (r !== want) throw new Violation(`${call} returned ${ret_text(r)}, expected ${ret_text(want)}`);
    if (r === 0) {
      const ds = { name, size: this.size, alive: true, copies: 0 };
      acc.dataspaces.push(ds);
      acc.add_handle({ name, owner: c, cap, target: { kind: 'ds', ds }, rights: L4_CAP_FPAGE_RWSD, env: false });
      return;
    }
    this.call(acc, pair, `${acc.clients[c]}: cap_alloc.free(${name})`, (sys) => sys.clients[c]!.cap_alloc.free(cap));
  }

  protected describe(): string {
    return `ds_alloc(client ${this.client}, ${this.size})`;
  }
}

/**
 * Where an attach aims: searching from a hint (a fixed one, or 1 to 4 pages
 * below a region, so that holes that are just too small are searched), or
 * fixed next to a region or anywhere.
 */
export type Attach_place = 'search' | 'search_below' | 'fixed_near' | 'fixed_far' | 'below_start';
/** How much: the whole dataspace, its first pages, a byte count, or more than it has. */
export type Attach_size = 'whole' | 'pages' | 'bytes' | 'past_end';

export class Attach extends World_command {
  constructor(
    readonly client: number,
    readonly via: number,
    readonly place: Attach_place,
    readonly where: number,
    readonly how: Attach_size,
    readonly n: number,
    readonly offset: number,
    readonly flags: number,
  ) {
    super('ds', via);
  }

  protected exec(acc: Account, pair: Pair): void {
    const [c, h] = this.holder(acc, this.client);
    const t = acc.live(h);
    const flags = this.flags | (this.place === 'search' || this.place === 'search_below' ? L4RE_RM_F_SEARCH_ADDR : 0);
    const start = this.start(acc, c);
    const bytes = this.size(t?.kind === 'ds' ? t.ds.size : L4_PAGESIZE);
    const call = `${acc.clients[c]}: rm.attach(${hex(start)}, ${bytes}, ${hex(flags)}, ${h.name}, ${this.offset})`;
    const attach = (sys: Log_system) => sys.clients[c]!.rm.attach(start, bytes, flags, h.cap, this.offset);
    const r = this.call(acc, pair, call, attach, (x) => (x >= 0 ? hex(x) : ret_text(x)));
    if (r < 0) return;
    const size = l4_round_page(bytes);
    if (t?.kind !== 'ds') throw new Violation(`${call} attached something that is not a live dataspace`);
    if (r % L4_PAGESIZE !== 0 || r < L4RE_RM_START) throw new Violation(`${call} placed a region at ${hex(r)}`);
    if (this.offset + size > l4_round_page(t.ds.size)) throw new Violation(`${call} attached past the dataspace's end`);
    if ((flags & L4RE_RM_F_W) !== 0 && (h.rights & L4_CAP_FPAGE_W) === 0) {
      throw new Violation(`${call} attached writable through a capability without W`);
    }
    const clash = regions_of(acc, c).find((x) => x.addr < r + size && r < x.addr + x.size);
    if (clash) throw new Violation(`${call} overlaps the region at ${hex(clash.addr)}`);
    acc.regions.push({ owner: c, addr: r, size, flags: flags & L4RE_RM_F_RWX, ds: t.ds });
    acc.add_copy(t);
  }

  private start(acc: Account, c: number): number {
    const near = pick(regions_of(acc, c), this.where);
    switch (this.place) {
      case 'search':
        return L4RE_RM_START + (this.where % 4) * 16 * L4_PAGESIZE;
      case 'search_below':
        return Math.max(L4RE_RM_START, (near?.addr ?? L4RE_RM_START) - (1 + (this.where % 4)) * L4_PAGESIZE);
      case 'fixed_near':
        if (near) return near.addr + ((this.where % 5) - 2) * L4_PAGESIZE;
        return L4RE_RM_START + (this.where % 64) * L4_PAGESIZE;
      case 'fixed_far':
        return L4RE_RM_START + (this.where % 64) * L4_PAGESIZE;
      case 'below_start':
        return L4_PAGESIZE;
    }
  }

  private size(ds_size: number): number {
    switch (this.how) {
      case 'whole':
        return ds_size;
      case 'pages':
        return (1 + (this.n % Math.max(1, l4_round_page(ds_size) / L4_PAGESIZE))) * L4_PAGESIZE;
      case 'bytes':
        return this.n;
      case 'past_end':
        return l4_round_page(ds_size) + L4_PAGESIZE;
    }
  }

  protected describe(): string {
    return `attach(client ${this.client}, via ${this.via}, ${this.place} ${this.where}, ${this.how} ${this.n}, +${this.offset}, ${hex(this.flags)})`;
  }
}

export class Detach extends World_command {
  constructor(readonly client: number, readonly which: number, readonly stray: boolean) {
    super('region', which);
  }

  protected exec(acc: Account, pair: Pair): void {
    const c = acc.client_for(this.client, 'region');
    const region = this.stray ? undefined : pick(regions_of(acc, c), this.which);
    const addr = region
      ? region.addr + (this.which % (region.size / L4_PAGESIZE)) * L4_PAGESIZE
      : L4RE_RM_START + (this.which % 64) * L4_PAGESIZE;
    const call = `${acc.clients[c]}: rm.detach(${hex(addr)})`;
    const r = this.call(acc, pair, call, (sys) => sys.clients[c]!.rm.detach(addr));
    const hit = regions_of(acc, c).find((x) => x.addr <= addr && addr < x.addr + x.size);
    if (r !== (hit ? 0 : -L4_ENOENT)) throw new Violation(`${call} returned ${ret_text(r)}`);
    if (hit) {
      acc.regions.splice(acc.regions.indexOf(hit), 1);
      acc.drop_copy({ kind: 'ds', ds: hit.ds });
    }
  }

  protected describe(): string {
    return `detach(client ${this.client}, ${this.which}${this.stray ? ', stray' : ''})`;
  }
}

/** Bytes that differ per call, so a read shows which write it sees. */
function pattern(len: number, seed: number): Uint8Array {
  const b = new Uint8Array(len);
  for (let i = 0; i < len; i++) b[i] = (seed * 31 + i * 7) & 0xff;
  return b;
}

/** Read or write around a region: inside it, or across its ends into whatever lies there. */
export class Access extends World_command {
  constructor(
    readonly client: number,
    readonly which: number,
    readonly offset: number,
    readonly len: number,
    readonly write: boolean,
  ) {
    super('region', which);
  }

  protected exec(acc: Account, pair: Pair): void {
    const c = acc.client_for(this.client, 'region');
    const region = pick(regions_of(acc, c), this.which);
    const addr = region
      ? region.addr + (this.offset % (region.size + 32)) - 16
      : L4RE_RM_START + this.offset;
    const data = pattern(this.len, this.which + this.offset);
    const call = this.write
      ? `${acc.clients[c]}: write(${hex(addr)}, ${this.len} bytes)`
      : `${acc.clients[c]}: read(${hex(addr)}, ${this.len})`;
    const r = this.call(acc, pair, call, (sys) =>
      this.write ? sys.clients[c]!.write(addr, data) : sys.clients[c]!.read(addr, this.len),
    );
    const ok = covered(acc, c, addr, this.len, this.write ? L4RE_RM_F_W : L4RE_RM_F_R);
    if (ok === is_page_fault(r)) {
      throw new Violation(`${call} ${ok ? 'faulted on attached memory' : 'succeeded on memory that is not attached'}`);
    }
  }

  protected describe(): string {
    return `${this.write ? 'write' : 'read'}(client ${this.client}, region ${this.which}, +${this.offset}, ${this.len})`;
  }
}

export class Slot_alloc extends World_command {
  constructor(readonly client: number) {
    super();
  }

  protected exec(acc: Account, pair: Pair): void {
    const c = client_of(acc, this.client);
    const name = acc.fresh_name('cap');
    const [cap, call] = this.alloc_slot(acc, pair, c, name);
    if (cap === undefined) {
      if (acc.handles_of(c, (h) => !h.env).length < (acc.config.cap_alloc_slots ?? L4RE_CAP_ALLOC_SLOTS)) {
        throw new Violation(`${call} failed with free slots left`);
      }
      return;
    }
    if (acc.handles.some((h) => h.owner === c && h.cap === cap)) throw new Violation(`${call} handed out a slot in use`);
    acc.add_handle({ name, owner: c, cap, target: null, rights: 0, env: false });
  }

  protected describe(): string {
    return `slot_alloc(client ${this.client})`;
  }
}
