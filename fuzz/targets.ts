/**
 * What `npm run fuzz` hunts in. A hunt is one seed's batch of runs of a
 * property; its first failure is shrunk, within a time bound, and returned as a
 * Finding whose program replays without fast-check (fuzz/saved_program.ts).
 *
 *   world        the world property: model vs impl (or impl with a planted bug)
 *   alloc        the allocator property: model vs impl (or impl with a planted bug)
 *   grade:FILE   the grader's property suite against a student's submission
 *
 * Invariant: a hunt never runs a program once `stopped()` is true or the
 * shrink bound has passed; it answers those with a pass, so fast-check ends at
 * once and reports the smallest failure found so far.
 */
import fc from 'fast-check';
import { check_of } from '../grader/failure.ts';
import { rep_text } from '../grader/rep_file.ts';
import type { Checked_outcome, Runner } from '../grader/runner.ts';
import { open_runner } from '../grader/open_runner.ts';
import { SUITE_DEFAULTS, property_suite } from '../grader/suite.ts';
import { transcript } from '../grader/transcript.ts';
import { ALLOC_CODEC, alloc_programs, run_alloc_program } from '../properties/alloc_property.ts';
import { Program_failure, executed, run_program } from '../properties/program.ts';
import { WORLD_CODEC, world_programs } from '../properties/world_property.ts';
import { REFERENCE_ALLOCATOR, REFERENCE_WORLD, alloc_candidate, world_candidate } from './planted.ts';
import type { Saved_program } from './saved_program.ts';

export interface Hunt_options {
  readonly seed: number;
  readonly runs: number;
  /** The longest program generated. */
  readonly max_commands: number;
  /** Shrinking stops this long after the first failure. */
  readonly shrink_ms: number;
  /** True once fuzzing must stop (Ctrl-C, the deadline): the hunt ends as soon as it can. */
  readonly stopped: () => boolean;
  /** Whether a failure (`Name: message`) is of a bug already found: it is not shrunk again. */
  readonly known?: (failure: string) => boolean;
}

export interface Finding {
  readonly property: string;
  readonly seed: number;
  /** fast-check's path to the shrunk counterexample from `seed`. */
  readonly path: string;
  /** `Name: message`. */
  readonly failure: string;
  /** The shrunk program as it ran, one call a line, ending with the failing call. */
  readonly transcript: readonly string[];
  readonly program: Saved_program;
}

export interface Hunt {
  readonly runs: number;
  readonly commands: number;
  readonly finding?: Finding;
  /** Milliseconds from the hunt's start to its first failure, before shrinking. */
  readonly failed_after_ms?: number;
  /** That first failure, `Name: message`, before shrinking. */
  readonly first_failure?: string;
}

export interface Fuzz_target {
  /** `world`, `alloc` or `grade:FILE`, with `+bug` when a planted bug is armed. */
  readonly name: string;
  hunt(o: Hunt_options): Promise<Hunt>;
  close(): Promise<void>;
}

/** A synchronous hunt lets Ctrl-C in at least this often. */
const YIELD_MS = 100;

/** The gate of the invariant above, and the bookkeeping of one hunt. */
class Hunt_clock {
  readonly t0 = performance.now();
  first_failure: number | undefined;
  private first_text = '';
  runs = 0;
  private last_yield = this.t0;
  private shrink_ms: number;

  constructor(private readonly o: Hunt_options) {
    this.shrink_ms = o.shrink_ms;
  }

  closed(): boolean {
    return this.o.stopped() || (this.first_failure !== undefined && performance.now() - this.first_failure > this.shrink_ms);
  }

  failed(failure: string): void {
    if (this.first_failure !== undefined) return;
    this.first_failure = performance.now();
    this.first_text = failure;
    if (this.o.known?.(failure)) this.shrink_ms = -1;
  }

