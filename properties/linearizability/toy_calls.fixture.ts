/** Random calls of the toy models with outputs from a small range, so that random histories are often, not always, linearizable. */
import fc from 'fast-check';
import type { Queue_input, Queue_output } from './models/queue.ts';
import type { Register_input, Register_output } from './models/register.ts';

export const register_call: fc.Arbitrary<{ input: Register_input; output: Register_output }> = fc.oneof(
  fc.nat({ max: 3 }).map((v) => ({ input: { op: 'read' as const }, output: v })),
  fc.nat({ max: 3 }).map((v) => ({ input: { op: 'write' as const, value: v }, output: 'ok' as const })),
  fc.integer({ min: 1, max: 4 }).map((v) => ({ input: { op: 'incr' as const }, output: v })),
);

export const queue_call: fc.Arbitrary<{ input: Queue_input; output: Queue_output }> = fc.oneof(
  fc.integer({ min: 1, max: 3 }).map((v) => ({ input: { op: 'enq' as const, value: v }, output: 'ok' as const })),
  fc.constantFrom<Queue_output>(1, 2, 3, 'empty').map((v) => ({ input: { op: 'deq' as const }, output: v })),
);
