/**
 * The fuzzing loop `npm run fuzz` and the fuzz benchmark share: one hunt per
 * seed, counting up by `stride` (the number of jobs, fuzz/jobs.ts), short and
 * long programs in turn, until stopped.
 */
import type { Fuzz_target, Hunt } from './targets.ts';

/** Program lengths in turn, with the runs of one hunt: long programs find the rare bugs, short ones are many. */
const SCHEDULE = [
  { max_commands: 60, runs: 40 },
  { max_commands: 400, runs: 6 },
] as const;

export interface Loop_options {
  readonly seed: number;
  /** Seeds go seed, seed + stride, …; 1 unless jobs share the seeds. */
  readonly stride?: number;
  readonly shrink_ms: number;
  readonly stopped: () => boolean;
  readonly known?: (failure: string) => boolean;
}

/** Hunts until `stopped()`, calling `each` after every hunt. */
export async function fuzz_loop(target: Fuzz_target, o: Loop_options, each: (h: Hunt, seed: number) => void): Promise<void> {
  const stride = o.stride ?? 1;
  for (let i = 0; !o.stopped(); i++) {
    const seed = o.seed + i * stride;
    const { max_commands, runs } = SCHEDULE[(o.seed + i) % SCHEDULE.length]!;
    each(await target.hunt({ ...o, seed, runs, max_commands }), seed);
  }
}
