/**
 * `l4check replay FILE [--allocator SUBMISSION|impl|model] [--time-limit S]`:
 * replay a counterexample; several .rep files: a thread-safety
 * counterexample, one file a thread (replay_threads.ts).
 *
 * - A fuzz counterexample (`.json`, fuzz/counterexample.ts) of the world or the
 *   allocator re-runs model against impl (its planted bug armed, if any) and
 *   prints the program one call a line, marking the call where the two sides
 *   first disagreed or a check failed.
 * - A trace (`.rep`) or a grade counterexample (`.json`) runs with every check
 *   through the runner of the submission's kind (impl and model run as
 *   TypeScript submissions); a grade counterexample names its submission, which
 *   --allocator overrides. Prints one C line per op up to the failing op.
 *
 * Exit 0 if it passes, 1 if it fails, 2 on a usage error.
 */
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { type Counterexample, read_counterexample } from '../fuzz/counterexample.ts';
import { type Saved_program, replay_program } from '../fuzz/saved_program.ts';
import { open_runner } from '../grader/open_runner.ts';
import type { Program } from '../grader/runner.ts';
import { with_teardown } from '../grader/shrink.ts';
import { transcript } from '../grader/transcript.ts';
import { parse_trace, read_trace } from '../properties/trace/read_trace.ts';
import { replay_threads } from './replay_threads.ts';
import { Usage_error } from './usage.ts';

export const REPLAY_USAGE = 'usage: l4check replay FILE [--allocator SUBMISSION|impl|model] [--time-limit S]\n       l4check replay T0.rep T1.rep... --allocator SUBMISSION [--time-limit S]   (threads at once)';


/** Errors of reading a file are usage errors: the file is what the user named. */
function reading<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    throw new Usage_error((e as Error).message);
  }
}

/** A world or allocator counterexample, model against impl. */
function replay_fuzzed(file: string, c: Counterexample, p: Exclude<Saved_program, { kind: 'grade' }>): number {
  const armed = p.planted === undefined ? '' : `, planted bug ${p.planted} armed`;
  console.log(`// ${file}: ${p.kind} program${armed}; found ${c.found} from seed ${c.seed}`);
  const r = reading(() => replay_program(p));
  const last = r.transcript.length - 1;
  r.transcript.forEach((line, i) => console.log(i === last && r.failure !== undefined ? `> ${line}    <- fails here` : `  ${line}`));
  if (r.failure === undefined) {
    console.log(`ok: ${r.transcript.length} calls; it no longer fails (found as: ${c.failure.split('\n')[0]})`);
    return 0;
  }
  console.log(`fail: ${r.failure}`);
  if (r.failure.split('\n')[0] !== c.failure.split('\n')[0]) console.log(`(found as: ${c.failure.split('\n')[0]})`);
  return 1;
}

export async function replay(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { allocator: { type: 'string' }, 'time-limit': { type: 'string' } },
  });
  if (positionals.length === 0) throw new Usage_error('name a counterexample file (or one .rep file a thread)');
  const file = positionals[0]!;
  const limit = Number(values['time-limit'] ?? 60);
  if (!(limit > 0)) throw new Usage_error(`--time-limit ${values['time-limit']}: want a positive number`);
  if (positionals.length > 1) return replay_threads(positionals, (f) => reading(() => read_trace(f)), values.allocator, limit);
  let program: Program;
  let allocator = values.allocator;
  if (extname(file) === '.json') {
    const c = reading(() => read_counterexample(file));
    if (c.program.kind !== 'grade') {
      if (allocator !== undefined) throw new Usage_error(`${file}: a ${c.program.kind} counterexample runs model against impl; --allocator does not apply`);
      return replay_fuzzed(file, c, c.program);
    }
    const trace = c.program.trace;
    program = reading(() => parse_trace(trace, file));
    allocator ??= c.program.submission;
  } else if (extname(file) === '.rep') {
    program = reading(() => read_trace(file));
  } else throw new Usage_error(`${file}: not a counterexample file (.json from npm run fuzz, .rep from l4check grade)`);
  if (allocator === undefined) throw new Usage_error('--allocator is required for a trace');
  program = with_teardown(program);
  const opened = await open_runner(allocator);
  if (!('runner' in opened)) {
    console.log(`${opened.kind}: ${opened.message}`);
    return 1;
  }
  try {
    const out = await opened.runner.checked(program, { cpu_s: limit }, { results: true });
    const upto = out.kind === 'ok' ? program.ops.length - 1 : out.op;
    for (const line of transcript(program.ops, out.results ?? [], upto)) console.log(line);
    const printed = opened.runner.output();
    if (printed !== '') console.log(`// the allocator printed:\n${printed.trimEnd()}`);
    if (out.kind === 'ok') {
      console.log(`ok: ${program.ops.length} ops, utilization ${out.util.toFixed(3)}`);
      return 0;
    }
    console.log(`${out.kind === 'fail' ? `fail (${out.check})` : out.kind}: ${out.message}`);
    return 1;
  } finally {
    await opened.runner.close();
  }
}
