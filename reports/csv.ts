/** The gradebook: one CSV row per submission (grade only). */
import type { Submission_result } from '../grader/grade.ts';
import type { Reporter } from './report.ts';

export const CSV_HEADER = 'file,kind,verdict,score,util,ops_per_sec,robustness';

function csv_cell(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Robustness as `double_free=detected;invalid_free=undetected`, empty if not probed. */
function robustness_cell(r: Submission_result): string {
  if (r.robustness === undefined) return '';
  return `double_free=${r.robustness.double_free};invalid_free=${r.robustness.invalid_free}`;
}

export const csv: Reporter = {
  format: 'csv',
  file_name: 'grades.csv',
  commands: ['grade'],
  render(report) {
    if (report.command !== 'grade') throw new Error(`csv.render: a ${report.command} report has no gradebook`);
    const rows = report.submissions.map((r) =>
      [r.file, r.kind, r.verdict, r.score.toFixed(1), r.util.toFixed(3), Math.round(r.ops_per_sec).toString(), robustness_cell(r)].map(csv_cell).join(','),
    );
    return `${[CSV_HEADER, ...rows].join('\n')}\n`;
  },
};
