/**
 * `l4check grade`: one row per submission, then each submission's part: its
 * numbers (and, graded with --threads, how the thread-safety check went), its
 * per-trace utilization and throughput (as the ratio to the reference, each
 * against its grading ramp), its heap pictures, its failures with their
 * shrunk programs (a thread-safety failure's, each thread's under its own
 * `// thread t` line) and replay commands, what it printed. Row i links to part `s-i`.
 */
import type { Submission_result } from '../../grader/grade.ts';
import type { Thread_safety } from '../../grader/thread_suite.ts';
import { call_count } from '../../properties/run_check.ts';
import { THROUGHPUT_RAMP, UTIL_RAMP, counts_for_throughput, counts_for_util } from '../../grader/score.ts';
import type { Grade_report } from '../report.ts';
import { type Bar_row, bar_chart } from './bar_chart.ts';
import { code_block, replay_block } from './code_block.ts';
import { esc } from './escape.ts';
import { bytes, compact, first_line, fixed, nice_ceiling } from './format.ts';
import { page_header } from './header.ts';
import { picture_section } from './picture.ts';
import { type Cell, num_cell, summary_table, text_cell } from './table.ts';

const COLUMNS = [
  { name: 'file' },
  { name: 'kind' },
  { name: 'verdict' },
  { name: 'util', num: true },
  { name: 'throughput', num: true },
  { name: 'score', num: true },
  { name: 'robustness', num: true, left: true },
  { name: 'first failure' },
] as const;

const ratio = (n: number) => `${n.toFixed(2)}×`;

function speed(r: Submission_result): string {
  return r.instructions_per_op === undefined ? `${compact(r.ops_per_sec)} ops/s` : `${fixed(r.instructions_per_op, 1)} instructions/op`;
}

/** Sorted by how many misuses it detected (0–2). */
function robustness_cell(r: Submission_result): Cell {
  if (r.robustness === undefined) return { html: '—', sort: '', cls: 'num' };
  const line = (what: string, d: string) => `<span class="robust r-${esc(d)}">${what}: ${esc(d)}</span>`;
  const { double_free, invalid_free } = r.robustness;
  return {
    html: `${line('double free', double_free)}<br>${line('invalid free', invalid_free)}`,
    sort: [double_free, invalid_free].filter((d) => d === 'detected').length,
  };
}

function row(r: Submission_result, i: number): Cell[] {
  const f = r.failures[0];
  const thr = num_cell(r.throughput, 2, '×');
  return [
    { html: `<a href="#s-${i}">${esc(r.file)}</a>`, sort: r.file, cls: 'file' },
    text_cell(r.kind),
    text_cell(r.verdict, `verdict v-${r.verdict}`),
    r.verdict === 'pass' ? num_cell(r.util, 3) : { ...num_cell(r.util, 3), cls: 'num muted' },
    r.throughput === undefined ? thr : { ...thr, html: `<span title="${esc(speed(r))}">${thr.html}</span>` },
    num_cell(r.score, 1),
    robustness_cell(r),
    text_cell(f === undefined ? '' : `${f.check}: ${first_line(f.message)}`, 'why'),
  ];
}

function trace_chart(r: Submission_result): string {
  const traces = r.traces ?? [];
  if (traces.length === 0) return '';
  const rows: Bar_row[] = traces.map((t) => {
    const timed = counts_for_throughput(t.weight) && t.cost > 0 && t.reference_cost > 0;
    const note = !counts_for_util(t.weight) ? `weight ${t.weight}: throughput only` : !counts_for_throughput(t.weight) ? `weight ${t.weight}: utilization only` : 'not timed';
    return { file: t.file, values: [counts_for_util(t.weight) ? t.util : undefined, timed ? t.reference_cost / t.cost : undefined], note, tip: `weight ${t.weight}, ${t.ops} ops` };
  });
  const top = rows.reduce((m, x) => Math.max(m, x.values[1] ?? 0), 0);
  return bar_chart(`per-trace utilization and throughput of ${r.file}`, [
    { title: 'utilization', max: 1, ramp: UTIL_RAMP, overall: r.util, format: (n) => n.toFixed(2) },
    { title: 'throughput ÷ reference', max: Math.min(2, Math.max(1, nice_ceiling(top))), ramp: THROUGHPUT_RAMP, ...(r.throughput === undefined ? {} : { overall: r.throughput }), format: ratio },
  ], rows);
}

