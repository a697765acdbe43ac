/**
 * A large block keeps an 8-byte header before its payload, as a Tlsf block
 * does; but its dataspace starts on a page, so the payload is 8 past a
 * multiple of 16.
 */
import { Large_blocks } from '../../../impl/large_blocks.ts';
import { HEADER_SIZE } from '../../../impl/tlsf.ts';

export class Headed_large_blocks extends Large_blocks {
  override alloc(size: number): number {
    const start = super.alloc(size + HEADER_SIZE);
    if (start === 0) return 0;
    this.blocks.set(start + HEADER_SIZE, this.blocks.get(start)!);
    this.blocks.delete(start);
    return start + HEADER_SIZE;
  }
}
