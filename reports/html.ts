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
import { EVERY_COMMAND, type Per_command, type Reporter, per_command } from './report.ts';

/** The browser tab's title: the command and what it ran on. */
const TITLE: Per_command<string> = {
  verify: (r) => `l4check verify: ${r.properties.length} properties`,
  traces: (r) => `l4check traces: ${r.allocator}`,
  grade: (r) => `l4check grade: ${r.submissions.length} submissions`,
  fuzz: (r) => `l4check fuzz: ${r.target}`,
};

const BODY: Per_command<string> = { verify: verify_page, traces: traces_page, grade: grade_page, fuzz: fuzz_page };

export const html: Reporter = {
  format: 'html',
  file_name: 'report.html',
  commands: EVERY_COMMAND,
  render: (report) => html_document(per_command(TITLE, report), `<main>\n${per_command(BODY, report)}\n</main>`),
};
