/**
 * Two systems booted alike, driven call by call: the reference and the candidate.
 * Every call runs on both; a different result is a Divergence naming the call.
 */
import { inspect } from 'node:util';
import { l4_err_name } from '../l4re/err.ts';
import { hex } from '../l4re/hex.ts';
import type { Boot_config, Log_system } from '../l4re/world.ts';
import type { World_under_test } from './worlds.ts';

export class Divergence extends Error {
  override readonly name = 'Divergence';
}

/** A broken invariant of the harness's own account of the world. */
export class Violation extends Error {
  override readonly name = 'Violation';
}

/** Negative integers print as L4 error names, large ones in hex (caps, addresses). */
export function show(x: unknown): string {
  if (typeof x === 'number' && Number.isInteger(x)) return x < 0 ? l4_err_name(x) : x >= 0x1000 ? hex(x) : String(x);
  return inspect(x, { depth: 4, breakLength: Infinity, maxArrayLength: 16, maxStringLength: 80 });
}

/**
 * Equality of the plain data the worlds return (numbers, strings, arrays,
 * byte arrays, objects of those): the same values under the same keys, with
 * the same prototype. NaN equals NaN; +0 and -0 differ, as Object.is has it.
 */
export function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (Array.isArray(a)) {
    const bs = b as unknown[];
    if (a.length !== bs.length) return false;
    for (let i = 0; i < a.length; i++) if (!same(a[i], bs[i])) return false;
    return true;
  }
  if (ArrayBuffer.isView(a)) return Buffer.compare(bytes_of(a), bytes_of(b as ArrayBufferView)) === 0;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let keys = 0;
  for (const k in ra) {
    if (!Object.hasOwn(ra, k)) continue;
    keys++;
    if (!Object.hasOwn(rb, k) || !same(ra[k], rb[k])) return false;
  }
  for (const k in rb) if (Object.hasOwn(rb, k)) keys--;
  return keys === 0;
}

function bytes_of(v: ArrayBufferView): Uint8Array {
  return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
}

/** The leaves where `a` and `b` differ, as `path: a vs b`; at most `max` of them. */
export function differences(a: unknown, b: unknown, path = '', max = 6): string[] {
  const plain = (x: unknown): x is Record<string, unknown> =>
    typeof x === 'object' && x !== null && !ArrayBuffer.isView(x);
  if (!plain(a) || !plain(b) || Array.isArray(a) !== Array.isArray(b)) {
    return same(a, b) ? [] : [`${path || 'value'}: ${show(a)} vs ${show(b)}`];
  }
  const out: string[] = [];
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const name = Array.isArray(a) ? `${path}[${k}]` : path ? `${path}.${k}` : k;
    const label = Array.isArray(a) && plain(a[Number(k)]) && 'name' in (a[Number(k)] as object) ? `${path}[${(a[Number(k)] as { name: string }).name}]` : name;
    out.push(...differences(a[k], b[k], label, max - out.length));
    if (out.length >= max) break;
  }
  return out;
}

export class Pair {
  readonly ref: Log_system;
  readonly cand: Log_system;

  constructor(
    readonly ref_world: World_under_test,
    readonly cand_world: World_under_test,
    config: Boot_config,
  ) {
    this.ref = ref_world.boot(config);
    this.cand = cand_world.boot(config);
  }

  /**
   * Run `f` on both systems and return the reference's result. `call` names the
   * call in the Divergence message.
   */
  both<T>(call: string, f: (sys: Log_system) => T): T {
    const a = f(this.ref);
    const b = f(this.cand);
    if (!same(a, b)) {
      const diff = typeof a === 'object' && typeof b === 'object' ? differences(a, b) : [];
      const what =
        diff.length > 0
          ? `${this.ref_world.name} vs ${this.cand_world.name} differ in ${diff.join('; ')}`
          : `${this.ref_world.name} gives ${show(a)}, ${this.cand_world.name} gives ${show(b)}`;
      throw new Divergence(`${call}: ${what}`);
    }
    return a;
  }
}
