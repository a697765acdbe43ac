/**
 * The heap checker every replay and allocator property uses. It watches one
 * allocator through the program's own checked memory path (env.read/env.write,
 * where memory that is not attached page-faults) and keeps, for every live
 * block, a pattern unique to that block in its bytes (heap/pattern.ts).
 *
 * Call order around each allocator call:
 *   before_free(p)           before free(p) or realloc(p, n) of a live block
 *   on_malloc(q, n)          malloc(n) or realloc(0, n) returned q != 0
 *   on_realloc(p, q, n)      realloc(p, n) of a live p returned q != 0
 *   on_free(p)               free(p) or realloc(p, 0) of a live p succeeded
 *   on_unchanged(p)          the allocator refused p (-L4_EINVAL) or a realloc(p, n) failed
 *
 * Checked on every new block: 16-alignment, no overlap with any live block
 * (a zero-size block, which malloc(0) may return, owns its first byte: its
 * address must be unique), its bytes inside attached memory, and for realloc that the first min(old, new)
 * bytes still hold the old block's pattern. Verified byte for byte (big blocks:
 * their spans): a block before it is freed or reallocated; the op's block (unless
 * the op just filled it) and its neighbours in address order after every op; every block in a sweep whenever the
 * per-op checks since the last sweep have cost as much as a sweep, over
 * SWEEP_SHARE; and every block in verify_all(). A failure throws a Heap_violation
 * whose message is one line naming the check and the block.
 */
import { MALLOC_ALIGNMENT, type L4re_env } from '../l4re/alloc.ts';
import { hex, hex_byte } from '../l4re/hex.ts';
import { L4_PAGESIZE, is_page_fault } from '../l4re/mem.ts';
import { type Block, Live_blocks } from './heap/live_blocks.ts';
import { covered_bytes, fill_pattern, mismatch, pattern, spans } from './heap/pattern.ts';

export type { Block } from './heap/live_blocks.ts';

/**
 * Memory the checker may look at in place: impl's Rm (Region_memory.find, any
 * range in one flat region) and model's (Rm.find, a range in one written page).
 */
export interface Flat_memory {
  find(addr: number, len: number): boolean;
  readonly found: Uint8Array;
  readonly found_at: number;
}

export class Heap_violation extends Error {
  override readonly name = 'Heap_violation';
}

/** Work a block costs beyond its covered bytes, in byte equivalents. */
const BLOCK_COST = 256;
/** Bytes at each end of a neighbour that the per-op check verifies. */
const NEAR = 256;
/** Sweeps may cost this many times the per-op checks. */
const SWEEP_SHARE = 2;

/** Bytes a block takes up for overlap: a zero-size block still owns its address. */
function extent(b: Block): number {
  return Math.max(b.size, 1);
}

/** `malloc(24)`, or `realloc(p3, 24)` of block `from`. */
function call_text(size: number, from: Block | undefined): string {
  return from === undefined ? `malloc(${size})` : `realloc(p${from.serial}, ${size})`;
}

/** `p12 (0x10040, 24 bytes, from op 17)` */
export function block_text(b: Block): string {
  return `p${b.serial} (${hex(b.ptr)}, ${b.size} bytes, from op ${b.op})`;
}

export class Heap_checker {
  /**
   * The op number messages give: each on_* call advances it by one after its
   * checks. A replay may set it to its own op index before each call.
   */
  op = 0;
  private serials = 0;
  private readonly blocks = new Live_blocks();
  private live = 0;
  private peak = 0;
  /** Work units a sweep costs now: covered bytes plus BLOCK_COST per live block. */
  private sweep_cost = 0;
  /** Work units of per-op checks since the last sweep. */
  private since_sweep = 0;
  /** The bytes look() or a read found last, and where in them they start. */
  private got: Uint8Array = new Uint8Array(0);
  private got_at = 0;

  /**
   * `memory`, if given, finds [addr, addr + len) in the bytes of its flat
   * dataspace when it lies in one read-write region (impl's Rm), so a check
   * copies and allocates nothing; otherwise the checker reads and writes
   * through env's checked path.
   */
  constructor(
    private readonly env: L4re_env,
    private readonly memory?: Flat_memory,
  ) {}

