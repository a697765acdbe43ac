/**
 * A freed object index goes back on the free list without a new generation:
 * a stale capability to a destroyed object reaches whatever object comes next.
 */
import { Object_table } from '../../impl/object_table.ts';

export class No_generation_table extends Object_table {
  protected override next_generation(gen: number): number {
    return gen;
  }
}
