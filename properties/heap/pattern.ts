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
export const FULL_LIMIT = 1 << 14;
const EDGE = 1 << 12;
const SAMPLES = 8;
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

/** Where in PATTERN block #serial's byte `off` is. */
function start(serial: number, off: number): number {
  return (((serial % PERIOD) * STRIDE) % PERIOD + (off % PERIOD)) % PERIOD;
}

/** Block #serial's pattern for its bytes [off, off + len); len <= FULL_LIMIT. */
export function pattern(serial: number, off: number, len: number): Uint8Array {
  const at = start(serial, off);
  return PATTERN.subarray(at, at + len);
}

/** PATTERN as a Buffer, whose compare and copy take offsets: no subarray to make. */
const PATTERN_BUFFER = Buffer.from(PATTERN.buffer, PATTERN.byteOffset, PATTERN.length);
/** Spans up to this long are compared and filled byte by byte: cheaper than a native call. */
const SHORT = 64;

/** The index of the first of bytes[pos, pos + n) that is not block #serial's pattern from `off`, or -1. */
export function mismatch(bytes: Uint8Array, pos: number, n: number, serial: number, off: number): number {
  const at = start(serial, off);
  if (n > SHORT && PATTERN_BUFFER.compare(bytes, pos, pos + n, at, at + n) === 0) return -1;
  for (let i = 0; i < n; i++) if (bytes[pos + i] !== PATTERN[at + i]) return i;
  return -1;
}

/** Write block #serial's pattern from `off` into bytes[pos, pos + n). */
export function fill_pattern(bytes: Uint8Array, pos: number, n: number, serial: number, off: number): void {
  const at = start(serial, off);
  if (n > SHORT) PATTERN_BUFFER.copy(bytes, pos, at, at + n);
  else for (let i = 0; i < n; i++) bytes[pos + i] = PATTERN[at + i]!;
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
