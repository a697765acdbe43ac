/**
 * The heap's lock does nothing: the threads' calls run at once, each reading
 * and writing free lists, bitmaps and headers that another is halfway
 * through changing. The slides: "As soon as you have multiple threads (you
 * will), you need proper locking."
 */
import { Heap_lock } from '../../../impl/heap_lock.ts';

export class No_lock extends Heap_lock {
  override lock(): void {}
  override unlock(): void {}
}