/** `thread-safety pass: 4 threads, 20 rounds of 2000 calls each` */
function thread_fact(t: Thread_safety): string {
  if (t.outcome === 'not run') return `thread-safety not run (--threads ${t.threads}): an earlier check failed`;
  return `thread-safety ${t.outcome}: ${t.threads} threads, ${t.outcome === 'pass' ? `${t.rounds} rounds` : `round ${t.rounds}`} of ${t.ops_per_thread} calls each`;
}

function part(r: Submission_result, i: number): string {
  const chart = trace_chart(r);
  const facts = [`kind ${r.kind}`, `util ${fixed(r.util, 3)}${r.verdict === 'pass' ? '' : ' (on the traces it passed)'}`, `throughput ${r.throughput === undefined ? '—' : `${ratio(r.throughput)} of the reference's (${speed(r)})`}`, `score ${fixed(r.score, 1)}`];
  if (r.robustness !== undefined) facts.push(`double free ${r.robustness.double_free}, invalid free ${r.robustness.invalid_free}`);
  if (r.threads !== undefined) facts.push(thread_fact(r.threads));
  const refused = (r.refused ?? []).map((x) => `<li>${esc(x.trace)}: ${x.requests} requests refused, the largest ${esc(bytes(x.largest))}</li>`);
  const failures = r.failures.map((f) =>
    [
      `<article class="failure"><h3>${esc(f.check)} <span class="muted">— ${esc(f.where)}</span></h3>`,
      code_block(f.message, 'message'),
      f.program === undefined ? '' : `<p class="muted">The shrunk counterexample, ${call_count(f.program)} calls:</p>${code_block(f.program.join('\n'))}`,
      f.replay === undefined ? '' : replay_block(f.replay),
      '</article>',
    ].join(''),
  );
  return [
    `<section class="item" id="s-${i}">`,
    `<h2>${esc(r.file)} <span class="verdict v-${esc(r.verdict)}">${esc(r.verdict)}</span></h2>`,
    `<p>${esc(facts.join(' · '))}</p>`,
    chart === '' ? '' : `<figure>${chart}<figcaption>Bands: the grading ramps (utilization ${UTIL_RAMP.lo}→${UTIL_RAMP.hi}, throughput ${THROUGHPUT_RAMP.lo}→${THROUGHPUT_RAMP.hi} of the reference's), no points below a band, full points above it. Solid line: the submission's overall value. Hover a row for its numbers.</figcaption></figure>`,
    refused.length === 0 ? '' : `<p>The environment had no room for some requests (null answered, allowed):</p><ul>${refused.join('')}</ul>`,
    r.picture === undefined ? '' : picture_section(r.picture, r.picture.trace),
    ...failures,
    r.output === undefined ? '' : `<details><summary>What it printed (${esc(bytes(r.output.length))})</summary><pre>${esc(r.output)}</pre></details>`,
    '</section>',
  ].filter((s) => s !== '').join('\n');
}

export function grade_page(report: Grade_report): string {
  const s = report.submissions;
  const by = (v: string) => s.filter((r) => r.verdict === v).length;
  const passed = s.filter((r) => r.verdict === 'pass');
  const mean = (xs: readonly number[]) => (xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length);
  const totals: [string, string][] = [['submissions', `${s.length}`], ['pass', `${passed.length}`]];
  for (const v of ['fail', 'crash', 'timeout', 'build-error']) if (by(v) > 0) totals.push([v, `${by(v)}`]);
  totals.push(['mean score', fixed(mean(s.map((r) => r.score)), 1)], ['mean util (passing)', fixed(mean(passed.map((r) => r.util)), 3)]);
  const kinds = [...new Set(s.map((r) => r.kind))].join(', ');
  return [
    page_header('grade', `${s.length} submission${s.length === 1 ? '' : 's'} graded${kinds === '' ? '' : ` (${kinds})`}.`, totals),
    '<h2>Submissions</h2>',
    summary_table(COLUMNS, s.map(row)),
    ...s.map(part),
  ].join('\n');
}
