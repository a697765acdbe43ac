/**
 * The page's one stylesheet, inline. System fonts only (nothing to fetch).
 * The charts' colours live here as classes, so an SVG element carries a class
 * name, not a fill: shorter markup, one place to change a colour.
 */
export const STYLE = `
:root { color-scheme: light; --ink: #1d232a; --muted: #5f6b77; --line: #d5dbe1; --bg: #fff; --band: #fff1bf; --edge: #b08900;
  --live: #3b7dd8; --free: #a8d98a; --meta: #ef9a4a; --bad: #d9534f; --mid: #f0ad4e; --good: #4cae4c; }
* { box-sizing: border-box; }
body { margin: 0; padding: 1.5rem 2rem 4rem; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; } h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
h3 { font-size: 1rem; margin: 1rem 0 .3rem; } p { margin: .3rem 0; } .muted { color: var(--muted); }
dl.totals { display: flex; flex-wrap: wrap; gap: .4rem 1.6rem; margin: .8rem 0; } dl.totals div { display: flex; flex-direction: column; }
dl.totals dt { color: var(--muted); font-size: .8rem; } dl.totals dd { margin: 0; font-size: 1.15rem; font-variant-numeric: tabular-nums; }
input.filter { font: inherit; padding: .3rem .5rem; width: min(28rem, 100%); border: 1px solid var(--line); border-radius: 4px; margin: .5rem 0; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: .25rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #f3f5f7; position: sticky; top: 0; white-space: nowrap; }
table.sortable th { cursor: pointer; user-select: none; } table.sortable th::after { content: " \\2195"; color: #aab; }
th[aria-sort=ascending]::after { content: " \\25B2" !important; color: var(--ink) !important; } th[aria-sort=descending]::after { content: " \\25BC" !important; color: var(--ink) !important; }
td.num, th.num { text-align: right; } td.why { max-width: 32rem; overflow-wrap: anywhere; } td.file { overflow-wrap: break-word; }
.verdict { font-weight: 600; white-space: nowrap; } .v-pass, .v-ok { color: #1e7b1e; } .v-fail, .v-failed { color: #b52b27; } .v-crash, .v-timeout, .v-build-error { color: #8a3ab9; } .v-skipped { color: var(--muted); }
.robust { font-size: .8rem; white-space: nowrap; } .r-undetected { color: #b52b27; } .r-crash { color: #8a3ab9; }
section.item { margin-top: 1.5rem; } .charts { display: flex; flex-wrap: wrap; gap: 1rem 2rem; align-items: flex-start; }
figure { margin: .5rem 0; display: table; } figcaption { display: table-caption; caption-side: bottom; color: var(--muted); font-size: .8rem; padding-top: .2rem; }
svg { max-width: 100%; height: auto; } svg text { font: 10px system-ui, sans-serif; fill: var(--ink); } svg text.note { fill: var(--muted); font-style: italic; }
svg text.end { text-anchor: end; } svg text.mid { text-anchor: middle; } svg text.title { font-weight: 600; font-size: 11px; } svg text.small { font-size: 8px; }
.axis { stroke: #8895a1; stroke-width: 1; } .grid { stroke: #eef1f4; stroke-width: 1; }
.band { fill: var(--band); } .edge { stroke: var(--edge); stroke-width: 1; stroke-dasharray: 3 2; } .overall { stroke: var(--ink); stroke-width: 1.5; }
path.bar { fill: none; } .bad { stroke: var(--bad); } .mid-bar { stroke: var(--mid); } .good { stroke: var(--good); } .plain { stroke: var(--live); } .hit { fill: transparent; }
svg.heap-map path { fill: none; shape-rendering: crispEdges; } .k-live { stroke: var(--live); } .k-free { stroke: var(--free); } .k-meta { stroke: var(--meta); } .k-none { fill: #f4f5f6; stroke: #c8ced4; stroke-width: .5; }
.a-held { fill: #f9cfa3; stroke: #b85c00; stroke-width: 1.5; stroke-linejoin: round; } .a-live { fill: #bcd3f2; stroke: var(--live); stroke-width: 1.5; stroke-linejoin: round; } .peak { stroke: var(--ink); stroke-dasharray: 2 2; }
.legend { display: flex; flex-wrap: wrap; gap: .3rem 1rem; font-size: .8rem; margin: .2rem 0; } .swatch { display: inline-block; width: .8rem; height: .8rem; border-radius: 2px; vertical-align: -1px; margin-right: .3rem; }
.swatch.live { background: var(--live); } .swatch.free { background: var(--free); } .swatch.meta { background: var(--meta); } .swatch.over { background: #f9cfa3; } .swatch.live-area { background: #bcd3f2; } .swatch.band { background: var(--band); border: 1px dashed var(--edge); }
.code { position: relative; margin: .4rem 0; } pre { margin: 0; padding: .6rem .8rem; background: #f6f8fa; border: 1px solid var(--line); border-radius: 4px; overflow-x: auto; font: 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space: pre; }
pre.message { white-space: pre-wrap; overflow-wrap: anywhere; }
button.copy { position: absolute; top: .3rem; right: .3rem; font: 12px system-ui, sans-serif; padding: .1rem .5rem; border: 1px solid var(--line); border-radius: 4px; background: #fff; cursor: pointer; }
.failure, .refutation { border-left: 3px solid var(--bad); padding-left: .8rem; margin: .8rem 0; } .refutation { border-left-color: var(--good); } details { margin: .5rem 0; } summary { cursor: pointer; color: var(--muted); }
a { color: #1f5fae; }
@media print { input.filter, button.copy { display: none; } th { position: static; } }
`;
