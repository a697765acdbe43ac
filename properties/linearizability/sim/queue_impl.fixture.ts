/** An atomic implementation of the queue model. */
import type { Queue_input, Queue_output } from '../models/queue.ts';
import { type Concurrent_impl, atomically } from './simulate.fixture.ts';

export const atomic_queue: Concurrent_impl<number[], Queue_input, Queue_output> = {
  init: () => [],
  run: (queue, input) =>
    atomically(() => {
      if (input.op === 'deq') return queue.shift() ?? 'empty';
      queue.push(input.value);
      return 'ok';
    }),
};
