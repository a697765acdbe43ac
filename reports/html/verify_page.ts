/**
 * `l4check verify`: one row per property, then every counterexample found (a
 * failure, or the refutation a property must have) as the short program
 * describe_counterexample prints, with the command that replays it apart.
 */
import { type Check_result, call_count, describe_counterexample } from '../../properties/run_check.ts';
import type { Verify_report } from '../report.ts';
import { code_block, replay_block } from './code_block.ts';
import { esc } from './escape.ts';
import { first_line } from './format.ts';
import { page_header } from './header.ts';
import { type Cell, num_cell, summary_table, text_cell } from './table.ts';

const COLUMNS = [{ name: 'property' }, { name: 'must' }, { name: 'result' }, { name: 'runs', num: true }, { name: 'commands', num: true }, { name: 'ms', num: true }, { name: 'counterexample' }] as const;

const REPLAY = '  replay: ';

function verdict(r: Check_result): string {
  return r.ok ? 'ok' : 'failed';
}

function row(r: Check_result, i: number): Cell[] {
  const c = r.counterexample;
  return [
    { html: c === undefined ? esc(r.name) : `<a href="#c-${i}">${esc(r.name)}</a>`, sort: r.name },
    text_cell(r.expect === 'holds' ? 'hold' : 'be refuted'),
    text_cell(verdict(r), `verdict v-${verdict(r)}`),
    num_cell(r.runs, 0),
    num_cell(r.commands, 0),
    num_cell(r.ms, 0),
    text_cell(c === undefined ? '' : `${call_count(c.program)} calls: ${first_line(c.error)}`, 'why'),
  ];
}

/** describe_counterexample's text, its last line (the replay command) apart. */
function counterexample(r: Check_result, i: number): string {
  const lines = describe_counterexample(r).split('\n');
  const last = lines[lines.length - 1] ?? '';
  const replay = last.startsWith(REPLAY) ? last.slice(REPLAY.length) : undefined;
  const program = replay === undefined ? lines : lines.slice(0, -1);
  const why = r.ok ? 'refuted, as it must be' : r.expect === 'holds' ? 'failed: it must hold' : 'failed';
  return [
    `<article class="${r.ok ? 'refutation' : 'failure'}" id="c-${i}"><h3>${esc(r.name)} <span class="verdict v-${verdict(r)}">${esc(why)}</span></h3>`,
    code_block(program.join('\n')),
    replay === undefined ? '' : replay_block(replay),
    '</article>',
  ].join('\n');
}

export function verify_page(report: Verify_report): string {
  const p = report.properties;
  const failed = p.filter((r) => !r.ok).length;
  const found = p.flatMap((r, i) => (r.counterexample === undefined ? [] : [{ r, i }]));
  found.sort((a, b) => Number(a.r.ok) - Number(b.r.ok));
  return [
    page_header('verify', `${p.length} properties, seed ${report.seed}.`, [
      ['properties', `${p.length}`],
      ['ok', `${p.length - failed}`],
      ['failed', `${failed}`],
      ['runs', `${p.reduce((s, r) => s + r.runs, 0)}`],
      ['commands', `${p.reduce((s, r) => s + r.commands, 0)}`],
    ]),
    '<h2>Properties</h2>',
    summary_table(COLUMNS, p.map(row)),
    found.length === 0 ? '' : '<h2>Counterexamples</h2><p class="muted">Failures first, then the refutations the harness must find. Each is the shrunk program, one call a line.</p>',
    ...found.map(({ r, i }) => counterexample(r, i)),
  ].join('\n');
}
