/**
 * `l4check traces`: one row per trace, the per-trace utilization (against the
 * grading ramp) and throughput in ops/s (no reference here, so no ramp), each
 * failed trace's error with the command that replays it, and the heap
 * pictures of the traces that have them.
 */
import type { Trace_result } from '../../properties/trace/run_trace.ts';
import { UTIL_RAMP } from '../../grader/score.ts';
import type { Traces_report } from '../report.ts';
import { bar_chart } from './bar_chart.ts';
import { code_block, replay_block } from './code_block.ts';
import { esc } from './escape.ts';
import { compact, fixed, nice_ceiling } from './format.ts';
import { page_header } from './header.ts';
import { picture_section } from './picture.ts';
import { type Cell, num_cell, summary_table, text_cell } from './table.ts';

const COLUMNS = [{ name: 'trace' }, { name: 'weight', num: true }, { name: 'result' }, { name: 'util', num: true }, { name: 'ops/s', num: true }, { name: 'ops', num: true }, { name: 'note' }] as const;

function result(t: Trace_result): 'skipped' | 'failed' | 'ok' {
  return t.skipped !== undefined ? 'skipped' : t.ok ? 'ok' : 'failed';
}

/** Only a trace that replayed has a utilization and a speed. */
function measured(t: Trace_result): boolean {
  return result(t) === 'ok';
}

function row(t: Trace_result): Cell[] {
  const r = result(t);
  const note = t.skipped ?? t.error ?? (t.warnings ?? []).join('; ');
  return [
    { ...text_cell(t.file, 'file'), sort: t.file },
    num_cell(t.weight, 0),
    text_cell(r, `verdict v-${r}`),
    num_cell(measured(t) ? t.util : undefined, 3),
    { ...num_cell(measured(t) ? t.ops_per_sec : undefined, 0), html: measured(t) ? esc(compact(t.ops_per_sec)) : '—' },
    num_cell(t.ops, 0),
    text_cell(note, 'why'),
  ];
}

export function traces_page(report: Traces_report): string {
  const { traces, summary: s } = report;
  const top = traces.reduce((m, t) => Math.max(m, measured(t) ? t.ops_per_sec : 0), 0);
  const chart = bar_chart(
    `per-trace utilization and throughput of ${report.allocator}`,
    [
      { title: 'utilization', max: 1, ramp: UTIL_RAMP, overall: s.avg_util, format: (n) => n.toFixed(2) },
      { title: 'throughput (ops/s)', max: nice_ceiling(top), overall: s.ops_per_sec, format: compact },
    ],
    traces.map((t) => ({ file: t.file, values: measured(t) ? [t.util, t.ops_per_sec] : [undefined, undefined], note: result(t), tip: `weight ${t.weight ?? '—'}, ${t.ops} ops` })),
  );
  const failed = traces.filter((t) => result(t) === 'failed');
  const pictures = traces.flatMap((t) => (t.picture === undefined ? [] : [picture_section(t.picture, t.file)]));
  return [
    page_header('traces', `Allocator ${report.allocator} on ${traces.length} malloc-lab trace${traces.length === 1 ? '' : 's'}.`, [
      ['ok', `${s.ok}`],
      ['failed', `${s.failed}`],
      ['skipped', `${s.skipped}`],
      ['mean util', fixed(s.avg_util, 3)],
      ['ops/s', compact(s.ops_per_sec)],
    ]),
    '<h2>Traces</h2>',
    summary_table(COLUMNS, traces.map(row)),
    '<h2>Utilization and throughput</h2>',
    `<figure>${chart}<figcaption>Band: the grading ramp of utilization (${UTIL_RAMP.lo}→${UTIL_RAMP.hi}). Throughput is ops/s of a check-free replay; there is no reference to ramp against here. Solid line: the mean utilization, and all ops over all replay time. Hover a row for its numbers.</figcaption></figure>`,
    ...(failed.length === 0 ? [] : ['<h2>Failures</h2>']),
    ...failed.map((t) => `<article class="failure"><h3>${esc(t.file)}</h3>${code_block(t.error ?? '', 'message')}${replay_block(`l4check traces --allocator ${report.allocator} --traces ${t.file}`)}</article>`),
    ...(pictures.length === 0 ? [] : ['<h2>Heap pictures</h2>', ...pictures]),
  ].join('\n');
}
