import { describe, expect, it } from 'vitest';
import { ALLOCATORS, student_allocator } from '../allocators.ts';
import type { Heap_block, Heap_map } from './heap_picture.ts';
import { MAP_BLOCKS, coarsen, heap_map_at, run_prefix } from './heap_map.ts';
import { parse_trace, read_trace } from './read_trace.ts';
import { replay_checked } from './replay.ts';
import { run_trace } from './run_trace.ts';
import { TRACES_DIR } from './trace_files.ts';

const trace = (ops: string, ids = 8) => parse_trace(`1\n${ids}\n${ops.trim().split('\n').length}\n0\n${ops}`, 't.rep');

/** A program whose held memory peaks after op 5, then falls. */
const PEAKED = trace('a 0 24\na 1 16\na 2 3000\na 3 200000\nr 2 9000\na 4 70000\nf 3\nf 4\nf 0\na 5 40\nf 1\nf 2\nf 5\n');

/** Blocks in order from 0 to each strip's end; returns the bytes of each kind. */
function tiling(map: Heap_map): Record<Heap_block['kind'], number> {
  const bytes = { live: 0, free: 0, meta: 0 };
  for (const s of map.strips) {
    let at = 0;
    for (const b of s.blocks) {
      expect(b.offset).toBe(at);
      expect(b.size).toBeGreaterThan(0);
      bytes[b.kind] += b.size;
      at += b.size;
    }
    expect(at).toBe(s.size);
  }
  return bytes;
}

const held = (map: Heap_map) => map.strips.reduce((n, s) => n + s.size, 0);

describe('heap_map_at', () => {
  it.each(['impl', 'model'] as const)('maps the %s heap after the op where held peaked: strips sum to the peak, tiled, live covering the payload', (name) => {
    const a = ALLOCATORS[name];
    const r = replay_checked(PEAKED, a);
    expect(r.peak_held_op).toBe(5);
    const map = heap_map_at(PEAKED, a, r.peak_held_op)!;
    expect(map.op).toBe(5);
    expect(map.grain).toBeUndefined();
    expect(held(map)).toBe(r.peak_held);
    const bytes = tiling(map);
    expect(bytes.live).toBeGreaterThanOrEqual(24 + 16 + 9000 + 200000 + 70000);
    expect(bytes.live + bytes.free + bytes.meta).toBe(r.peak_held);
    if (name === 'model') expect(bytes.meta).toBe(0);
    else expect(bytes.meta).toBeGreaterThan(0);
  });

  it('is the same heap the checked replay had at that op, on a real trace, coarsened to MAP_BLOCKS', () => {
    const t = read_trace(`${TRACES_DIR}/cmu-autolab-2015/binary.rep`);
    const r = replay_checked(t, ALLOCATORS.impl);
    const exact = heap_map_at(t, ALLOCATORS.impl, r.peak_held_op, undefined, Infinity)!;
    const map = heap_map_at(t, ALLOCATORS.impl, r.peak_held_op)!;
    expect(held(exact)).toBe(r.peak_held);
    expect(held(map)).toBe(r.peak_held);
    const live = r.footprint.live[r.footprint.op.indexOf(r.peak_held_op)]!;
    expect(tiling(exact).live).toBeGreaterThanOrEqual(live);
    expect(exact.strips.reduce((n, s) => n + s.blocks.length, 0)).toBeGreaterThan(MAP_BLOCKS);
    expect(map.strips.reduce((n, s) => n + s.blocks.length, 0)).toBeLessThanOrEqual(MAP_BLOCKS);
    expect(map.grain).toBeGreaterThan(0);
    tiling(map);
    expect(map.strips.map((s) => [s.start, s.size])).toEqual(exact.strips.map((s) => [s.start, s.size]));
    expect(tiling(map)).toEqual(tiling(exact));
  });

  it('has no map of an allocator it cannot walk, nor before the first op', () => {
    expect(heap_map_at(PEAKED, student_allocator('s', ALLOCATORS.model.create_malloc), 5)).toBeUndefined();
    const wrapped = { ...ALLOCATORS.model, create_malloc: (env: Parameters<typeof ALLOCATORS.model.create_malloc>[0]) => ({ ...ALLOCATORS.model.create_malloc(env) }) };
    expect(heap_map_at(PEAKED, wrapped, 5)).toBeUndefined();
    expect(heap_map_at(PEAKED, ALLOCATORS.impl, -1)).toBeUndefined();
  });
});

