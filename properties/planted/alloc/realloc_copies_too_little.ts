/**
 * usable() takes the header off a size that is already the payload's: a
 * realloc that moves a block copies 8 bytes too few of it.
 */
import { HEADER_SIZE, Tlsf } from '../../../impl/tlsf.ts';

export class Short_usable_tlsf extends Tlsf {
  override usable(h: number): number {
    return super.usable(h) - HEADER_SIZE;
  }
}
