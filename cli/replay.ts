/**
 * `l4check replay FILE --allocator SUBMISSION|impl|model [--time-limit S]`: replay a
 * counterexample with every check, through the runner of the submission's kind
 * (impl and model run as TypeScript submissions). Prints one C line per op up
 * to the failing op, then the failure. Exit 0 if it passes, 1 if it fails, 2 on
 * a usage error.
 *
 * Counterexample files are read by extension (PROGRAM_READERS); `.rep` for now.
 */
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { TS_MODEL, TS_REFERENCE, open_runner } from '../grader/open_runner.ts';
import type { Program } from '../grader/runner.ts';
import { TS_DEFAULTS } from '../grader/ts_runner.ts';
import { transcript } from '../grader/transcript.ts';
import { read_trace } from '../properties/trace/read_trace.ts';
import { Usage_error } from './usage.ts';

export const REPLAY_USAGE = 'usage: l4check replay FILE --allocator SUBMISSION|impl|model [--time-limit S]';

const PROGRAM_READERS: Readonly<Record<string, (file: string) => Program>> = {
  '.rep': (file) => read_trace(file),
};

const BUILT_IN: Readonly<Record<string, string>> = { impl: TS_REFERENCE, model: TS_MODEL };

function read_program(file: string): Program {
  const read = PROGRAM_READERS[extname(file)];
  if (read === undefined) throw new Usage_error(`${file}: not a counterexample file (${Object.keys(PROGRAM_READERS).join(', ')})`);
  try {
    return read(file);
  } catch (e) {
    throw new Usage_error((e as Error).message);
  }
}

export async function replay(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { allocator: { type: 'string' }, 'time-limit': { type: 'string' } },
  });
  if (positionals.length !== 1) throw new Usage_error('name one counterexample file');
  if (values.allocator === undefined) throw new Usage_error('--allocator is required');
  const limit = Number(values['time-limit'] ?? 60);
  if (!(limit > 0)) throw new Usage_error(`--time-limit ${values['time-limit']}: want a positive number`);
  const program = read_program(positionals[0]!);
  const opened = await open_runner(BUILT_IN[values.allocator] ?? values.allocator, TS_DEFAULTS.memory_mb);
  if (!('runner' in opened)) {
    console.log(`${opened.kind}: ${opened.message}`);
    return 1;
  }
  try {
    const out = await opened.runner.checked(program, limit, { results: true });
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
