/**
 * The heap at its peak as an inline SVG (hand-drawn, like bar_chart.ts): one
 * row per strip (a dataspace, a heap region), each drawn to the full width
 * whatever its size (its start and size are on the left); what no block
 * covers is grey.
 *
 * A strip is rasterised to COLUMNS columns, so it costs at most 2 × COLUMNS
 * segments however many blocks it has. Each column is coloured live or free,
 * whichever covers more of its bytes (grey if neither covers any), and meta
 * is a band from the column's top as thick as meta's share of its bytes, at
 * least 1 px where there is any: headers of a few bytes between blocks of
 * hundreds still show, as a thin line. Runs of equal columns become one
 * segment. At most MAX_STRIPS strips are drawn, the largest; the caption
 * says how many more there were.
 */
import type { Heap_block, Heap_map } from '../../properties/trace/heap_picture.ts';
import { esc } from './escape.ts';
import { hex } from '../../l4re/hex.ts';
import { bytes, compact } from './format.ts';

const LABEL_W = 150;
const COLUMNS = 360;
const TOP = 4;
/** A strip's row and bar heights: roomy for a few strips, dense for many (up to MAX_STRIPS). */
interface Rows {
  readonly row: number;
  readonly bar: number;
}
const FEW: Rows = { row: 16, bar: 12 };
const MANY: Rows = { row: 11, bar: 8 };
const MAX_STRIPS = 64;

type Strip = Heap_map['strips'][number];

/** Per column: the bytes live, free and meta cover in it. */
function columns(s: Strip): { live: Float64Array; free: Float64Array; meta: Float64Array } {
  const per = s.size / COLUMNS;
  const cover = { live: new Float64Array(COLUMNS), free: new Float64Array(COLUMNS), meta: new Float64Array(COLUMNS) };
  if (!(per > 0)) return cover;
  for (const b of s.blocks) {
    const from = Math.max(0, b.offset);
    const to = Math.min(s.size, b.offset + b.size);
    const into = cover[b.kind];
    if (!(to > from) || into === undefined) continue;
    for (let c = Math.floor(from / per); c < COLUMNS && c * per < to; c++) {
      into[c]! += Math.min(to, (c + 1) * per) - Math.max(from, c * per);
    }
  }
  return cover;
}

/** Runs of equal values: [first column, columns, value]. */
function runs<T>(values: readonly T[]): [number, number, T][] {
  const out: [number, number, T][] = [];
  values.forEach((v, c) => {
    const last = out[out.length - 1];
    if (last !== undefined && last[2] === v) last[1]++;
    else out.push([c, 1, v]);
  });
  return out;
}

function strip_rects(s: Strip, y: number, { bar: BAR }: Rows): string {
  const per = s.size / COLUMNS;
  const cover = columns(s);
  const base: ('live' | 'free' | 'none')[] = [];
  const meta: number[] = [];
  for (let c = 0; c < COLUMNS; c++) {
    const [l, f, m] = [cover.live[c]!, cover.free[c]!, cover.meta[c]!];
    base.push(l === 0 && f === 0 ? 'none' : l >= f ? 'live' : 'free');
    meta.push(m <= 0 ? 0 : Math.max(1, Math.round((BAR * m) / per)));
  }
  const out: string[] = [];
  for (const kind of ['live', 'free'] as const) {
    const d = segments(runs(base).filter((r) => r[2] === kind), y + BAR / 2);
    if (d !== '') out.push(`<path class="k-${kind}" stroke-width="${BAR}" d="${d}"/>`);
  }
  const heights = [...new Set(meta)].filter((h) => h > 0).sort((a, b) => a - b);
  for (const h of heights) {
    const band = Math.min(BAR, h);
    out.push(`<path class="k-meta" stroke-width="${band}" d="${segments(runs(meta).filter((r) => r[2] === h), y + band / 2)}"/>`);
  }
  return out.join('');
}

/**
 * Runs as one path of horizontal segments at height `y` (drawn as strokes as
 * thick as the strip): each run is a relative move and an `h`, some 8 bytes,
 * where a rectangle would take 70.
 */
function segments(rs: readonly [number, number, unknown][], y: number): string {
  let d = '';
  let at: number | undefined;
  for (const [c, n] of rs) {
    d += at === undefined ? `M${LABEL_W + c} ${y}h${n}` : `m${c - at} 0h${n}`;
    at = c + n;
  }
  return d;
}

function totals(blocks: readonly Heap_block[]): Record<Heap_block['kind'], number> {
  const t = { live: 0, free: 0, meta: 0 };
  for (const b of blocks) t[b.kind] += b.size;
  return t;
}

function strip_row(s: Strip, k: number, g: Rows): string {
  const y = TOP + k * g.row;
  const t = totals(s.blocks);
  const tip = `${hex(s.start)}–${hex(s.start + s.size)} (${bytes(s.size)}): live ${bytes(t.live)}, free ${bytes(t.free)}, meta ${bytes(t.meta)}, ${s.blocks.length} blocks`;
  return [
    `<g><title>${esc(tip)}</title>`,
    `<text class="end${g === MANY ? ' small' : ''}" x="${LABEL_W - 6}" y="${y + g.bar - 1.5}">${esc(`${hex(s.start)} · ${bytes(s.size)}`)}</text>`,
    `<rect class="k-none" x="${LABEL_W}" y="${y}" width="${COLUMNS}" height="${g.bar}"/>`,
    strip_rects(s, y, g),
    '</g>',
  ].join('');
}

export function heap_map_chart(m: Heap_map): string {
  const strips = m.strips;
  // The MAX_STRIPS largest (the first of equals), drawn in address order.
  const drawn = new Set([...strips.keys()].sort((a, b) => strips[b]!.size - strips[a]!.size || a - b).slice(0, MAX_STRIPS));
  const shown = strips.filter((_, i) => drawn.has(i)).sort((a, b) => a.start - b.start);
  const hidden = strips.filter((_, i) => !drawn.has(i));
  const w = LABEL_W + COLUMNS + 4;
  const g = shown.length > 16 ? MANY : FEW;
  const h = TOP + shown.length * g.row + 4;
  const t = totals(strips.flatMap((s) => s.blocks));
  const held = strips.reduce((a, s) => a + s.size, 0);
  const title = `heap map after op ${compact(m.op)}: ${strips.length} strips, ${bytes(held)} held`;
  const more = hidden.length > 0 ? ` The ${hidden.length} smallest strips (${bytes(hidden.reduce((a, s) => a + s.size, 0))} in all) are not drawn.` : '';
  return [
    `<figure><svg class="heap-map" role="img" aria-label="${esc(title)}" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"><title>${esc(title)}</title>`,
    shown.map((x, k) => strip_row(x, k, g)).join('\n'),
    '</svg>',
    `<figcaption>${esc(title)}. Each strip is drawn to the full width; its start and size are on the left. Orange from a column's top: the share of its bytes that is metadata (at least 1 px where there is any).${esc(more)}`,
    `<span class="legend"><span><span class="swatch live"></span>live ${esc(bytes(t.live))}</span><span><span class="swatch free"></span>free ${esc(bytes(t.free))}</span><span><span class="swatch meta"></span>meta ${esc(bytes(t.meta))}</span><span>grey: no block there</span></span></figcaption></figure>`,
  ].join('\n');
}
