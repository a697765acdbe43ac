/**
 * The malloc-lab classic: a block's size is its payload rounded up to 16,
 * with no room for its 8-byte header. Unless the request is 1 to 8 past a
 * multiple of 16, its last bytes lie on the next block's header: writing them
 * garbles that header, and the impl usually trips over it later, as free()
 * would in C.
 */
import { Impl_allocator } from '../../../impl/malloc.ts';
import { is_small, SLAB_BLOCK_SIZE } from '../../../impl/slabs.ts';
import { HEADER_SIZE } from '../../../impl/tlsf.ts';
import { ALIGN_SIZE } from './layout.ts';

export class Headerless_size_allocator extends Impl_allocator {
  protected override in_arena(size: number): number {
    const small = is_small(size);
    const need = small ? SLAB_BLOCK_SIZE : Math.max(2 * HEADER_SIZE, Math.ceil(size / ALIGN_SIZE) * ALIGN_SIZE);
    const arenas = this.arenas;
    for (let grow = 0; grow < 2; grow++) {
      for (let i = arenas.length - 1; i >= 0; i--) {
        const off = small ? this.slabs[i]!.alloc(size, grow === 1) : arenas[i]!.alloc(need, grow === 1) + HEADER_SIZE;
        if (off > HEADER_SIZE) return arenas[i]!.base + off;
      }
    }
    const t = this.parts.Tlsf.map(this.task, need, this.retired);
    if (t === null) return 0;
    this.retired = null;
    arenas.push(t);
    this.slabs.push(new this.parts.Slabs(t));
    return this.in_arena(size);
  }
}
