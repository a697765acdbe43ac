/**
 * The HTML reporter: one self-contained page per report that opens offline.
 * Nothing is fetched (no scripts, fonts, images or styles from anywhere), the
 * charts are inline SVG drawn at render time, and one small inline script
 * sorts and filters the summary table and runs the copy buttons; the page's
 * parts are in reports/html/. Every string from the data is escaped.
 */
import { html_document } from './html/document.ts';
import { fuzz_page } from './html/fuzz_page.ts';
import { grade_page } from './html/grade_page.ts';
import { traces_page } from './html/traces_page.ts';
import { verify_page } from './html/verify_page.ts';
import type { Report, Reporter } from './report.ts';

/** The browser tab's title: the command and what it ran on. */
function title(report: Report): string {
  switch (report.command) {
    case 'verify':
      return `l4check verify: ${report.properties.length} properties`;
    case 'traces':
      return `l4check traces: ${report.allocator}`;
    case 'grade':
      return `l4check grade: ${report.submissions.length} submissions`;
    case 'fuzz':
      return `l4check fuzz: ${report.target}`;
  }
}

function body(report: Report): string {
  switch (report.command) {
    case 'verify':
      return verify_page(report);
    case 'traces':
      return traces_page(report);
    case 'grade':
      return grade_page(report);
    case 'fuzz':
      return fuzz_page(report);
  }
}

export const html: Reporter = {
  format: 'html',
  file_name: 'report.html',
  commands: ['verify', 'traces', 'grade', 'fuzz'],
  render: (report) => html_document(title(report), `<main>\n${body(report)}\n</main>`),
};
