import { describe, expect, it } from 'vitest';
import { differences, same } from './pair.ts';

describe('same: equality of the plain data the worlds return', () => {
  it('holds for equal values and structures', () => {
    expect(same(3, 3)).toBe(true);
    expect(same(Number.NaN, Number.NaN)).toBe(true);
    expect(same({ tasks: [{ name: 'app', slots: 1 }], gates: 2 }, { gates: 2, tasks: [{ name: 'app', slots: 1 }] })).toBe(true);
    expect(same(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(same([], [])).toBe(true);
  });

  it('fails on any difference: a value, a length, a key, a byte, a prototype, the sign of zero', () => {
    expect(same(0, -0)).toBe(false);
    expect(same(1, '1')).toBe(false);
    expect(same(null, {})).toBe(false);
    expect(same([1, 2], [1, 2, 3])).toBe(false);
    expect(same({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(same({ a: 1, b: 2 }, { a: 1, c: 2 })).toBe(false);
    expect(same(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
    expect(same(new Uint8Array([1]), new Int8Array([1]))).toBe(false);
    expect(same([1], { 0: 1, length: 1 })).toBe(false);
    expect(same({ fault: 'read', addr: 4096 }, { fault: 'write', addr: 4096 })).toBe(false);
  });

  it('differences names the leaves that differ, by task name inside a list of tasks', () => {
    const a = { tasks: [{ name: 'app', slots: 1 }], gates: 2 };
    const b = { tasks: [{ name: 'app', slots: 0 }], gates: 3 };
    expect(differences(a, b)).toEqual(['tasks[app].slots: 1 vs 0', 'gates: 2 vs 3']);
    expect(differences(a, a)).toEqual([]);
  });
});