  /** Verify every covered byte of the live block at `ptr`, if there is one. */
  before_free(ptr: number): void {
    const b = this.blocks.at(ptr);
    if (b !== undefined) this.verify(b);
  }

  /** A new block of `size` bytes at `ptr`, from malloc(size) or realloc(0, size). */
  on_malloc(ptr: number, size: number): void {
    this.create(ptr, size, undefined);
    this.end_op(ptr, true);
  }

  /** realloc(old, size) of the live block `old` returned `ptr` (possibly old itself). */
  on_realloc(old: number, ptr: number, size: number): void {
    const o = this.live_block('on_realloc', old);
    this.forget(o);
    this.create(ptr, size, o);
    this.end_op(ptr, true);
  }

  /** The live block at `ptr` was freed. */
  on_free(ptr: number): void {
    this.forget(this.live_block('on_free', ptr));
    this.end_op(ptr);
  }

  /** The allocator refused `ptr` or failed to move it: the blocks around it must be intact. */
  on_unchanged(ptr: number): void {
    this.end_op(ptr);
  }

  /** Verify every covered byte of every live block. */
  verify_all(): void {
    for (const b of this.blocks.values()) this.verify(b);
    this.since_sweep = 0;
  }

  /** The live block starting at `ptr`. */
  block_at(ptr: number): Block | undefined {
    return this.blocks.at(ptr);
  }

  /** Payload bytes of the live blocks, as requested. */
  live_bytes(): number {
    return this.live;
  }

  live_count(): number {
    return this.blocks.count;
  }

  /** The most payload bytes live at once so far. */
  peak_live_bytes(): number {
    return this.peak;
  }

  private live_block(fn: string, ptr: number): Block {
    const b = this.blocks.at(ptr);
    if (b === undefined) throw new Error(`Heap_checker.${fn}: ${hex(ptr)} is not a live block`);
    return b;
  }

  /** Check a new block (copied from `from` if a realloc), fill it, make it live. Messages are made only on failure. */
  private create(ptr: number, size: number, from: Block | undefined): void {
    if (!Number.isSafeInteger(size) || size < 0) throw new Error(`Heap_checker: ${call_text(size, from)} cannot make a block`);
    if (!Number.isSafeInteger(ptr) || ptr <= 0) throw new Heap_violation(`result: ${call_text(size, from)} returned ${ptr}, not an address (op ${this.op})`);
    if (ptr % MALLOC_ALIGNMENT !== 0) throw new Heap_violation(`alignment: ${call_text(size, from)} returned ${hex(ptr)}, not ${MALLOC_ALIGNMENT}-aligned (op ${this.op})`);
    const b: Block = { ptr, size, serial: ++this.serials, op: this.op, spans: spans(size, this.serials) };
    this.check_overlap(b);
    if (from !== undefined) this.compare(b, from, Math.min(size, from.size), 'realloc copy: ');
    this.fill(b);
    this.blocks.add(b);
    this.live += size;
    this.peak = Math.max(this.peak, this.live);
    this.sweep_cost += covered_bytes(size) + BLOCK_COST;
  }

  private forget(b: Block): void {
    this.blocks.delete(b);
    this.live -= b.size;
    this.sweep_cost -= covered_bytes(b.size) + BLOCK_COST;
  }

  private check_overlap(b: Block): void {
    const i = this.blocks.above(b.ptr);
    for (let k = i - 1; k <= i; k++) {
      const o = this.blocks.nth(k);
      if (o !== undefined && o.ptr < b.ptr + extent(b) && b.ptr < o.ptr + extent(o)) {
        throw new Heap_violation(`overlap: ${block_text(b)} overlaps ${block_text(o)}`);
      }
    }
  }

  private fill(b: Block): void {
    if (b.size === 0) return;
    const s = b.spans;
    for (let k = 0; k < s.length; k += 2) {
      for (let done = 0; done < s[k + 1]!; ) {
        const off = s[k]! + done;
        const n = this.look(b.ptr + off, s[k + 1]! - done);
        if (n > 0) fill_pattern(this.got, this.got_at, n, b.serial, off);
        else done += this.write_through(b, off, s[k + 1]! - done);
        done += n;
      }
    }
    this.since_sweep += covered_bytes(b.size) + BLOCK_COST;
  }