describe('run_prefix', () => {
  it('runs the first ops as the checked replay does: a null realloc leaves its block live', () => {
    const calls: string[] = [];
    let next = 16;
    run_prefix(trace('a 0 8\nr 0 99\nf 0\nf -1\nr 1 0\na 2 8\n'), {
      malloc: (n) => (calls.push(`malloc(${n})`), (next += 16)),
      realloc: (p, n) => (calls.push(`realloc(${p}, ${n})`), 0),
      free: (p) => calls.push(`free(${p})`),
    }, 5);
    expect(calls).toEqual(['malloc(8)', 'realloc(32, 99)', 'free(32)', 'free(0)', 'realloc(0, 0)']);
  });
});

describe('coarsen', () => {
  const strip = (start: number, blocks: [number, Heap_block['kind']][]) => {
    let at = 0;
    const bs = blocks.map(([size, kind]) => ({ offset: (at += size) - size, size, kind }));
    return { start, size: at, blocks: bs };
  };
  const many = strip(0, Array.from({ length: 400 }, (_, i): [number, Heap_block['kind']] => [16 + 16 * (i % 3), i % 4 === 0 ? 'meta' : i % 4 === 1 ? 'live' : i % 4 === 2 ? 'free' : 'live']));
  const big = strip(1 << 20, [[8, 'meta'], [65536, 'live'], [8, 'meta']]);

  it('keeps a map within the limit as it is', () => {
    expect(coarsen([many, big], 403)).toEqual({ strips: [many, big] });
  });

  it('regroups small blocks at a grain that fits the limit, keeping strips, tiling, each kind\'s bytes and large blocks', () => {
    const { strips, grain } = coarsen([many, big], 60);
    expect(grain! % 16).toBe(0);
    expect(strips.reduce((n, s) => n + s.blocks.length, 0)).toBeLessThanOrEqual(60);
    expect(strips.map((s) => [s.start, s.size])).toEqual([[many.start, many.size], [big.start, big.size]]);
    expect(tiling({ op: 0, strips })).toEqual(tiling({ op: 0, strips: [many, big] }));
    expect(strips[1]!.blocks).toEqual(big.blocks);
    const finer = coarsen([many, big], 60 * 4);
    expect(finer.grain!).toBeLessThan(grain!);
  });

  it('ends as one block a kind a strip when there are more strips than the limit', () => {
    const { strips } = coarsen([many, many, many], 2);
    expect(strips.map((s) => s.blocks.map((b) => b.kind))).toEqual(Array(3).fill(['meta', 'live', 'free']));
    expect(tiling({ op: 0, strips })).toEqual(tiling({ op: 0, strips: [many, many, many] }));
  });
});

describe('run_trace', () => {
  it('draws the footprint of every allocator and the map of those it can walk', () => {
    const file = `${TRACES_DIR}/cmu-autolab-2015/short2.rep`;
    const impl = run_trace(file, ALLOCATORS.impl);
    expect(impl.picture?.footprint.op.length).toBe(impl.ops);
    expect(impl.picture?.heap_map?.strips.length).toBeGreaterThan(0);
    const student = run_trace(file, student_allocator('s', ALLOCATORS.model.create_malloc));
    expect(student.picture?.footprint.op).toEqual(impl.picture?.footprint.op);
    expect(student.picture?.heap_map).toBeUndefined();
  });
});
