/**
 * The Shared_heap from 2 and 4 worker threads at once (run_threads.ts): with
 * its lock, no run ever fails; with the lock planted as a no-op, a hunt of at
 * most ROUNDS runs finds it, for its planted reason. Fixed seeds; which
 * interleaving a run gets is up to the machine, so the bug's bound is rounds.
 */
import { describe, expect, it } from 'vitest';
import { PLANTED_THREAD_BUGS } from '../planted/threads/index.ts';
import { hunt_thread_bug } from './hunt.ts';
import { run_threads } from './run_threads.ts';

/** Calls of a correct run, shared among its threads: its history is checked whole (run_threads.ts). */
const CALLS = 5000;
/** Steps a thread of the hunt: enough to be running when the other starts, and to meet it often. */
const HUNT_STEPS = 4000;
/**
 * A round finds the bug 20–50 % of the time on a busy 2-core machine (docs/THREADS.md):
 * 60 rounds miss it with a chance below 2·10⁻⁶. A round takes 1–2 s: the test's own
 * timeout is no bound on the hunt, only a guard against a hang.
 */
const ROUNDS = 60;
const HUNT_TIMEOUT_MS = 600_000;

describe('a Shared_heap shared by worker threads', () => {
  it.each([2, 4])('%i threads at once, each with its own blocks and pattern: no overlap, every byte kept, linearizable, nothing leaked (seed 1)', async (threads) => {
    const r = await run_threads({ threads, steps: CALLS / threads, seed: 1 });
    expect(r.failure).toBeNull();
    expect(r.calls).toBeGreaterThan(CALLS);
  });

  it.each(PLANTED_THREAD_BUGS)(`finds $name within ${ROUNDS} rounds of 2 threads, for its planted reason (seed 100)`, async (bug) => {
    const h = await hunt_thread_bug(bug, { threads: 2, steps: HUNT_STEPS, seed: 100, rounds: ROUNDS });
    expect(h.found, `${bug.name}: not found in ${ROUNDS} rounds`).not.toBeNull();
    expect(h.found!.split('\n')[0]).toMatch(bug.reason);
  }, HUNT_TIMEOUT_MS);
});
