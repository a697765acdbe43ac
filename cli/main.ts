/**
 * The `l4check` command.
 *
 *   l4check verify [--seed N] [--runs N] [--only TEXT] [--path P]
 *   l4check help
 *
 * Exit codes: 0 success, 1 a property or check failed, 2 a usage error.
 */
import { verify } from '../properties/verify.ts';

const USAGE = `usage: l4check COMMAND [OPTIONS]

commands:
  verify   run every property with a fixed seed and print the table
  help     show this text`;

function main(argv: string[]): number {
  const [command, ...args] = argv;
  switch (command) {
    case 'verify':
      return verify(args);
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return 0;
    case undefined:
      console.error(`l4check: name a command\n${USAGE}`);
      return 2;
    default:
      console.error(`l4check: unknown command ${JSON.stringify(command)}\n${USAGE}`);
      return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
