/**
 * The JSON reporter: the command's report as it is, with the schema's version
 * (docs/REPORTS.md). Grade results drop what is only the grader's own
 * bookkeeping (`hash`). Indented for people, except arrays of plain values
 * (a footprint's samples, a program's calls), which keep to one line each.
 */
import { EVERY_COMMAND, REPORT_VERSION, type Report, type Reporter } from './report.ts';

function data(report: Report): object {
  if (report.command !== 'grade') return report;
  return { ...report, submissions: report.submissions.map(({ hash: _hash, ...rest }) => rest) };
}

function plain(v: unknown): boolean {
  return v === null || typeof v !== 'object';
}

function pretty(v: unknown, indent: string): string {
  if (plain(v) || (Array.isArray(v) && v.every(plain))) return JSON.stringify(v) ?? 'null';
  const inner = `${indent}  `;
  if (Array.isArray(v)) return v.length === 0 ? '[]' : `[\n${v.map((x) => `${inner}${pretty(x, inner)}`).join(',\n')}\n${indent}]`;
  const entries = Object.entries(v as object).filter(([, x]) => x !== undefined);
  return entries.length === 0 ? '{}' : `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${pretty(x, inner)}`).join(',\n')}\n${indent}}`;
}

export const json: Reporter = {
  format: 'json',
  file_name: 'report.json',
  commands: EVERY_COMMAND,
  render: (report) => `${pretty({ l4check: 'report', version: REPORT_VERSION, ...data(report) }, '')}\n`,
};
