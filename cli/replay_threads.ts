/**
 * `l4check replay T0.rep T1.rep ... --allocator SUBMISSION [--time-limit S]`:
 * a thread-safety counterexample (grader/thread_suite.ts), one .rep file a
 * thread, run at once on one heap REPLAYS times, as the grader replayed it.
 * Prints each thread's program, the first failure, and how many replays
 * failed. Exit 0 if none did, 1 if any did.
 */
import { extname } from 'node:path';
import { THREADS_MAX } from '../grader/native_runner.ts';
import { open_runner } from '../grader/open_runner.ts';
import type { Program, Threads_outcome } from '../grader/runner.ts';
import { REPLAYS, replay_count } from '../grader/thread_shrink.ts';
import { thread_failure_text } from '../grader/thread_suite.ts';
import { threads_transcript } from '../grader/transcript.ts';
import { Usage_error } from './usage.ts';

export async function replay_threads(files: readonly string[], read: (file: string) => Program, allocator: string | undefined, cpu_s: number): Promise<number> {
  const not_rep = files.find((f) => extname(f) !== '.rep');
  if (not_rep !== undefined) throw new Usage_error(`${not_rep}: threads replay .rep files, one a thread`);
  if (files.length > THREADS_MAX) throw new Usage_error(`${files.length} threads: at most ${THREADS_MAX}`);
  if (allocator === undefined) throw new Usage_error('--allocator is required for traces');
  const programs = files.map(read);
  const opened = await open_runner(allocator);
  if (!('runner' in opened)) {
    console.log(`${opened.kind}: ${opened.message}`);
    return 1;
  }
  const { runner } = opened;
  try {
    if (runner.threaded === undefined) throw new Usage_error(`${allocator}: a ${runner.kind} allocator runs on one thread; only C and C++ ones replay threads`);
    for (const line of threads_transcript(programs)) console.log(line);
    let first: Threads_outcome | undefined;
    const run = async (p: readonly Program[]) => {
      const out = await runner.threaded!(p, { cpu_s });
      if (out.kind !== 'ok') first ??= out;
      return out;
    };
    const { failed } = await replay_count(run, programs, { cpu_s }, REPLAYS, Infinity);
    if (first !== undefined && first.kind !== 'ok') console.log(`fail (thread-safety): ${thread_failure_text(first)}`);
    console.log(`${failed === 0 ? 'ok' : 'failed'}: ${failed} of ${REPLAYS} replays of ${programs.length} threads at once failed`);
    return failed === 0 ? 0 : 1;
  } finally {
    await runner.close();
  }
}
