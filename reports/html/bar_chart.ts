/**
 * Per-trace bars as inline SVG, drawn here by hand rather than by a charting
 * library or a script: the report stays one small file with nothing to load,
 * it shows its charts with scripts off, and no library version can change
 * what a grade looks like. One row per trace, its label once, then one panel
 * per measure (utilization, throughput) side by side.
 *
 * A panel's axis runs 0 → `max`; a value above `max` is drawn to the end with
 * a ▸ and its exact value is in the row's tooltip. A grading ramp is a shaded
 * band from `lo` (no points) to `hi` (full points) with dashed edges, and a bar
 * is red below the band, amber in it, green above it.
 */
import type { Ramp } from '../../grader/score.ts';
import { esc } from './escape.ts';
import { px, short_name } from './format.ts';

export interface Panel {
  readonly title: string;
  readonly max: number;
  readonly ramp?: Ramp;
  /** The whole run's value (a mean, a total ratio), drawn as a solid line. */
  readonly overall?: number;
  readonly format: (n: number) => string;
}

export interface Bar_row {
  /** A trace's path; shown short, in full in the tooltip. */
  readonly file: string;
  /** One value per panel; undefined draws no bar (`note` says why). */
  readonly values: readonly (number | undefined)[];
  readonly note?: string;
  /** More for the tooltip (its weight, its ops). */
  readonly tip?: string;
}

const LABEL_W = 150;
const PANEL_W = 210;
const GAP = 34;
const ROW = 12;
const BAR = 8;
const TOP = 34;
const BOTTOM = 18;
const LABEL_CHARS = 26;

function label(file: string): string {
  const s = short_name(file);
  return s.length > LABEL_CHARS ? `${s.slice(0, LABEL_CHARS - 1)}…` : s;
}

function bar_class(v: number, p: Panel): string {
  if (p.ramp === undefined) return 'plain';
  return v < p.ramp.lo ? 'bad' : v < p.ramp.hi ? 'mid-bar' : 'good';
}

function panel(p: Panel, i: number, rows: readonly Bar_row[]): string {
  const x0 = LABEL_W + i * (PANEL_W + GAP);
  const x = (v: number) => px(x0 + (Math.max(0, Math.min(v, p.max)) / p.max) * PANEL_W);
  const bottom = TOP + rows.length * ROW;
  const out: string[] = [];
  const overall = p.overall === undefined || !Number.isFinite(p.overall) ? '' : ` · overall ${p.format(p.overall)}`;
  out.push(`<text class="title" x="${x0}" y="11">${esc(p.title + overall)}</text>`);
  // Under the bars: the band and the grid; over them: the band's edges, the overall line, the axis.
  const edges = p.ramp === undefined ? [] : ([p.ramp.lo, p.ramp.hi] as const);
  if (p.ramp !== undefined) {
    const [a, b] = [x(p.ramp.lo), x(p.ramp.hi)];
    out.push(`<rect class="band" x="${a}" y="${TOP - 2}" width="${px(b - a)}" height="${bottom - TOP + 2}"/>`);
  }
  for (const t of [0, p.max / 2, p.max]) {
    out.push(`<line class="grid" x1="${x(t)}" x2="${x(t)}" y1="${TOP - 4}" y2="${bottom}"/>`);
    out.push(`<text class="mid" x="${x(t)}" y="${TOP - 7}">${esc(p.format(t))}</text>`);
  }
  const bars = new Map<string, string>();
  rows.forEach((r, k) => {
    const y = TOP + k * ROW + (ROW - BAR) / 2;
    const v = r.values[i];
    if (v === undefined || !Number.isFinite(v)) {
      if (r.note !== undefined) out.push(`<text class="note" x="${x0 + 3}" y="${y + BAR - 1}">${esc(r.note)}</text>`);
      return;
    }
    const cls = bar_class(v, p);
    bars.set(cls, `${bars.get(cls) ?? ''}M${x0} ${y + BAR / 2}h${px(x(v) - x0)}`);
    if (v > p.max) out.push(`<text x="${x(p.max) + 1}" y="${y + BAR}">▸</text>`);
  });
  // A bar is a stroke as thick as BAR: one path per colour, some 15 bytes a bar.
  for (const [cls, d] of bars) out.push(`<path class="bar ${cls}" stroke-width="${BAR}" d="${d}"/>`);
  for (const v of edges) {
    out.push(`<line class="edge" x1="${x(v)}" x2="${x(v)}" y1="${TOP - 2}" y2="${bottom}"/>`);
    out.push(`<text class="mid" x="${x(v)}" y="${bottom + 12}">${esc(p.format(v))}</text>`);
  }
  if (p.overall !== undefined && Number.isFinite(p.overall)) {
    out.push(`<line class="overall" x1="${x(p.overall)}" x2="${x(p.overall)}" y1="${TOP - 4}" y2="${bottom + 2}"/>`);
  }
  out.push(`<line class="axis" x1="${x0}" x2="${x0}" y1="${TOP - 4}" y2="${bottom}"/>`);
  return out.join('');
}

/**
 * The chart; `title` names it for screen readers. Each row's label and a
 * transparent strip over its whole width come last, on top, so hovering
 * anywhere on a row shows its tooltip.
 */
export function bar_chart(title: string, panels: readonly Panel[], rows: readonly Bar_row[]): string {
  const w = LABEL_W + panels.length * (PANEL_W + GAP);
  const h = TOP + rows.length * ROW + BOTTOM;
  const labels = rows.map((r, k) => {
    const value = (p: Panel, v: number | undefined) => (v !== undefined && Number.isFinite(v) ? p.format(v) : (r.note ?? '—'));
    const tip = [r.file, ...panels.map((p, i) => `${p.title} ${value(p, r.values[i])}`), r.tip ?? ''];
    const y = TOP + k * ROW + ROW / 2 + 3.5;
    return `<g><title>${esc(tip.filter((s) => s !== '').join('\n'))}</title><rect class="hit" y="${TOP + k * ROW}" width="${w}" height="${ROW}"/><text class="end" x="${LABEL_W - 6}" y="${y}">${esc(label(r.file))}</text></g>`;
  });
  return [
    `<svg class="bars" role="img" aria-label="${esc(title)}" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">`,
    `<title>${esc(title)}</title>`,
    panels.map((p, i) => panel(p, i, rows)).join(''),
    labels.join(''),
    '</svg>',
  ].join('\n');
}
