import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alloc_op } from '../l4re/alloc_ops.fixture.ts';
import type { L4re_env } from '../l4re/alloc.ts';
import { L4_EINVAL } from '../l4re/err.ts';
import { L4_PAGESIZE, L4RE_RM_END, L4RE_RM_F_RW, L4RE_RM_START } from '../l4re/mem.ts';
import { create_malloc, type Impl_allocator } from './malloc.ts';
import { create_world } from './world.ts';

const MIB = 2 ** 20;
const GIB = 2 ** 30;

function setup(quota = GIB, cap_alloc_slots?: number) {
  const world = create_world(cap_alloc_slots === undefined ? { quota } : { quota, cap_alloc_slots });
  const task = world.create_task('app');
  const base = world.stats();
  const m = create_malloc(task) as Impl_allocator;
  return { world, task, base, m };
}

function fill(task: ReturnType<typeof setup>['task'], p: number, n: number, seed: number): void {
  const bytes = new Uint8Array(n);
  for (let i = 0; i < n; i++) bytes[i] = (seed + i * 7) & 0xff;
  expect(task.write(p, bytes)).toBe(0);
}

function holds(task: ReturnType<typeof setup>['task'], p: number, n: number, seed: number): boolean {
  const bytes = task.read(p, n) as Uint8Array;
  for (let i = 0; i < n; i++) if (bytes[i] !== ((seed + i * 7) & 0xff)) return false;
  return true;
}

/** Which arena of `m` holds address `p` (-1: none). */
function arena_of(m: Impl_allocator, p: number): number {
  return m.heap_parts().arenas.findIndex((t) => p >= t.base && p < t.base + t.arena.len);
}

/** Attach a page right after arena `k` of `m`, so that it cannot grow. */
function wall_after(task: ReturnType<typeof setup>['task'], m: Impl_allocator, k: number): void {
  const t = m.heap_parts().arenas[k]!;
  const ds = task.cap_alloc.alloc();
  expect(task.mem_alloc.alloc(L4_PAGESIZE, ds)).toBe(0);
  expect(task.rm.attach(t.base + t.arena.len, L4_PAGESIZE, L4RE_RM_F_RW, ds)).toBe(t.base + t.arena.len);
}

describe('impl malloc: semantics of l4re/alloc.ts', () => {
  it('gives 0 for size 0, bad sizes and sizes past the address space, changing nothing', () => {
    const { world, base, m } = setup();
    for (const n of [0, -1, 1.5, NaN, Infinity, 2 ** 53, L4RE_RM_END + 1]) expect(m.malloc(n)).toBe(0);
    expect(m.free(0)).toBe(0);
    expect(world.stats()).toEqual(base);
  });

  it('hands out 16-aligned, disjoint, writable blocks', () => {
    const { task, m } = setup();
    const ps = [1, 8, 9, 24, 100, 500, 3000].map((n) => [m.malloc(n), n] as const);
    ps.forEach(([p, n], i) => {
      expect(p % 16).toBe(0);
      fill(task, p, n, i);
    });
    ps.forEach(([p, n], i) => expect(holds(task, p, n, i)).toBe(true));
    m.check_invariants();
  });

  it('refuses pointers malloc never returned, interior ones and double frees with -L4_EINVAL', () => {
    const { world, task, m } = setup();
    const p = m.malloc(100);
    const big = m.malloc(MIB);
    const before = world.stats();
    for (const q of [p + 16, p + 8, p - 16, 12345, L4RE_RM_START, big + L4_PAGESIZE, -16]) {
      expect(m.free(q)).toBe(-L4_EINVAL);
      expect(m.realloc(q, 10)).toBe(-L4_EINVAL);
    }
    expect(world.stats()).toEqual(before);
    expect(m.free(p)).toBe(0);
    expect(m.free(p)).toBe(-L4_EINVAL);
    expect(m.realloc(p, 0)).toBe(-L4_EINVAL);
    expect(m.free(big)).toBe(0);
    expect(m.free(big)).toBe(-L4_EINVAL);
    m.check_invariants();
    expect(() => create_malloc({ ...task } as unknown as L4re_env)).toThrow(new TypeError('impl/malloc: create_malloc needs a task of the impl world'));
  });

  it('realloc(0, n) is malloc, realloc(p, 0) frees, a bad size fails leaving p', () => {
    const { world, base, task, m } = setup();
    const p = m.realloc(0, 40);
    fill(task, p, 40, 3);
    expect(m.realloc(p, -5)).toBe(0);
    expect(m.realloc(p, 2 ** 60)).toBe(0);
    expect(holds(task, p, 40, 3)).toBe(true);
    expect(m.realloc(p, 0)).toBe(0);
    expect(m.free(p)).toBe(-L4_EINVAL);
    expect(world.stats()).toEqual(base);
  });

  it('fails a request past the quota with nothing changed', () => {
    const { world, m } = setup(64 * 1024);
    const p = m.malloc(1000);
    const before = world.stats();
    expect(m.malloc(200 * 1024)).toBe(0);
    expect(m.malloc(63 * 1024)).toBe(0);
    expect(m.realloc(p, 70 * 1024)).toBe(0);
    expect(world.stats()).toEqual(before);
    m.check_invariants();
  });

  it('fails when no slot is left for a dataspace, with nothing changed', () => {
    const { world, m } = setup(GIB, 1);
    const p = m.malloc(100);
    const before = world.stats();
    expect(m.malloc(MIB)).toBe(0);
    expect(m.malloc(8000)).toBe(0);
    expect(world.stats()).toEqual(before);
    expect(m.free(p)).toBe(0);
  });
});

