/**
 * The malloc-lab classic: a block's size is its payload rounded up to 16,
 * with no room for its 8-byte header. Unless the request is 1 to 8 past a
 * multiple of 16, its last bytes lie on the next block's header: writing them
 * garbles that header, and the impl usually trips over it later, as free()
 * would in C.
 */
import { Impl_allocator } from '../../../impl/malloc.ts';
import { ALIGN_SIZE, BLOCK_MIN_SIZE } from '../../../impl/tlsf.ts';

export class Headerless_size_allocator extends Impl_allocator {
  protected override arena_block_size(size: number): number {
    return Math.max(BLOCK_MIN_SIZE, Math.ceil(size / ALIGN_SIZE) * ALIGN_SIZE);
  }
}
