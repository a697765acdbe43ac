/**
 * The JSON reporter: the command's report as it is, with the schema's version
 * (docs/REPORTS.md). Grade results drop what is only the grader's own
 * bookkeeping (`hash`).
 */
import { REPORT_VERSION, type Report, type Reporter } from './report.ts';

function data(report: Report): object {
  if (report.command !== 'grade') return report;
  return { ...report, submissions: report.submissions.map(({ hash: _hash, ...rest }) => rest) };
}

export const json: Reporter = {
  format: 'json',
  file_name: 'report.json',
  commands: ['verify', 'traces', 'grade', 'fuzz'],
  render: (report) => `${JSON.stringify({ l4check: 'report', version: REPORT_VERSION, ...data(report) }, null, 2)}\n`,
};
