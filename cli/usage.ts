/** A wrong command line: the CLI prints it as one line with the command's usage and exits 2. */
export class Usage_error extends Error {
  override readonly name = 'Usage_error';
}
