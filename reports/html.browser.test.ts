/**
 * The HTML report in a real browser (Debian's chromium through
 * playwright-core), opened offline from a file: its charts render, its
 * table sorts and filters, nothing is fetched, nothing logs an error. Leaves
 * reports/out/report.png (README shows a copy, docs/report.png). A browser that cannot start fails the test.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Browser, type Page, chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Submission_result } from '../grader/grade.ts';
import { html } from './html.ts';
import { sample_grade_report } from './html.fixture.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SCREENSHOT = fileURLToPath(new URL('./out/report.png', import.meta.url));

async function launch(): Promise<Browser> {
  try {
    return await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  } catch (e) {
    throw new Error(`html.browser.test: cannot start ${CHROMIUM} (Debian's chromium package) for the report's browser test: ${(e as Error).message.split('\n')[0]}`);
  }
}

/** The file cell of each row the page shows, top to bottom. */
function visible_files(page: Page): Promise<string[]> {
  return page.$$eval('#summary tbody tr', (rows) => rows.filter((r) => r.getClientRects().length > 0).map((r) => (r as HTMLTableRowElement).cells[0]!.textContent ?? ''));
}

/** What a stable sort by `key` makes of `order`; rows without a key stay last. */
function sorted(order: readonly Submission_result[], key: (r: Submission_result) => number | undefined, dir: 1 | -1): Submission_result[] {
  return [...order].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    if (x === undefined || y === undefined) return x === undefined ? (y === undefined ? 0 : 1) : -1;
    return dir * (x - y);
  });
}

describe('html report in chromium', () => {
  it('renders its charts (with scripts off too), sorts and filters its table, fetches nothing, logs no error', { timeout: 60_000 }, async () => {
    const report = sample_grade_report(12, 20);
    const dir = mkdtempSync(join(tmpdir(), 'l4check-html-'));
    const file = join(dir, html.file_name);
    writeFileSync(file, html.render(report));
    const url = pathToFileURL(file).href;
    const browser = await launch();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 1760 } });
      const requests: string[] = [];
      const errors: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(url);

      for (const sel of ['svg.bars', 'svg.footprint', 'svg.heap-map', 'svg.bars path.good', 'svg.footprint polygon.a-held', 'svg.heap-map path.k-live']) {
        const box = await page.locator(sel).first().boundingBox();
        expect(box, sel).not.toBeNull();
        expect(box!.width * box!.height, sel).toBeGreaterThan(0);
      }

      const files = (rs: readonly Submission_result[]) => rs.map((r) => r.file);
      expect(await visible_files(page)).toEqual(files(report.submissions));
      const header = (name: string) => page.locator('#summary thead th', { hasText: new RegExp(`^${name}$`) });
      // Numbers sort as numbers: 100.0 after 89.0.
      const by_score = sorted(report.submissions, (r) => r.score, 1);
      await header('score').click();
      expect(await visible_files(page)).toEqual(files(by_score));
      expect(await header('score').getAttribute('aria-sort')).toBe('ascending');
      const by_score_down = sorted(by_score, (r) => r.score, -1);
      await header('score').click();
      expect(await visible_files(page)).toEqual(files(by_score_down));
      // No throughput (failing submissions): last either way.
      await header('throughput').click();
      expect(await visible_files(page)).toEqual(files(sorted(by_score_down, (r) => r.throughput, 1)));
      await header('file').click();
      await header('file').click();
      expect(await visible_files(page)).toEqual(files(report.submissions).reverse());

      const filter = page.locator('input.filter');
      await filter.fill('BUILD-error');
      expect(await visible_files(page)).toEqual(files(report.submissions.filter((r) => r.verdict === 'build-error')).reverse());
      await filter.fill('mm.c');
      const mentions = (r: Submission_result) => r.file.includes('mm.c') || r.failures.some((f, i) => i === 0 && f.message.includes('mm.c'));
      expect(await visible_files(page)).toEqual(files(report.submissions.filter(mentions)).reverse());
      expect(await page.locator('#summary-count').textContent()).toBe(`${report.submissions.filter(mentions).length} of 12 rows`);
      await filter.fill('');
      expect(await visible_files(page)).toHaveLength(12);

      const copy = page.locator('button.copy').first();
      await copy.click();
      await expect.poll(() => copy.textContent(), { timeout: 5_000 }).toMatch(/^(copied|selected)$/);

      await header('score').click();
      await header('score').click();
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: SCREENSHOT });

      // With scripts off the charts still draw, and no dead control shows.
      const off = await browser.newPage({ javaScriptEnabled: false });
      off.on('request', (r) => requests.push(r.url()));
      await off.goto(url);
      for (const sel of ['svg.bars', 'svg.footprint', 'svg.heap-map']) expect((await off.locator(sel).first().boundingBox())?.width, sel).toBeGreaterThan(0);
      expect(await off.locator('input.filter').isVisible()).toBe(false);
      expect(await off.locator('button.copy').first().isVisible()).toBe(false);

      expect(errors).toEqual([]);
      expect(requests.length).toBeGreaterThan(0);
      expect(requests.filter((r) => r !== url)).toEqual([]);
    } finally {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
