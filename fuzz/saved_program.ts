/**
 * A counterexample's program as plain data, and its replay without
 * fast-check: the world and allocator programs as command data (one codec per
 * kind), a submission's program as a malloc-lab trace. A planted bug named in
 * the program is armed again on replay, so a finding made with a bug armed
 * still shows it.
 */
import type { Boot_config } from '../l4re/world.ts';
import { ALLOC_CODEC, run_alloc_program } from '../properties/alloc_property.ts';
import type { Command_data } from '../properties/commands/codec.ts';
import { Program_failure, run_program } from '../properties/program.ts';
import { WORLD_CODEC } from '../properties/world_property.ts';
import { alloc_candidate, world_candidate, REFERENCE_ALLOCATOR, REFERENCE_WORLD } from './planted.ts';

export type Saved_program =
  | { readonly kind: 'world'; readonly planted?: string; readonly config: Boot_config; readonly commands: readonly Command_data[] }
  | { readonly kind: 'alloc'; readonly planted?: string; readonly commands: readonly Command_data[] }
  /** `trace`: the program as a `.rep` file's text. */
  | { readonly kind: 'grade'; readonly submission: string; readonly trace: string };

/** A replay of a world or allocator program: the calls as they ran and, if one failed, why. */
export interface Program_replay {
  readonly transcript: readonly string[];
  /** The failure, `Name: message`; undefined if the program passed. */
  readonly failure?: string;
}

/** Runs `run` and turns a Program_failure into a replay; anything else is a bug of l4check and propagates. */
function replayed(run: () => { readonly transcript: readonly string[] }): Program_replay {
  try {
    return { transcript: run().transcript };
  } catch (e) {
    if (!(e instanceof Program_failure)) throw e;
    return { transcript: e.transcript, failure: `${e.cause.name}: ${e.cause.message}` };
  }
}

/** Throws an Error naming the first command that does not decode. */
function decoded<C extends object>(codec: { decode(d: unknown): C }, commands: readonly unknown[]): C[] {
  return commands.map((d, i) => {
    try {
      return codec.decode(d);
    } catch (e) {
      throw new Error(`command ${i + 1}: ${(e as Error).message}`);
    }
  });
}

/** Replay a world or allocator program: model against impl, with its planted bug armed if it names one. */
export function replay_program(p: Exclude<Saved_program, { kind: 'grade' }>): Program_replay {
  if (p.kind === 'world') {
    const cmds = decoded(WORLD_CODEC, p.commands);
    return replayed(() => run_program(REFERENCE_WORLD, world_candidate(p.planted), p.config, cmds));
  }
  const cmds = decoded(ALLOC_CODEC, p.commands);
  return replayed(() => run_alloc_program(REFERENCE_ALLOCATOR, alloc_candidate(p.planted), cmds));
}
