/**
 * Freeing a block absorbs the free block after it without unlinking that one
 * from its free list: the same memory is free twice, and is handed out twice.
 */
import { Tlsf } from '../../../impl/tlsf.ts';

export class Listed_twice_tlsf extends Tlsf {
  protected override remove_next(): void {}
}
