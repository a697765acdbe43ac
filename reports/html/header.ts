/** The top of every page: the command, what it ran on, and its totals as big numbers. */
import { REPORT_VERSION } from '../report.ts';
import { esc } from './escape.ts';

export function page_header(command: string, what: string, totals: readonly (readonly [string, string])[]): string {
  const dl = totals.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`).join('');
  return [
    '<header>',
    `<h1>l4check ${esc(command)}</h1>`,
    `<p>${esc(what)}</p>`,
    `<dl class="totals">${dl}</dl>`,
    `<p class="muted">Report version ${REPORT_VERSION}. Click a column's header to sort by it; type in the box to keep only the rows that contain the text.</p>`,
    '</header>',
  ].join('\n');
}
