import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { html } from './html.ts';
import { HOSTILE, sample_fuzz_report, sample_grade_report, sample_picture, sample_traces_report, sample_verify_report } from './html.fixture.ts';
import { esc } from './html/escape.ts';
import { GRADE_THREADS } from './junit.fixture.ts';
import type { Report } from './report.ts';

const REPORTS: readonly Report[] = [sample_verify_report(), sample_traces_report(), sample_grade_report(12, 20), sample_fuzz_report()];
const ESCAPED = esc(HOSTILE);

/** What each sample report's page shows: text it contains, or a pattern it matches. */
const SHOWS: Record<Report['command'], readonly (string | RegExp)[]> = {
  // The shrunk program and its replay command; the data escaped.
  verify: [
    '    bob: id = poor.hello(&quot;bob&quot;)  // 0\n    alice: poor.write(0, &quot;&quot;)  // 0, prints &quot;bob: &quot;',
    '<code>npm run verify -- --only &quot;poor man&#39;s log: no client can write under another client&#39;s id&quot; --seed 20261125 --path &quot;0:3:2:2:2&quot;</code>',
    'labels are unforgeable &lt;b&gt;',
  ],
  // Util against the ramp, ops/s, the failure with its replay, skipped traces noted, the picture.
  traces: [
    '<svg class="bars"',
    'throughput (ops/s)',
    '<code>l4check traces --allocator impl --traces ../shared/traces/malloclab/cmu-2016plus/syn-array.rep</code>',
    '<text class="note"',
    '<svg class="footprint"',
  ],
  // Charts with the ramps, the picture, failures with their program and replay, the output escaped.
  grade: [
    /<rect class="band" /,
    /<text class="mid" x="[\d.]+" y="[\d.]+">0\.55<\/text>/,
    /<text class="mid" x="[\d.]+" y="[\d.]+">0\.74<\/text>/,
    /<text class="mid" x="[\d.]+" y="[\d.]+">0\.90×<\/text>/,
    '<svg class="footprint"',
    /<polygon class="a-held" points="[\d., ]+"\/>/,
    /<path class="bar good" stroke-width="8" d="(M[\d.]+ [\d.]+h[\d.]+)+"\/>/,
    '<svg class="heap-map"',
    '<code>l4check replay reports/grade/submissions/student02/mm.ts/0-payload.rep --allocator submissions/student02/mm.ts</code>',
    '<code>p1 = malloc(24)  // 0x10000\np2 = realloc(p1, 640)  // 0x10200</code>',
    '<button type="button" class="copy" hidden>copy</button>',
    '\u241b[31mred\u241b[0m &amp; more',
    '<a href="#s-1">submissions/student02/mm.ts</a>',
    'id="s-1"',
  ],
  // Each finding with its program and replay.
  fuzz: ['  p1 = malloc(24)  // 0x10000\n  free(p1)\n  free(p1)  // -L4_EINVAL', '<code>l4check replay reports/fuzz/world-1.json</code>', 'double free &lt;leak&gt;'],
};

/** Every real tag of the page: data's '<' is escaped, so each '<' followed by a letter or '/' starts one. */
function tags(page: string): string[] {
  return page.match(/<\/?[a-zA-Z][^>]*>/g) ?? [];
}

function count(page: string, s: string): number {
  return page.split(s).length - 1;
}