  /** Write b's pattern for [off, off + the rest of its page) through env's checked path; the bytes written. */
  private write_through(b: Block, off: number, len: number): number {
    const n = Math.min(len, L4_PAGESIZE - ((b.ptr + off) % L4_PAGESIZE));
    const r = this.env.write(b.ptr + off, pattern(b.serial, off, n));
    if (r !== 0) throw new Heap_violation(`attached memory: ${block_text(b)} page-faults on write at ${hex(r.addr)}`);
    return n;
  }

  /**
   * Find bytes [addr, addr + n) in place, for the largest n <= len that
   * `memory` gives at once (all, or to the end of the page): `got` and `got_at`
   * then hold them, and n is returned; 0 if memory cannot give them in place.
   */
  private look(addr: number, len: number): number {
    const m = this.memory;
    if (m === undefined) return 0;
    let n = len;
    if (!m.find(addr, len)) {
      n = Math.min(len, L4_PAGESIZE - (addr % L4_PAGESIZE));
      if (n === len || !m.find(addr, n)) return 0;
    }
    this.got = m.found;
    this.got_at = m.found_at;
    return n;
  }

  private verify(b: Block): void {
    if (b.size > 0) this.compare(b, b, b.size, 'payload of ');
  }

  /** `b`'s bytes in `src`'s spans below `limit` must hold `src`'s pattern; a failure's message starts with `what` and names b. */
  private compare(b: Block, src: Block, limit: number, what: 'payload of ' | 'realloc copy: '): void {
    const s = src.spans;
    for (let k = 0; k < s.length && s[k]! < limit; k += 2) this.compare_bytes(b, src, s[k]!, Math.min(s[k + 1]!, limit - s[k]!), what);
    this.since_sweep += BLOCK_COST;
  }

  /** A neighbour of an op's block: its first and last NEAR bytes, where a misplaced header or link lands. */
  private verify_edges(b: Block): void {
    const head = Math.min(NEAR, b.size);
    if (head > 0) this.compare_bytes(b, b, 0, head, 'payload of ');
    const tail = Math.max(head, b.size - NEAR);
    if (tail < b.size) this.compare_bytes(b, b, tail, b.size - tail, 'payload of ');
    this.since_sweep += BLOCK_COST;
  }

  /** `b`'s bytes [off, off + len), inside src's spans, must hold `src`'s pattern. */
  private compare_bytes(b: Block, src: Block, off: number, len: number, what: 'payload of ' | 'realloc copy: '): void {
    for (let done = 0; done < len; ) {
      let n = this.look(b.ptr + off + done, len - done);
      if (n === 0) {
        n = Math.min(len - done, L4_PAGESIZE - ((b.ptr + off + done) % L4_PAGESIZE));
        const r = this.env.read(b.ptr + off + done, n);
        if (is_page_fault(r)) throw new Heap_violation(`attached memory: ${block_text(b)} page-faults on read at ${hex(r.addr)}`);
        this.got = r;
        this.got_at = 0;
      }
      const i = mismatch(this.got, this.got_at, n, src.serial, off + done);
      if (i >= 0) {
        const at = off + done + i;
        const of = src === b ? '' : ` of p${src.serial}`;
        const want = pattern(src.serial, at, 1)[0];
        throw new Heap_violation(`${what}${block_text(b)} byte ${at} is ${hex_byte(this.got[this.got_at + i] ?? 0)}, expected ${hex_byte(want)}${of} (checked at op ${this.op})`);
      }
      done += n;
    }
    this.since_sweep += len;
  }

  /**
   * After an op at `ptr`: verify the blocks around it (but the one it just
   * `filled`: its bytes are the pattern), sweep if due, advance the op.
   */
  private end_op(ptr: number, filled = false): void {
    const i = this.blocks.above(ptr) - 1;
    const at = this.blocks.nth(i);
    const own = at !== undefined && at.ptr === ptr ? at : undefined;
    for (let k = own === undefined ? i : i - 1; k <= i + 1; k++) {
      const b = this.blocks.nth(k);
      if (b === undefined || (filled && b === own)) continue;
      if (b === own) this.verify(b);
      else this.verify_edges(b);
    }
    if (this.since_sweep * SWEEP_SHARE >= this.sweep_cost) this.verify_all();
    this.op++;
  }
}
