/**
 * Hunting a planted thread bug: threads runs (run_threads.ts) with the bug
 * planted, each round with the next seeds, until one fails or `rounds` have
 * run. A race shows only when threads really run at once, which a busy
 * machine does not give every run: the bound is on rounds, never on time.
 */
import type { Planted_thread_bug } from '../planted/threads/index.ts';
import { run_threads } from './run_threads.ts';

export interface Hunt_options {
  readonly threads: number;
  readonly steps: number;
  /** Round r runs seeds seed + r · threads, …. */
  readonly seed: number;
  readonly rounds: number;
}

export interface Hunt {
  /** The failure of the round that found the bug, or null. */
  readonly found: string | null;
  /** Rounds run: the one that found it, or all. */
  readonly rounds: number;
  /** Milliseconds for all of them, starting and checking included. */
  readonly ms: number;
}

export async function hunt_thread_bug(bug: Planted_thread_bug, o: Hunt_options): Promise<Hunt> {
  const t0 = performance.now();
  for (let r = 0; r < o.rounds; r++) {
    const run = await run_threads({ threads: o.threads, steps: o.steps, seed: o.seed + r * o.threads, bug: bug.name });
    if (run.failure !== null) return { found: run.failure, rounds: r + 1, ms: performance.now() - t0 };
  }
  return { found: null, rounds: o.rounds, ms: performance.now() - t0 };
}
