/**
 * The summary table: one row per item (property, trace, submission,
 * finding), sortable by any column and filtered by a text box (script.ts).
 * A cell's `data-v` is what it sorts by: the exact number behind a rounded
 * one, '' where there is none (such rows sort last).
 */
import { esc } from './escape.ts';
import { fixed } from './format.ts';

export interface Column {
  readonly name: string;
  /** Sorted as numbers, and aligned right unless `left`. */
  readonly num?: boolean;
  readonly left?: boolean;
}

export interface Cell {
  /** Markup, already escaped. */
  readonly html: string;
  readonly sort?: number | string;
  readonly cls?: string;
}

export function text_cell(s: string, cls?: string): Cell {
  return cls === undefined ? { html: esc(s) } : { html: esc(s), cls };
}

/** A number shown with `digits` decimals (and `suffix`), sorted by its exact value; undefined shows '—'. */
export function num_cell(n: number | undefined, digits: number, suffix = ''): Cell {
  const ok = n !== undefined && Number.isFinite(n);
  return { html: ok ? `${fixed(n, digits)}${esc(suffix)}` : '—', sort: ok ? n : '', cls: 'num' };
}

const ID = 'summary';

function td(c: Cell): string {
  const v = c.sort === undefined ? '' : ` data-v="${esc(String(c.sort))}"`;
  return `<td${c.cls === undefined ? '' : ` class="${c.cls}"`}${v}>${c.html}</td>`;
}

export function summary_table(columns: readonly Column[], rows: readonly (readonly Cell[])[]): string {
  const head = columns.map((c) => `<th scope="col"${c.num === true ? ` data-sort="num"${c.left === true ? '' : ' class="num"'}` : ''}>${esc(c.name)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map(td).join('')}</tr>`).join('\n');
  return [
    `<input class="filter" type="search" placeholder="filter rows: type any text in a row" aria-label="filter the table" data-table="${ID}" hidden>`,
    ` <span class="muted" id="${ID}-count"></span>`,
    `<table class="sortable" id="${ID}"><thead><tr>${head}</tr></thead>`,
    `<tbody>\n${body}\n</tbody></table>`,
  ].join('\n');
}
