/**
 * docs/GLOSSARY.md has no gaps. The rule: every export of the L4Re API (l4re/),
 * and every class, interface, type and function that model/ or impl/ exports,
 * appears in it by name. Constants of model/ and impl/ are left out: they are
 * layout numbers, drawn and explained in their own files. Fixtures count;
 * tests and index.ts (which only re-exports) are not read. A name added
 * without a row fails here until the row is written.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const GLOSSARY = readFileSync(join(ROOT, 'docs', 'GLOSSARY.md'), 'utf8');

type Export_kind = 'const' | 'let' | 'function' | 'class' | 'interface' | 'type' | 'enum';
const EVERY_KIND: readonly Export_kind[] = ['const', 'let', 'function', 'class', 'interface', 'type', 'enum'];
const NAMED_THINGS: readonly Export_kind[] = ['function', 'class', 'interface', 'type', 'enum'];

/** The names a module exports by declaration, of `kinds`: `export const X`, `export function f`, `export interface I`, … */
function exported_names(text: string, kinds: readonly Export_kind[] = EVERY_KIND): string[] {
  return [...text.matchAll(/^export\s+(?:declare\s+)?(?:abstract\s+)?(const|let|function|class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/gm)]
    .filter((m) => kinds.includes(m[1] as Export_kind))
    .map((m) => m[2]!);
}

/** The exported names of `sources` that the glossary never mentions as a whole word. */
function missing(sources: readonly { readonly file: string; readonly names: readonly string[] }[], glossary: string): string[] {
  return sources.flatMap(({ file, names }) =>
    names.filter((n) => !new RegExp(`(^|[^\\w$])${n.replace(/\$/g, '\\$')}([^\\w$]|$)`).test(glossary)).map((n) => `${file}: ${n}`),
  );
}

/** The modules of `folder` the rule reads, with their names of `kinds`. */
function sources(folder: string, kinds: readonly Export_kind[]): { file: string; names: string[] }[] {
  return readdirSync(join(ROOT, folder))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts')
    .map((f) => ({ file: `${folder}/${f}`, names: exported_names(readFileSync(join(ROOT, folder, f), 'utf8'), kinds) }));
}

describe('docs/GLOSSARY.md', () => {
  it('names every export of l4re/', () => {
    const l4re = sources('l4re', EVERY_KIND);
    expect(l4re.flatMap((s) => s.names).length).toBeGreaterThan(100);
    expect(missing(l4re, GLOSSARY)).toEqual([]);
  });

  it.each(['model', 'impl'])('names every class, interface, type and function %s/ exports', (folder) => {
    const found = sources(folder, NAMED_THINGS);
    expect(found.flatMap((s) => s.names).length).toBeGreaterThan(15);
    expect(missing(found, GLOSSARY)).toEqual([]);
  });

  it('catches a name without a row, and does not take a longer name for it', () => {
    const text = "export const L4_EOK = 0;\nexport function l4_round_page(x: number): number {}\nexport interface Rm_region {}\nconst hidden = 1;\n";
    expect(exported_names(text)).toEqual(['L4_EOK', 'l4_round_page', 'Rm_region']);
    expect(exported_names(text, NAMED_THINGS)).toEqual(['l4_round_page', 'Rm_region']);
    expect(missing([{ file: 'l4re/x.ts', names: exported_names(text) }], '| `L4_EOK`, `l4_round_page` | … |\n| `Rm_regions` | … |')).toEqual(['l4re/x.ts: Rm_region']);
  });
});
