/**
 * The `l4check` command.
 *
 *   l4check verify [--seed N] [--runs N] [--only TEXT] [--path P]
 *   l4check traces [--allocator impl|model|FILE] [--traces PATH]... [--json FILE]
 *   l4check grade PATH... [--traces PATH]... [--json FILE] [--csv FILE] [--jobs N] [--time-limit S] [--heap-limit SIZE] [--throughput time|instructions] [--runs N] [--threads N]
 *   l4check replay FILE... [--allocator SUBMISSION|impl|model] [--time-limit S]
 *   l4check help
 *
 * Exit codes: 0 success, 1 a property, check or trace failed, 2 a usage error.
 */
import { GRADE_USAGE, grade } from './grade.ts';
import { REPLAY_USAGE, replay } from './replay.ts';
import { TRACES_USAGE, traces } from './traces.ts';
import { Usage_error } from './usage.ts';
import { VERIFY_USAGE, verify } from './verify.ts';

interface Command {
  readonly run: (args: string[]) => number | Promise<number>;
  readonly usage: string;
  readonly summary: string;
}

const COMMANDS: Readonly<Record<string, Command>> = {
  verify: { run: verify, usage: VERIFY_USAGE, summary: 'run every property with a fixed seed and print the table' },
  traces: { run: traces, usage: TRACES_USAGE, summary: 'replay malloc-lab traces with every check; utilization and ops/s' },
  grade: { run: grade, usage: GRADE_USAGE, summary: 'grade student allocators: properties, traces, robustness, score' },
  replay: { run: replay, usage: REPLAY_USAGE, summary: 'replay a counterexample file against an allocator, one line per op' },
};

const USAGE = `usage: l4check COMMAND [OPTIONS]

commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`)
  .join('\n')}
  help     show this text`;

/** parseArgs reports a bad flag as a TypeError with an ERR_PARSE_ARGS_* code. */
function is_usage_error(e: unknown): e is Error {
  return e instanceof Usage_error || (e instanceof TypeError && String((e as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS'));
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === 'help' || name === '--help' || name === '-h') {
    console.log(USAGE);
    return 0;
  }
  const command = name === undefined ? undefined : COMMANDS[name];
  if (command === undefined) {
    console.error(`l4check: ${name === undefined ? 'name a command' : `unknown command ${JSON.stringify(name)}`}\n${USAGE}`);
    return 2;
  }
  try {
    return await command.run(args);
  } catch (e) {
    if (!is_usage_error(e)) throw e;
    console.error(`l4check ${name}: ${e.message}\n${command.usage}`);
    return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