describe('impl malloc: blocks', () => {
  it('splits, coalesces both ways and reuses the merged block', () => {
    const { m } = setup();
    const a = m.malloc(100);
    const b = m.malloc(100);
    const c = m.malloc(100);
    const d = m.malloc(100);
    expect(b - a).toBe(112);
    m.free(a);
    m.free(c);
    m.free(b);
    m.check_invariants();
    expect(m.malloc(320)).toBe(a);
    m.free(d);
    m.check_invariants();
  });

  it('grows and shrinks in place, into a free neighbour and at the top', () => {
    const { task, m } = setup();
    const a = m.malloc(100);
    const b = m.malloc(100);
    const c = m.malloc(100);
    fill(task, a, 100, 1);
    m.free(b);
    expect(m.realloc(a, 200)).toBe(a);
    expect(holds(task, a, 100, 1)).toBe(true);
    expect(m.realloc(a, 20)).toBe(a);
    m.check_invariants();
    expect(m.realloc(c, 50_000)).toBe(c);
    expect(m.realloc(c, 100_000)).toBe(c);
    m.check_invariants();
    const moved = m.realloc(a, 20_000);
    expect(moved).not.toBe(a);
    expect(holds(task, moved, 20, 1)).toBe(true);
    m.check_invariants();
  });

  it('serves sizes a header would round up from headerless slab chunks, checked like blocks', () => {
    const { world, base, task, m } = setup();
    const chunks = Array.from({ length: 300 }, (_, i) => m.malloc(16 * (1 + (i % 8))));
    chunks.forEach((p, i) => {
      expect(p % 16).toBe(0);
      fill(task, p, 16 * (1 + (i % 8)), i);
    });
    expect(chunks[8]! - chunks[0]!).toBe(16);
    chunks.forEach((p, i) => expect(holds(task, p, 16 * (1 + (i % 8)), i)).toBe(true));
    m.check_invariants();
    const p = chunks[0]!;
    const before = world.stats();
    for (const q of [p + 8, p - 32, p - 16 * 10_000]) expect(m.free(q)).toBe(-L4_EINVAL);
    expect(m.realloc(p, 12)).toBe(p);
    expect(m.free(p)).toBe(0);
    expect(m.free(p)).toBe(-L4_EINVAL);
    expect(world.stats()).toEqual(before);
    const q = m.realloc(chunks[1]!, 100);
    expect(holds(task, q, 32, 1)).toBe(true);
    m.check_invariants();
    for (const c of [q, ...chunks.slice(2)]) expect(m.free(c)).toBe(0);
    expect(world.stats()).toEqual(base);
  });

  it('puts large blocks in dataspaces of their own and grows them in place', () => {
    const { world, base, task, m } = setup();
    const p = m.malloc(MIB);
    expect(p % L4_PAGESIZE).toBe(0);
    fill(task, p, 1000, 5);
    const q = m.malloc(3 * MIB);
    expect(m.realloc(p, 2 * MIB)).toBe(p);
    expect(m.realloc(p, 100)).toBe(p);
    expect(m.realloc(p, MIB + 1)).toBe(p);
    expect(holds(task, p, 100, 5)).toBe(true);
    m.check_invariants();
    const page_fit = m.malloc(4095);
    expect(page_fit % L4_PAGESIZE).toBe(0);
    m.free(page_fit);
    m.free(q);
    m.free(p);
    expect(world.stats()).toEqual(base);
  });

  it('moves a large block when the address space after it is taken', () => {
    const { task, m } = setup();
    const p = m.malloc(MIB);
    fill(task, p, 64, 9);
    const ds = task.cap_alloc.alloc();
    task.mem_alloc.alloc(L4_PAGESIZE, ds);
    expect(task.rm.attach(p + MIB, L4_PAGESIZE, L4RE_RM_F_RW, ds)).toBe(p + MIB);
    const q = m.realloc(p, MIB + 100);
    expect(q).not.toBe(p);
    expect(holds(task, q, 64, 9)).toBe(true);
    m.check_invariants();
  });

  it('opens a second arena when the first cannot grow, and moves blocks out of it', () => {
    const { world, base, task, m } = setup();
    const a = m.malloc(2000);
    fill(task, a, 2000, 4);
    const ds = task.cap_alloc.alloc();
    task.mem_alloc.alloc(L4_PAGESIZE, ds);
    const end = a - 16 + L4_PAGESIZE;
    expect(task.rm.attach(end, L4_PAGESIZE, L4RE_RM_F_RW, ds)).toBe(end);
    const b = m.malloc(3000);
    expect(b > end).toBe(true);
    const c = m.realloc(a, 5000);
    expect(c).not.toBe(a);
    expect(holds(task, c, 2000, 4)).toBe(true);
    m.check_invariants();
    m.free(b);
    m.free(c);
    task.rm.detach(end);
    task.cap_alloc.free(ds);
    expect(world.stats()).toEqual(base);
  });

  it('takes free room in an older arena before growing the newest, and grows the newest before mapping another', () => {
    const { world, base, task, m } = setup();
    const chunk = m.malloc(32); // arena 0: a slab of 32-byte chunks, then 2032 free bytes
    const p = m.malloc(2024); // fills them
    wall_after(task, m, 0);
    const q = m.malloc(3000); // arena 1: 1072 bytes left after q, too few for a slab
    expect([arena_of(m, chunk), arena_of(m, p), arena_of(m, q)]).toEqual([0, 0, 1]);
    const used = task.mem_alloc.quota().used;
    const chunk2 = m.malloc(32);
    expect(arena_of(m, chunk2)).toBe(0);
    m.free(p);
    expect(m.malloc(2000)).toBe(p);
    expect(task.mem_alloc.quota().used).toBe(used);
    const r = m.malloc(48); // a slab of another class: arena 1 grows for it
    const s = m.malloc(4000); // arena 1 grows again
    expect([arena_of(m, r), arena_of(m, s), m.heap_parts().arenas.length]).toEqual([1, 1, 2]);
    m.check_invariants();
    for (const x of [chunk, chunk2, p, q, r, s]) expect(m.free(x)).toBe(0);
    expect(m.heap_parts().arenas).toEqual([]);
    expect(world.stats().quota_used).toBe(base.quota_used + L4_PAGESIZE);
  });

  it('frees blocks and chunks of every arena when three are open at once', () => {
    const { world, base, task, m } = setup();
    const blocks: number[] = [];
    const chunks: number[] = [];
    for (let k = 0; k < 3; k++) {
      blocks.push(m.malloc(2000)); // a new arena: the older ones cannot grow
      chunks.push(m.malloc(16)); // a slab in it
      wall_after(task, m, k);
    }
    expect([...blocks, ...chunks].map((x) => arena_of(m, x))).toEqual([0, 1, 2, 0, 1, 2]);
    expect(m.free(blocks[2]!)).toBe(0);
    expect(m.free(blocks[1]!)).toBe(0);
    expect(m.free(blocks[1]!)).toBe(-L4_EINVAL);
    fill(task, chunks[2]!, 16, 1);
    const moved = m.realloc(chunks[2]!, 24);
    expect([arena_of(m, moved), holds(task, moved, 16, 1)]).toEqual([2, true]);
    m.check_invariants();
    for (const x of [chunks[1]!, moved, chunks[0]!, blocks[0]!]) expect(m.free(x)).toBe(0);
    expect(m.heap_parts().arenas).toEqual([]);
    expect(world.stats().quota_used).toBe(base.quota_used + 3 * L4_PAGESIZE);
  });

  it('copies a block of more than 16 MiB that must move whole, in pieces', () => {
    const { task, m } = setup();
    const n = 17 * MIB;
    const p = m.malloc(n);
    const ds = task.cap_alloc.alloc();
    expect(task.mem_alloc.alloc(L4_PAGESIZE, ds)).toBe(0);
    expect(task.rm.attach(p + n, L4_PAGESIZE, L4RE_RM_F_RW, ds)).toBe(p + n);
    for (const at of [0, 16 * MIB - 8, n - 64]) fill(task, p + at, 64, at);
    const q = m.realloc(p, n + MIB);
    expect(q).not.toBe(p);
    for (const at of [0, 16 * MIB - 8, n - 64]) expect(holds(task, q + at, 64, at), `byte ${at}`).toBe(true);
    m.check_invariants();
  });

  it('keeps a trailing segment under 64 KiB mapped when its block is freed, and gives back a larger one', () => {
    const { task, m } = setup();
    m.malloc(2000);
    const one_page = task.mem_alloc.quota().used;
    const p = m.malloc(3000); // the arena grows by a page
    const two_pages = task.mem_alloc.quota().used;
    expect(two_pages).toBe(one_page + L4_PAGESIZE);
    m.free(p);
    expect(task.mem_alloc.quota().used).toBe(two_pages);
    m.free(m.malloc(100_000));
    expect(task.mem_alloc.quota().used).toBeLessThanOrEqual(two_pages);
    m.check_invariants();
  });

  it('check_invariants catches a header that a write past a block smashed', () => {
    const { task, m } = setup();
    const p = m.malloc(24);
    const q = m.malloc(24);
    m.check_invariants();
    task.store_u32(p + 24, 0);
    expect(q - p).toBe(32);
    expect(() => m.check_invariants()).toThrow(/^Tlsf at \d+: block \d+ has size 0$/);
  });

  it('keeps a 36 GiB block on sparse pages', () => {
    const { world, base, task, m } = setup(64 * GIB);
    const p = m.malloc(36 * GIB);
    expect(p).toBeGreaterThan(0);
    expect(task.write(p + 36 * GIB - 2, new Uint8Array([7, 8]))).toBe(0);
    expect(task.view(p, 1)).toBeUndefined();
    expect(m.malloc(2 ** 46)).toBe(0);
    m.free(p);
    expect(world.stats()).toEqual(base);
  });

  it('gives back trailing memory and, freeing everything, every segment', () => {
    const { world, base, task, m } = setup();
    const ps = Array.from({ length: 400 }, (_, i) => m.malloc(16 + (i % 50) * 40));
    const peak = task.mem_alloc.quota().used;
    for (let i = ps.length - 1; i >= 100; i--) m.free(ps[i]!);
    m.check_invariants();
    expect(task.mem_alloc.quota().used).toBeLessThan(peak);
    for (let i = 0; i < 100; i++) m.free(ps[i]!);
    expect(world.stats()).toEqual(base);
  });
});

