/** `npm run fuzz`: one row per finding (a distinct failure), then each one's shrunk program and the command that replays its file. */
import { call_count } from '../../properties/run_check.ts';
import type { Fuzz_finding, Fuzz_report } from '../report.ts';
import { code_block, replay_block } from './code_block.ts';
import { esc } from './escape.ts';
import { first_line } from './format.ts';
import { page_header } from './header.ts';
import { type Cell, num_cell, summary_table, text_cell } from './table.ts';

const COLUMNS = [{ name: 'signature' }, { name: 'times', num: true }, { name: 'calls', num: true }, { name: 'file' }, { name: 'failure' }] as const;

function row(f: Fuzz_finding, i: number): Cell[] {
  return [
    { html: `<a href="#f-${i}">${esc(f.signature)}</a>`, sort: f.signature },
    num_cell(f.times, 0),
    num_cell(call_count(f.transcript), 0),
    text_cell(f.file, 'file'),
    text_cell(first_line(f.failure), 'why'),
  ];
}

function finding(f: Fuzz_finding, i: number): string {
  return [
    `<article class="failure" id="f-${i}"><h3>${esc(f.signature)} <span class="muted">— found ${f.times} time${f.times === 1 ? '' : 's'}</span></h3>`,
    code_block([f.failure, ...f.transcript.map((l) => `  ${l}`)].join('\n')),
    replay_block(`l4check replay ${f.file}`),
    '</article>',
  ].join('\n');
}

export function fuzz_page(report: Fuzz_report): string {
  const f = report.findings;
  return [
    page_header('fuzz', `Target ${report.target}, seed ${report.seed}, ${report.seconds} s.`, [
      ['findings', `${f.length}`],
      ['runs', `${report.runs}`],
      ['commands', `${report.commands}`],
      ['seconds', `${report.seconds}`],
    ]),
    '<h2>Findings</h2>',
    f.length === 0 ? '<p>Nothing found.</p>' : summary_table(COLUMNS, f.map(row)),
    ...f.map(finding),
  ].join('\n');
}
