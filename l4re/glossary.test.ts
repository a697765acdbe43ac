/**
 * docs/GLOSSARY.md names every export of the L4Re API (l4re/) with its L4Re
 * original: a name added here without a row fails until the row is written.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const HERE = dirname(fileURLToPath(import.meta.url));

/** The names a module exports by declaration: `export const X`, `export function f`, `export interface I`, … */
function exported_names(text: string): string[] {
  return [...text.matchAll(/^export\s+(?:declare\s+)?(?:abstract\s+)?(?:const|let|function|class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]!);
}

/** The exported names of `sources` that the glossary never mentions as a whole word. */
function missing(sources: readonly { readonly file: string; readonly text: string }[], glossary: string): string[] {
  return sources.flatMap(({ file, text }) =>
    exported_names(text)
      .filter((n) => !new RegExp(`(^|[^\\w$])${n.replace(/\$/g, '\\$')}([^\\w$]|$)`).test(glossary))
      .map((n) => `${file}: ${n}`),
  );
}

describe('docs/GLOSSARY.md', () => {
  it('names every export of l4re/', () => {
    const files = readdirSync(HERE).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts');
    const sources = files.map((f) => ({ file: `l4re/${f}`, text: readFileSync(join(HERE, f), 'utf8') }));
    expect(sources.flatMap((s) => exported_names(s.text)).length).toBeGreaterThan(100);
    expect(missing(sources, readFileSync(join(HERE, '..', 'docs', 'GLOSSARY.md'), 'utf8'))).toEqual([]);
  });

  it('catches a name without a row, and does not take a longer name for it', () => {
    const text = "export const L4_EOK = 0;\nexport function l4_round_page(x: number): number {}\nexport interface Rm_region {}\nconst hidden = 1;\n";
    expect(exported_names(text)).toEqual(['L4_EOK', 'l4_round_page', 'Rm_region']);
    expect(missing([{ file: 'l4re/x.ts', text }], '| `L4_EOK`, `l4_round_page` | … |\n| `Rm_regions` | … |')).toEqual(['l4re/x.ts: Rm_region']);
  });
});
