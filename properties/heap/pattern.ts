/**
 * The byte pattern the heap checker writes into every live block, and the parts
 * of a block it writes and verifies.
 *
 *   byte i of block #s = PATTERN[(phase(s) + i) mod PERIOD]
 *
 * PATTERN is pseudo-random with a prime period; phase(s) = s * STRIDE mod PERIOD
 * is distinct for the first PERIOD serial numbers, so two blocks created less than
 * PERIOD blocks apart never hold the same bytes. A span of up to MAX_SPAN bytes
 * is one subarray of PATTERN: filling and verifying are a memcpy and a memcmp.
 *
 * Blocks up to FULL_LIMIT bytes are covered whole. Bigger ones are covered by
 * their first and last EDGE bytes and SAMPLES pages between, one in each
 * SAMPLES-th of the middle, at an offset chosen from the serial number.
 */
import { L4_PAGESIZE } from '../../l4re/mem.ts';

const PERIOD = 65521;
const STRIDE = 40503;
export const FULL_LIMIT = 1 << 20;
const EDGE = 1 << 16;
const SAMPLES = 16;
const MAX_SPAN = FULL_LIMIT;

const PATTERN = make_pattern();

function make_pattern(): Uint8Array {
  const p = new Uint8Array(PERIOD + MAX_SPAN);
  let x = 0x9e3779b9;
  for (let i = 0; i < PERIOD; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    p[i] = x >>> 24;
  }
  for (let i = PERIOD; i < p.length; i++) p[i] = p[i - PERIOD]!;
  return p;
}

/** Block #serial's pattern for its bytes [off, off + len); len <= FULL_LIMIT. */
export function pattern(serial: number, off: number, len: number): Uint8Array {
  const at = (((serial % PERIOD) * STRIDE) % PERIOD + (off % PERIOD)) % PERIOD;
  return PATTERN.subarray(at, at + len);
}

/**
 * The parts of a block of `size` bytes the checker covers, as flat
 * [offset, length, offset, length, …], ascending and disjoint; each length <= FULL_LIMIT.
 */
export function spans(size: number, serial: number): readonly number[] {
  if (size <= FULL_LIMIT) return [0, size];
  const out = [0, EDGE];
  const pages = Math.floor((size - 2 * EDGE) / L4_PAGESIZE);
  const shift = (serial * 0.6180339887498949) % 1;
  for (let k = 0; k < SAMPLES; k++) out.push(EDGE + Math.floor(((k + shift) * pages) / SAMPLES) * L4_PAGESIZE, L4_PAGESIZE);
  out.push(size - EDGE, EDGE);
  return out;
}

/** Bytes that `spans(size, serial)` covers. */
export function covered_bytes(size: number): number {
  return size <= FULL_LIMIT ? size : 2 * EDGE + SAMPLES * L4_PAGESIZE;
}
