/**
 * The fuzzing loop `npm run fuzz` and the fuzz benchmark share: one hunt per
 * seed, counting up, short and long programs in turn, until stopped.
 */
import type { Fuzz_target, Hunt } from './targets.ts';

/** Program lengths in turn, with the runs of one hunt: long programs find the rare bugs, short ones are many. */
const SCHEDULE = [
  { max_commands: 60, runs: 40 },
  { max_commands: 400, runs: 6 },
] as const;

export interface Loop_options {
  readonly seed: number;
  readonly shrink_ms: number;
  readonly stopped: () => boolean;
  readonly known?: (failure: string) => boolean;
}

/** Hunts until `stopped()`, calling `each` after every hunt. */
export async function fuzz_loop(target: Fuzz_target, o: Loop_options, each: (h: Hunt, seed: number) => void): Promise<void> {
  for (let seed = o.seed; !o.stopped(); seed++) {
    const { max_commands, runs } = SCHEDULE[seed % SCHEDULE.length]!;
    each(await target.hunt({ ...o, seed, runs, max_commands }), seed);
  }
}
