import { describe, expect, it } from 'vitest';
import { FOOTPRINT_SAMPLES, Footprint_sampler } from './footprint.ts';

/** Told live = i mod 7 and held = 100 + i mod 11, except `spikes` (op → [live, held]). */
function sample(ops: number, spikes: Record<number, [number, number]> = {}, samples?: number) {
  const s = new Footprint_sampler(ops, samples);
  for (let i = 0; i < ops; i++) {
    const [live, held] = spikes[i] ?? [i % 7, 100 + (i % 11)];
    s.after(i, live, held);
  }
  return s;
}

describe('Footprint_sampler', () => {
  it('samples every op of a short replay, and nothing of an empty one', () => {
    const f = sample(5).footprint();
    expect(f).toEqual({ op: [0, 1, 2, 3, 4], live: [0, 1, 2, 3, 4], held: [100, 101, 102, 103, 104] });
    const empty = sample(0);
    expect(empty.footprint()).toEqual({ op: [], live: [], held: [] });
    expect(empty.peak_held_op).toBe(-1);
  });

  it('samples a long replay evenly, ending at its last op', () => {
    const f = sample(100_000).footprint();
    expect(f.op.length).toBeLessThanOrEqual(FOOTPRINT_SAMPLES + 2);
    expect(f.op.length).toBeGreaterThanOrEqual(FOOTPRINT_SAMPLES);
    expect(f.op[f.op.length - 1]).toBe(99_999);
    for (let k = 1; k < f.op.length; k++) expect(f.op[k]!).toBeGreaterThan(f.op[k - 1]!);
    f.op.forEach((op, k) => {
      expect(f.live[k]).toBe(op % 7);
      expect(f.held[k]).toBe(100 + (op % 11));
    });
    const gaps = f.op.slice(1).map((op, k) => op - f.op[k]!);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(Math.ceil(100_000 / FOOTPRINT_SAMPLES));
  });

  it('puts both peaks in, where they first happened, whatever the spacing', () => {
    const s = sample(10_000, { 1234: [3, 5000], 5000: [3, 5000], 4321: [900, 50] }, 10);
    expect([s.peak_held, s.peak_held_op, s.peak_live, s.peak_live_op]).toEqual([5000, 1234, 900, 4321]);
    const f = s.footprint();
    expect(f.op).toEqual([999, 1234, 1999, 2999, 3999, 4321, 4999, 5999, 6999, 7999, 8999, 9999]);
    expect(f.held[1]).toBe(5000);
    expect(f.live[5]).toBe(900);
    expect(f.held[5]).toBe(50);
    expect(Math.max(...f.held)).toBe(s.peak_held);
    expect(Math.max(...f.live)).toBe(s.peak_live);
  });

  it('does not list a peak twice when a sample falls on it', () => {
    const f = sample(100, { 9: [50, 5000] }, 10).footprint();
    expect(f.op).toEqual([9, 19, 29, 39, 49, 59, 69, 79, 89, 99]);
  });
});
