/**
 * usable() takes the header off a size that is already the payload's: a
 * realloc that moves a block copies 8 bytes too few of it.
 */
import { HEADER_SIZE } from '../../../impl/tlsf.ts';
import { Planted_tlsf } from './planted_tlsf.ts';

export class Short_usable_tlsf extends Planted_tlsf {
  override usable(h: number): number {
    return super.usable(h) - HEADER_SIZE;
  }
}