  async breathe(): Promise<void> {
    if (performance.now() - this.last_yield < YIELD_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    this.last_yield = performance.now();
  }

  failed_after(): { failed_after_ms?: number; first_failure?: string } {
    return this.first_failure === undefined ? {} : { failed_after_ms: this.first_failure - this.t0, first_failure: this.first_text };
  }
}

/** Differential programs of one property: `run` throws a Program_failure, which `save` turns into the program's data. */
interface Programs<T> {
  readonly property: string;
  readonly arb: fc.Arbitrary<T>;
  readonly run: (t: T) => void;
  readonly save: (t: T, f: Program_failure) => Saved_program;
}

async function hunt_programs<T>(o: Hunt_options, { property, arb, run, save }: Programs<T>): Promise<Hunt> {
  const clock = new Hunt_clock(o);
  const before = executed.commands;
  const details = await fc.check(
    fc.asyncProperty(arb, async (t) => {
      await clock.breathe();
      if (clock.closed()) return;
      clock.runs++;
      try {
        run(t);
      } catch (e) {
        clock.failed(e instanceof Program_failure ? `${e.cause.name}: ${e.cause.message}` : String(e));
        throw e;
      }
    }),
    { seed: o.seed, numRuns: o.runs },
  );
  const base = { runs: clock.runs, commands: executed.commands - before, ...clock.failed_after() };
  if (!details.failed) return base;
  const e = details.errorInstance;
  if (!(e instanceof Program_failure)) throw e;
  const finding: Finding = {
    property,
    seed: o.seed,
    path: details.counterexamplePath ?? '',
    failure: `${e.cause.name}: ${e.cause.message}`,
    transcript: e.transcript,
    program: save(details.counterexample![0], e),
  };
  return { ...base, finding };
}

/** A target of programs on the reference and the candidate, named `kind` or `kind+planted`; nothing to close. */
/** A target's name: its spec, with `+bug` when a planted bug is armed. */
export function target_name(spec: string, planted: string | undefined): string {
  return planted === undefined ? spec : `${spec}+${planted}`;
}

function program_target(kind: 'world' | 'alloc', planted: string | undefined, hunt: Fuzz_target['hunt']): Fuzz_target {
  return { name: target_name(kind, planted), hunt, close: async () => {} };
}

/** What a saved program records of a planted bug: its name, when one is armed. */
function armed(planted: string | undefined): { readonly planted?: string } {
  return planted === undefined ? {} : { planted };
}

function world_hunt(planted: string | undefined): Fuzz_target['hunt'] {
  const cand = world_candidate(planted);
  return (o) => hunt_programs(o, {
    property: `world: model vs ${cand.name}`,
    arb: world_programs(o.max_commands),
    run: ([config, cmds]) => run_program(REFERENCE_WORLD, cand, config, cmds),
    save: ([config], f) => ({ kind: 'world', ...armed(planted), config, commands: f.commands.map((c) => WORLD_CODEC.encode(c as never)) }),
  });
}

function alloc_hunt(planted: string | undefined): Fuzz_target['hunt'] {
  const cand = alloc_candidate(planted);
  return (o) => hunt_programs(o, {
    property: `malloc: model vs ${cand.name}`,
    arb: alloc_programs(o.max_commands),
    run: (cmds) => run_alloc_program(REFERENCE_ALLOCATOR, cand, cmds),
    save: (_, f) => ({ kind: 'alloc', ...armed(planted), commands: f.commands.map((c) => ALLOC_CODEC.encode(c as never)) }),
  });
}

/** A runner that counts what it runs, and answers every program with a pass once the hunt's gate is closed. */
function gated(runner: Runner, clock: Hunt_clock, count: { ops: number }): Runner {
  return {
    kind: runner.kind,
    output: () => runner.output(),
    close: () => runner.close(),
    timed: (p, first, limit) => runner.timed(p, first, limit),
    robustness: (limit) => runner.robustness(limit),
    async checked(p, limit, opts): Promise<Checked_outcome> {
      if (clock.closed()) return { kind: 'ok', util: 0, refused: 0, refused_max: 0 };
      clock.runs++;
      count.ops += p.ops.length;
      const out = await runner.checked(p, limit, opts);
      if (out.kind !== 'ok') clock.failed(`${check_of(out)}: ${out.message}`);
      return out;
    },
  };
}

/** The grader's property suite against a submission, through one runner for the whole fuzzing session. */
async function grade_target(submission: string): Promise<Fuzz_target> {
  const opened = await open_runner(submission);
  if (!('runner' in opened)) throw new Error(`${submission}: ${opened.kind}: ${opened.message}`);
  const runner = opened.runner;
  return {
    name: target_name(`grade:${submission}`, undefined),
    async hunt(o) {
      const clock = new Hunt_clock(o);
      const count = { ops: 0 };
      const found = await property_suite(gated(runner, clock, count), {
        ...SUITE_DEFAULTS,
        seed: o.seed,
        runs: o.runs,
        max_ops: o.max_commands,
        budget_ms: Number.POSITIVE_INFINITY,
      });
      const base = { runs: clock.runs, commands: count.ops, ...clock.failed_after() };
      // Ctrl-C reaches the submission's process too: a death by SIGINT after the stop is not the submission's.
      if (found === undefined || (o.stopped() && found.message.includes('SIGINT'))) return base;
      const finding: Finding = {
        property: `grader's property suite: ${submission}`,
        seed: o.seed,
        path: '',
        failure: `${found.check}: ${found.message}`,
        transcript: transcript(found.program.ops, [], found.program.ops.length - 1),
        program: { kind: 'grade', submission, trace: rep_text(found.program) },
      };
      return { ...base, finding };
    },
    close: () => runner.close(),
  };
}

/** The target `spec` names (`world`, `alloc`, `grade:FILE`), with `planted` armed; throws an Error for a bad spec. */
export async function open_target(spec: string, planted: string | undefined): Promise<Fuzz_target> {
  if (spec === 'world') return program_target('world', planted, world_hunt(planted));
  if (spec === 'alloc') return program_target('alloc', planted, alloc_hunt(planted));
  if (spec.startsWith('grade:') && spec.length > 'grade:'.length) {
    if (planted !== undefined) throw new Error('a planted bug arms only the world and alloc targets');
    return grade_target(spec.slice('grade:'.length));
  }
  throw new Error(`unknown target ${JSON.stringify(spec)} (world, alloc or grade:FILE)`);
}
