/**
 * Where a command's reports go, from its `--report FORMAT` (repeatable) and
 * `--out PATH`:
 *   - terminal (and autolab, whose result is the last line of stdout) go to stdout;
 *   - with one file format and --out, PATH is the file; with several, PATH is a
 *     folder and each format writes its own file name into it;
 *   - without --out, files go into the command's folder (reports/<command>/).
 * Files are rewritten whole each time a command has more to show (after each
 * trace or submission); stdout is written once, at the end.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { Usage_error } from '../cli/usage.ts';
import type { Report, Report_format, Reporter } from './report.ts';
import { REPORTERS } from './reporters.ts';

export interface Output {
  readonly reporter: Reporter;
  /** The file it writes; undefined: stdout. */
  readonly file?: string;
}

const STDOUT_FORMATS: readonly Report_format[] = ['terminal', 'autolab'];

/** The outputs of `command`; `formats` as given (none: `defaults`). A usage error names what is wrong. */
export function outputs(command: Report['command'], formats: readonly string[] | undefined, out: string | undefined, defaults: readonly Report_format[]): Output[] {
  const asked = [...new Set(formats ?? defaults)];
  const reporters = asked.map((f) => {
    const r = REPORTERS.find((x) => x.format === f);
    if (r === undefined) throw new Usage_error(`--report ${f}: want one of ${REPORTERS.map((x) => x.format).join(', ')}`);
    if (!r.commands.includes(command)) throw new Usage_error(`--report ${f} is for ${r.commands.join(', ')}, not ${command}`);
    return r;
  });
  const to_files = reporters.filter((r) => !STDOUT_FORMATS.includes(r.format) || (r.format === 'autolab' && out !== undefined));
  const one_file = to_files.length === 1 && out !== undefined && !out.endsWith('/') && !(existsSync(out) && statSync(out).isDirectory());
  const folder = out ?? join('reports', command);
  return reporters.flatMap((reporter): Output[] => {
    const stdout: Output[] = STDOUT_FORMATS.includes(reporter.format) ? [{ reporter }] : [];
    if (!to_files.includes(reporter)) return stdout;
    return [...stdout, { reporter, file: one_file ? out! : join(folder, reporter.file_name) }];
  });
}

/**
 * The folder a command keeps its other files in (grade's counterexamples and
 * stored results): the folder its reports go into, or, for a report file
 * named by hand, a folder beside it named after it (reports/class.html:
 * reports/class/).
 */
export function work_folder(command: Report['command'], outs: readonly Output[]): string {
  const files = outs.filter((o) => o.file !== undefined);
  const file = files[0]?.file;
  if (file === undefined) return join('reports', command);
  const into_folder = files.every((o) => basename(o.file!) === o.reporter.file_name);
  return into_folder ? dirname(file) : join(dirname(file), basename(file, extname(file)));
}

/** Rewrite every output file with the report as it stands. */
export function write_files(outs: readonly Output[], report: Report): void {
  for (const o of outs) {
    if (o.file === undefined) continue;
    mkdirSync(dirname(o.file), { recursive: true });
    writeFileSync(o.file, o.reporter.render(report));
  }
}

/** The files a last time, where they went (on stderr), then the stdout outputs: autolab's line must be stdout's last. */
export function write_all(outs: readonly Output[], report: Report): void {
  write_files(outs, report);
  const files = outs.flatMap((o) => (o.file === undefined ? [] : [o.file]));
  if (files.length > 0) process.stderr.write(`reports: ${files.join(', ')}\n`);
  for (const o of outs) if (o.file === undefined) process.stdout.write(o.reporter.render(report));
}
