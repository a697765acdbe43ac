/**
 * The layout constants of impl/tlsf.ts and impl/slabs.ts that those modules
 * keep to themselves, for the planted variants that rewrite one of their
 * methods. They must match the drawings there.
 */
import { SLAB_BLOCK_SIZE } from '../../../impl/slabs.ts';
import { HEADER_SIZE } from '../../../impl/tlsf.ts';

export const ALIGN_SIZE = 16;
export const BLOCK_MIN_SIZE = 2 * HEADER_SIZE;
/** Tlsf header tags, in the low bits of a block's size. */
export const FREE = 1;
export const PREV_FREE = 2;
export const SIZE_MASK = ~(ALIGN_SIZE - 1) >>> 0;
/** A free Tlsf block's size, 4 bytes before its end. */
export const FOOTER = 4;
/** A slab's payload: its chunk class at +0, its free bits from +16, its chunks from +32. */
export const SLAB_PAYLOAD = SLAB_BLOCK_SIZE - HEADER_SIZE;
export const SLAB_CLASS = 0;
export const FIRST_CHUNK = 32;
const CHUNKS_MAX = 128;

/** Chunks a slab holds of `size`-byte chunks. */
export function chunks(size: number): number {
  return Math.min(CHUNKS_MAX, Math.floor((SLAB_PAYLOAD - FIRST_CHUNK) / size));
}
