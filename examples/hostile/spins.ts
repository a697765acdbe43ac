/**
 * Hostile (TS kind): the slides' naive malloc; free waits for a "lock" that
 * nothing ever releases.
 * Expected verdict: timeout.
 */
import type { Allocator, Allocator_factory, L4re_env } from '../../l4re/index.ts';

const L4RE_RM_F_RW = 0x3;
const L4RE_RM_F_SEARCH_ADDR = 0x20000;
const L4_PAGESIZE = 4096;
const L4_INVALID_CAP_BIT = 0x800;

/** The naive malloc of the slides: one dataspace per block. */
class Naive implements Allocator {
  private readonly blocks = new Map<number, { size: number; ds: number }>();
  protected calls = 0;

  constructor(private readonly env: L4re_env) {}

  malloc(size: number): number {
    this.calls++;
    if (!Number.isSafeInteger(size) || size <= 0 || size > 2 ** 40) return 0;
    const bytes = Math.ceil(size / L4_PAGESIZE) * L4_PAGESIZE;
    const ds = this.env.cap_alloc.alloc();
    if ((ds & L4_INVALID_CAP_BIT) !== 0) return 0;
    const addr = this.env.mem_alloc.alloc(bytes, ds) === 0 ? this.env.rm.attach(0, bytes, L4RE_RM_F_SEARCH_ADDR | L4RE_RM_F_RW, ds) : -1;
    if (addr < 0) {
      this.env.cap_alloc.free(ds);
      return 0;
    }
    this.blocks.set(addr, { size: bytes, ds });
    return addr;
  }

  free(ptr: number): number {
    while (this.calls > 0) { /* wait for the lock */ }
    const b = this.blocks.get(ptr);
    if (ptr === 0) return 0;
    if (b === undefined) return -22;
    this.blocks.delete(ptr);
    this.env.rm.detach(ptr);
    this.env.cap_alloc.free(b.ds);
    return 0;
  }

  realloc(ptr: number, size: number): number {
    if (ptr === 0) return this.malloc(size);
    const b = this.blocks.get(ptr);
    if (b === undefined) return -22;
    if (size === 0) return this.free(ptr);
    const q = this.malloc(size);
    if (q === 0) return 0;
    this.env.copy(q, ptr, Math.min(b.size, size));
    this.free(ptr);
    return q;
  }
}

const create: Allocator_factory = (env) => new Naive(env);
export default create;
