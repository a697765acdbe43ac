/** Where a task's Heap_checker may look at bytes in place: its Rm, in either world. */
import { Impl_task } from '../../impl/task.ts';
import type { Task } from '../../l4re/task.ts';
import { Task as Model_task } from '../../model/task.ts';
import type { Flat_memory } from '../heap_checker.ts';

export function flat_memory(task: Task): Flat_memory | undefined {
  return task instanceof Impl_task || task instanceof Model_task ? task.rm : undefined;
}
