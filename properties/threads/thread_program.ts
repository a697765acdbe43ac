/**
 * What one thread of a run does: a program of malloc, free and realloc steps
 * as plain data, drawn by fast-check from the thread's own seed. A run's
 * threads repeat their programs exactly; only how they interleave differs.
 *
 * A free or realloc picks one of the thread's own live blocks (pick mod their
 * number). A malloc with LIVE_MAX blocks live frees the oldest instead, and a
 * free or realloc with none live mallocs instead (the realloc's size, or 1
 * byte): a thread holds at most LIVE_MAX blocks of at most SIZE_MAX bytes.
 */
import fc from 'fast-check';

export type Thread_step =
  | { readonly op: 'malloc'; readonly size: number }
  | { readonly op: 'free'; readonly pick: number }
  | { readonly op: 'realloc'; readonly pick: number; readonly size: number };

/** A step as it runs, its pick resolved to an index among the live blocks. */
export type Thread_call =
  | { readonly op: 'malloc'; readonly size: number }
  | { readonly op: 'free'; readonly at: number }
  | { readonly op: 'realloc'; readonly at: number; readonly size: number };

const LIVE_MAX = 16;
const SIZE_MAX = 4096;

/** Mostly small blocks, as in most programs: many calls a millisecond, so that threads meet often. */
const size = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 128 }) },
  { weight: 3, arbitrary: fc.integer({ min: 129, max: 1024 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1025, max: SIZE_MAX }) },
);
const pick = fc.nat({ max: 0xffff });

const step: fc.Arbitrary<Thread_step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('malloc' as const), size }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('free' as const), pick }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('realloc' as const), pick, size }) },
);

/** The program of `steps` steps that `seed` draws. */
export function thread_program(seed: number, steps: number): Thread_step[] {
  return fc.sample(fc.array(step, { minLength: steps, maxLength: steps }), { seed, numRuns: 1 })[0]!;
}

/** What `s` does with `live` blocks live. */
export function thread_call(s: Thread_step, live: number): Thread_call {
  if (s.op === 'malloc') return live < LIVE_MAX ? s : { op: 'free', at: 0 };
  if (live === 0) return { op: 'malloc', size: s.op === 'realloc' ? s.size : 1 };
  return s.op === 'free' ? { op: 'free', at: s.pick % live } : { op: 'realloc', at: s.pick % live, size: s.size };
}
