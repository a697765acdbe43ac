import { describe, expect, it } from 'vitest';
import type { L4re_env } from '../l4re/alloc.ts';
import { L4_EINVAL } from '../l4re/err.ts';
import { create_world } from '../model/index.ts';
import { create_malloc } from '../model/malloc.ts';
import { create_world as create_impl_world } from '../impl/index.ts';
import { flat_memory } from './heap/flat_memory.ts';
import { FULL_LIMIT, covered_bytes } from './heap/pattern.ts';
import { Heap_checker, Heap_violation } from './heap_checker.ts';

function setup(): { env: L4re_env; c: Heap_checker; m: ReturnType<typeof create_malloc> } {
  const env = create_world({ quota: 2 ** 32 }).create_task('app');
  return { env, c: new Heap_checker(env), m: create_malloc(env) };
}

function malloc(s: ReturnType<typeof setup>, size: number): number {
  const p = s.m.malloc(size);
  s.c.on_malloc(p, size);
  return p;
}

function free(s: ReturnType<typeof setup>, p: number): void {
  s.c.before_free(p);
  expect(s.m.free(p)).toBe(0);
  s.c.on_free(p);
}

describe('Heap_checker', () => {
  it('passes a correct allocator over random ops and counts live payload', () => {
    const s = setup();
    const live: number[] = [];
    let x = 7;
    const rnd = (n: number) => ((x = (x * 1103515245 + 12345) % 2 ** 31), x % n);
    for (let i = 0; i < 3000; i++) {
      const r = rnd(10);
      if (live.length === 0 || r < 5) live.push(malloc(s, 1 + rnd(rnd(4) === 0 ? 70_000 : 300)));
      else if (r < 8) free(s, live.splice(rnd(live.length), 1)[0]!);
      else {
        const k = rnd(live.length);
        const size = 1 + rnd(5000);
        s.c.before_free(live[k]!);
        const q = s.m.realloc(live[k]!, size);
        s.c.on_realloc(live[k]!, q, size);
        live[k] = q;
      }
    }
    s.c.verify_all();
    expect(s.c.live_count()).toBe(live.length);
    expect(s.c.peak_live_bytes()).toBeGreaterThanOrEqual(s.c.live_bytes());
    for (const p of live) free(s, p);
    expect(s.c.live_bytes()).toBe(0);
    expect(s.env.mem_alloc.quota().used).toBe(0);
  });

  it('refuses a misaligned block, a block outside attached memory and a non-address', () => {
    const s = setup();
    const p = s.m.malloc(64);
    expect(() => s.c.on_malloc(p + 8, 24)).toThrow(/^alignment: malloc\(24\) returned 0x[0-9a-f]+8, not 16-aligned \(op 0\)$/);
    expect(() => s.c.on_malloc(0x8000, 24)).toThrow(/^attached memory: p\d+ \(0x8000, 24 bytes, from op 0\) page-faults on write at 0x8000$/);
    expect(() => s.c.on_malloc(-L4_EINVAL, 24)).toThrow(/^result: malloc\(24\) returned -22, not an address/);
    expect(() => s.c.on_malloc(p, -1)).toThrow(/Heap_checker: malloc\(-1\) cannot make a block/);
    expect(() => s.c.on_free(0x1230)).toThrow(/Heap_checker.on_free: 0x1230 is not a live block/);
  });

  it('keeps a block of no bytes, from malloc(0), at a unique address: it owns its first byte and nothing is written', () => {
    const s = setup();
    const p = malloc(s, 48);
    s.c.on_malloc(0x8000, 0);
    expect(s.c.live_count()).toBe(2);
    expect(() => s.c.on_malloc(p + 16, 0)).toThrow(/^overlap: p3 \(0x[0-9a-f]+, 0 bytes, from op 2\) overlaps p1/);
    expect(() => s.c.on_malloc(0x8000, 16)).toThrow(/^overlap: p4 \(0x8000, 16 bytes, from op 2\) overlaps p2 \(0x8000, 0 bytes, from op 1\)$/);
    s.c.on_free(0x8000);
    s.c.verify_all();
  });

  it('names both blocks of an overlap', () => {
    const s = setup();
    const p = malloc(s, 40);
    expect(() => s.c.on_malloc(p + 32, 16)).toThrow(
      `overlap: p2 (0x${(p + 32).toString(16)}, 16 bytes, from op 1) overlaps p1 (0x${p.toString(16)}, 40 bytes, from op 0)`,
    );
  });

  it('sees a neighbour corrupted by an op, with the byte and both values', () => {
    const s = setup();
    const a = malloc(s, 24);
    const b = malloc(s, 24);
    s.env.write(a + 23, new Uint8Array([0]));
    expect(() => free(s, b)).toThrow(Heap_violation);
    expect(() => s.c.on_unchanged(b)).toThrow(
      new RegExp(`^payload of p1 \\(0x${a.toString(16)}, 24 bytes, from op 0\\) byte 23 is 0x00, expected 0x[0-9a-f]{2} \\(checked at op \\d+\\)$`),
    );
  });

  it('verifies a block before it is freed', () => {
    const s = setup();
    const a = malloc(s, 100);
    s.env.write(a + 50, new Uint8Array([1, 2, 3]));
    expect(() => s.c.before_free(a)).toThrow(/payload of p1 .* byte 5[012] is/);
  });

  it('demands that realloc keeps the first min(old, new) bytes', () => {
    const s = setup();
    const a = malloc(s, 48);
    const q = s.m.malloc(64);
    expect(() => s.c.on_realloc(a, q, 64)).toThrow(/^realloc copy: p2 \(0x[0-9a-f]+, 64 bytes, from op 1\) byte 0 is 0x00, expected 0x[0-9a-f]{2} of p1/);
  });

  it('samples blocks above FULL_LIMIT at both edges and in sampled pages', () => {
    const s = setup();
    const size = (3 << 20) + 5;
    const big = malloc(s, size);
    const b = s.c.block_at(big)!;
    const sp = b.spans;
    expect(sp[0]).toBe(0);
    expect(sp.at(-2)! + sp.at(-1)!).toBe(size);
    expect(sp.length).toBeGreaterThan(4);
    expect(covered_bytes(size)).toBeLessThan(size / 16);
    s.env.write(big + sp[10]! + 7, new Uint8Array([0xff]));
    expect(() => s.c.verify_all()).toThrow(/payload of p1 .* byte \d+ is/);
  });

  it('checks only the edges of an op\'s neighbours; a corruption inside one is found when it is freed', () => {
    const s = setup();
    const a = malloc(s, 4096);
    const b = malloc(s, 24);
    s.env.write(a + 2000, new Uint8Array([0]));
    free(s, b);
    expect(() => free(s, a)).toThrow(/^payload of p1 .* byte 2000 is 0x00/);
  });

  it('looks at bytes in place through either world\'s Rm, page by page where a block spans pages', () => {
    for (const world of [create_world, create_impl_world]) {
      const env = world({ quota: 2 ** 32 }).create_task('app');
      const c = new Heap_checker(env, flat_memory(env));
      const m = create_malloc(env);
      const sizes = [24, 5000, FULL_LIMIT - 8, FULL_LIMIT * 3 + 1];
      const ptrs = sizes.map((n) => {
        const p = m.malloc(n);
        c.on_malloc(p, n);
        return p;
      });
      c.verify_all();
      env.write(ptrs[2]! + FULL_LIMIT - 9, new Uint8Array([0]));
      expect(() => c.verify_all(), world.name).toThrow(/^payload of p3 .* byte \d+ is 0x00/);
    }
  });

  it('finds a corruption far from every op in a sweep', () => {
    const s = setup();
    const far = malloc(s, 64);
    for (let i = 0; i < 40; i++) malloc(s, 64);
    s.env.write(far, new Uint8Array(4));
    expect(() => {
      for (let i = 0; i < 200; i++) free(s, malloc(s, 32));
    }).toThrow(/payload of p1 /);
  });
});
