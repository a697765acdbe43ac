/**
 * The base of the planted Tlsf variants. Tlsf.map builds a plain Tlsf, so a
 * subclass needs a map that builds itself; this one does what Tlsf.map does.
 */
import { l4_round_page } from '../../../l4re/mem.ts';
import { Arena } from '../../../impl/arena.ts';
import type { Impl_task } from '../../../impl/task.ts';
import { ARENA_OVERHEAD, Tlsf } from '../../../impl/tlsf.ts';

export class Planted_tlsf extends Tlsf {
  static override map(task: Impl_task, need: number, retired: Tlsf | null): Tlsf | null {
    const a = Arena.map(task, l4_round_page(need + ARENA_OVERHEAD));
    return a === null ? null : new this(a, retired);
  }
}