describe('impl malloc: random programs (seed 20261125)', () => {
  const size = fc.oneof(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 20_000 }), fc.integer({ min: 100_000, max: 400_000 }));
  const op = alloc_op(size);

  it('keeps every block intact and every invariant, and returns to baseline', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), (ops) => {
        const { world, base, task, m } = setup();
        const live: { p: number; n: number; seed: number }[] = [];
        ops.forEach((o, i) => {
          if (o.kind === 'malloc') {
            const p = m.malloc(o.size);
            fill(task, p, Math.min(o.size, 64), i);
            live.push({ p, n: Math.min(o.size, 64), seed: i });
          } else if (live.length > 0) {
            const k = o.which % live.length;
            const b = live[k]!;
            expect(holds(task, b.p, b.n, b.seed)).toBe(true);
            if (o.kind === 'free') {
              expect(m.free(b.p)).toBe(0);
              live.splice(k, 1);
            } else {
              b.p = m.realloc(b.p, o.size);
              b.n = Math.min(b.n, o.size);
              expect(holds(task, b.p, b.n, b.seed)).toBe(true);
            }
          }
          m.check_invariants();
        });
        for (const b of live) expect(m.free(b.p)).toBe(0);
        expect(world.stats()).toEqual(base);
      }),
      { seed: 20261125, numRuns: 150 },
    );
  });
});
