/**
 * A heap's footprint over a replay as an inline SVG line chart (hand-drawn,
 * like bar_chart.ts, for the same reasons): bytes held from the environment
 * and live payload, op by op; the area between them is what fragmentation and
 * metadata cost. The op where the heap map was taken is a dashed line.
 * Each series is drawn once, as an area whose outline is its line.
 * At most MAX_POINTS points are drawn: with more samples, each of MAX_POINTS
 * buckets keeps its sample of most bytes held, so the peak always shows.
 */
import type { Footprint } from '../../properties/trace/heap_picture.ts';
import { esc } from './escape.ts';
import { bytes, compact, nice_bytes_ceiling, px } from './format.ts';

/** The chart's width and height, and its plot's margins: left, right, top, bottom. */
const [W, H] = [520, 220];
const [L, R, T, B] = [64, 14, 14, 32];
const MAX_POINTS = 600;

/** Indexes of the samples to draw, in order: only samples whose three numbers are finite (a NaN would break the SVG). */
function kept(f: Footprint): number[] {
  const n = Math.min(f.op.length, f.live.length, f.held.length);
  const ok = [...Array(n).keys()].filter((i) => Number.isFinite(f.op[i]) && Number.isFinite(f.live[i]) && Number.isFinite(f.held[i]));
  if (ok.length <= MAX_POINTS) return ok;
  const out: number[] = [];
  for (let b = 0; b < MAX_POINTS; b++) {
    const [from, to] = [Math.floor((b * ok.length) / MAX_POINTS), Math.floor(((b + 1) * ok.length) / MAX_POINTS)];
    let best = ok[from]!;
    for (let j = from + 1; j < to; j++) if (f.held[ok[j]!]! > f.held[best]!) best = ok[j]!;
    out.push(best);
  }
  return out;
}

function points(xs: readonly number[], ys: readonly number[]): string {
  return xs.map((x, i) => `${x},${ys[i]}`).join(' ');
}

export function footprint_chart(f: Footprint, peak_op?: number): string {
  const idx = kept(f);
  if (idx.length === 0) return '<p class="muted">No footprint samples.</p>';
  const last_op = idx.reduce((m, i) => Math.max(m, f.op[i]!), Math.max(1, Number.isFinite(peak_op) ? peak_op! : 0));
  const top = nice_bytes_ceiling(idx.reduce((m, i) => Math.max(m, f.held[i]!, f.live[i]!), 0));
  const x = (op: number) => px(L + (op / last_op) * (W - L - R));
  const y = (b: number) => px(H - B - (Math.max(0, b) / top) * (H - B - T));
  const xs = idx.map((i) => x(f.op[i]!));
  const live = idx.map((i) => y(f.live[i]!));
  const held = idx.map((i) => y(f.held[i]!));
  const base = y(0);
  const out: string[] = [];
  for (const t of [0, top / 2, top]) {
    out.push(`<line class="grid" x1="${L}" x2="${W - R}" y1="${y(t)}" y2="${y(t)}"/><text class="end" x="${L - 5}" y="${y(t) + 3.5}">${esc(bytes(t))}</text>`);
  }
  for (const t of [0, last_op / 2, last_op]) out.push(`<text class="mid" x="${x(t)}" y="${H - B + 13}">${esc(compact(t))}</text>`);
  out.push(`<text class="mid" x="${px((L + W - R) / 2)}" y="${H - 4}">op</text>`);
  // Held as an area down to the axis, live as an opaque area over it: what shows between is held − live. Each outline is the line.
  const area = (ys: readonly number[]) => `${xs[0]},${base} ${points(xs, ys)} ${xs[xs.length - 1]},${base}`;
  out.push(`<polygon class="a-held" points="${area(held)}"/><polygon class="a-live" points="${area(live)}"/>`);
  if (peak_op !== undefined && Number.isFinite(peak_op)) {
    out.push(`<line class="peak" x1="${x(peak_op)}" x2="${x(peak_op)}" y1="${T}" y2="${base}"/>${peak_op > last_op / 2 ? `<text class="end" x="${x(peak_op) - 3}"` : `<text x="${x(peak_op) + 3}"`} y="${T + 9}">heap map</text>`);
  }
  out.push(`<line class="axis" x1="${L}" x2="${L}" y1="${T}" y2="${base}"/><line class="axis" x1="${L}" x2="${W - R}" y1="${base}" y2="${base}"/>`);
  const peak_held = idx.reduce((m, i) => Math.max(m, f.held[i]!), 0);
  const title = `heap footprint over ${compact(last_op)} ops: held peaks at ${bytes(peak_held)}`;
  return [
    `<figure><svg class="footprint" role="img" aria-label="${esc(title)}" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><title>${esc(title)}</title>`,
    out.join(''),
    '</svg>',
    '<figcaption><span class="legend"><span><span class="swatch live-area"></span>live payload</span><span><span class="swatch over"></span>held − live: fragmentation and metadata</span><span>dark line: bytes held from the environment</span></span></figcaption></figure>',
  ].join('\n');
}