describe('html reporter', () => {
  it('renders every command into one file', () => {
    expect(html.format).toBe('html');
    expect(html.file_name).toBe('report.html');
    expect([...html.commands].sort()).toEqual(['fuzz', 'grade', 'traces', 'verify']);
  });

  for (const report of REPORTS) {
    describe(report.command, () => {
      const page = html.render(report);

      it('is one self-contained document: no tag points outside, nothing to fetch', () => {
        expect(page.startsWith('<!doctype html>')).toBe(true);
        for (const t of tags(page)) {
          expect(t, t).not.toMatch(/https?:|\bsrc\s*=|url\(/i);
          const href = /\bhref="([^"]*)"/.exec(t);
          if (href !== null) expect(href[1], t).toMatch(/^#/);
        }
        expect(page).not.toMatch(/<script[^>]*\bsrc|<link|<iframe|<img|<object|<embed|@import|url\(/i);
        // http(s):// appears only inside the escaped hostile text, as text.
        expect(count(page, 'https://')).toBe(count(page, ESCAPED));
        expect(page).not.toContain('http://');
      });

      it('has exactly one script, admitted by its hash in the content security policy', () => {
        expect(count(page, '<script')).toBe(1);
        const script = /<script>([\s\S]*?)<\/script>/.exec(page)![1]!;
        const policy = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(page)![1]!;
        expect(policy).toContain("default-src 'none'");
        expect(policy).toContain(`script-src 'sha256-${createHash('sha256').update(script).digest('base64')}'`);
        expect(page).not.toMatch(/\son[a-z]+=/i);
      });

      it('renders the same page twice', () => {
        expect(html.render(report)).toBe(page);
      });

      it('escapes what the data says', () => {
        expect(page).toContain(ESCAPED);
        expect(page).not.toContain(HOSTILE);
        expect(page).not.toContain('alert("pwned")');
      });

      it('shows what the command found', () => {
        for (const x of SHOWS[report.command]) {
          if (typeof x === 'string') expect(page).toContain(x);
          else expect(page).toMatch(x);
        }
      });

      it('has a sortable, filterable summary table', () => {
        expect(page).toContain('<table class="sortable" id="summary">');
        expect(page).toContain('<input class="filter"');
      });
    });
  }

  it('grade (12 submissions): one row per submission, bars for those that pass, the heap map by kind', () => {
    const report = sample_grade_report(12, 20);
    const page = html.render(report);
    const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(page)![1]!;
    expect(count(body, '<tr>')).toBe(12);
    expect(body).toContain('<td class="verdict v-build-error">build-error</td>');
    expect(count(page, '<svg class="bars"')).toBe(report.submissions.filter((s) => s.verdict === 'pass').length);
    for (const k of ['live', 'free', 'meta']) expect(page).toMatch(new RegExp(`<path class="k-${k}" stroke-width="\\d+" d="M[\\d.]+ [\\d.]+h\\d+(m\\d+ 0h\\d+)*"/>`));
  });

  it('grade --threads: how the thread-safety check went, and the threads\' programs, each under its own line', () => {
    const page = html.render(GRADE_THREADS);
    expect(page).toContain('thread-safety pass: 4 threads, 20 rounds of 2000 calls each');
    expect(page).toContain('thread-safety fail: 4 threads, round 1 of 2000 calls each');
    expect(page).toContain('thread-safety not run (--threads 4): an earlier check failed');
    expect(page).toContain('The shrunk counterexample, 2 calls:');
    expect(page).toContain('<code>// thread 0\np1 = malloc(68)\n// thread 1\np1 = malloc(127)</code>');
  });

  it('verify: failures first', () => {
    const page = html.render(sample_verify_report());
    expect(page.indexOf('id="c-2"')).toBeLessThan(page.indexOf('id="c-1"'));
  });

  it('bounds what a huge picture costs: at most 600 footprint points, at most two segments a column of a strip', () => {
    const big = sample_picture(20_000, 3);
    const report = sample_grade_report(1, 5);
    const page = html.render({ ...report, submissions: [{ ...report.submissions[0]!, picture: { ...big, trace: 'big.rep' } }] });
    const held = /<polygon class="a-held" points="([^"]*)"/.exec(page)![1]!;
    expect(held.split(' ').length).toBeLessThanOrEqual(600 + 2);
    const map = /<svg class="heap-map"[\s\S]*?<\/svg>/.exec(page)![0];
    expect(count(map, 'h')).toBeGreaterThan(3);
    expect(count(map.replace(/<(text|title)[\s\S]*?<\/\1>/g, ''), 'h')).toBeLessThanOrEqual(3 * 2 * 360 + 3 * 3);
  });

  it('renders empty reports, and numbers that are not finite as dashes, never NaN', () => {
    const empty: Report[] = [
      { command: 'verify', seed: 1, properties: [] },
      { command: 'traces', allocator: 'impl', traces: [], summary: { ok: 0, failed: 0, skipped: 0, avg_util: 0, ops_per_sec: 0 } },
      { command: 'grade', submissions: [] },
      { command: 'fuzz', target: 'world', seed: 1, seconds: 0, runs: 0, commands: 0, findings: [] },
    ];
    for (const r of empty) expect(html.render(r)).toContain('</html>');
    const report = sample_grade_report(1, 3);
    const s = report.submissions[0]!;
    const odd = {
      ...s,
      util: NaN,
      score: Infinity,
      traces: [...s.traces!, { file: 'nan.rep', weight: 1, util: NaN, ops: 1, cost: 0, reference_cost: 0 }],
      picture: { trace: 't.rep', footprint: { op: [0, 1, 2, NaN], live: [1, NaN, 3, 4], held: [2, 4, 4, 4] }, heap_map: { op: 2, strips: [{ start: 0, size: 0, blocks: [] }, { start: 64, size: 64, blocks: [{ offset: NaN, size: 16, kind: 'live' as const }] }] } },
    };
    const page = html.render({ ...report, submissions: [odd, { ...s, traces: [] }] });
    expect(page.replace(/<script>[\s\S]*<\/script>/, '')).not.toMatch(/NaN|Infinity/);
    expect(page).toContain('<td class="num" data-v="">—</td>');
  });

  it('escapes markup and shows control characters', () => {
    expect(esc(`<a href='x'>&"`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&quot;');
    expect(esc('a\u0000b\u001bc\td\n\u007f')).toBe('a\u2400b\u241bc\td\n\u2421');
  });
});
