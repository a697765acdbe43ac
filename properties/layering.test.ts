/**
 * The layers, read from every .ts file's imports: `l4re/` is the API and
 * imports no other folder of l4check; `model/` never imports `impl/` nor the
 * other way round; only the folders that wire the two worlds together import
 * both. A relative import (`../impl/x.ts`) names the top folder it reaches;
 * packages and `node:` modules are not l4check's folders and are skipped.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, posix, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The folders that may import both model/ and impl/ (README, Layout). */
const WIRING = ['properties', 'fuzz', 'bench', 'grader', 'cli'];

interface Source {
  /** Relative to the repository root, with `/`: `impl/tlsf.ts`. */
  readonly path: string;
  readonly text: string;
}

/** `from '…'`, `import '…'`, `import('…')`, `export … from '…'`. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)(['"])([^'"\n]+)\1/g;

/** The top folder each relative import of `s` reaches (`impl` for `../impl/x.ts`), with the import as written. */
function imported_folders(s: Source): { readonly folder: string; readonly specifier: string }[] {
  const out = [];
  for (const m of s.text.matchAll(SPECIFIER)) {
    const specifier = m[2]!;
    if (!specifier.startsWith('.')) continue;
    const target = posix.normalize(posix.join(posix.dirname(s.path), specifier));
    out.push({ folder: target.split('/')[0]!, specifier });
  }
  return out;
}

/** Every broken rule, one line each; empty when the layering holds. */
function layering_violations(sources: readonly Source[]): string[] {
  const problems: string[] = [];
  const reaches = new Map<string, Map<string, string>>();
  for (const s of sources) {
    const own = s.path.split('/')[0]!;
    for (const { folder, specifier } of imported_folders(s)) {
      if (folder === own) continue;
      if (own === 'l4re') problems.push(`${s.path} imports ${specifier}: l4re/ is the API both worlds implement and imports no other folder`);
      if ((own === 'model' && folder === 'impl') || (own === 'impl' && folder === 'model')) {
        problems.push(`${s.path} imports ${specifier}: ${own}/ never imports ${folder}/`);
      }
      if (folder === 'model' || folder === 'impl') {
        const by = reaches.get(own) ?? new Map<string, string>();
        if (!by.has(folder)) by.set(folder, s.path);
        reaches.set(own, by);
      }
    }
  }
  for (const [own, by] of reaches) {
    if (by.size === 2 && !WIRING.includes(own) && own !== 'model' && own !== 'impl') {
      problems.push(`${own}/ imports both worlds (${by.get('model')} model/, ${by.get('impl')} impl/): only ${WIRING.map((f) => `${f}/`).join(', ')} wire them together`);
    }
  }
  return problems;
}

/** Every .ts file under the repository's top folders (not node_modules/, not hidden ones). */
function sources(): Source[] {
  const tops = readdirSync(ROOT, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'node_modules' && !d.name.startsWith('.'));
  return tops.flatMap((top) =>
    readdirSync(join(ROOT, top.name), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.split(sep).includes('node_modules'))
      .map((f) => ({ path: `${top.name}/${f.split(sep).join('/')}`, text: readFileSync(join(ROOT, top.name, f), 'utf8') })),
  );
}

describe('layering', () => {
  it('holds for every .ts file of l4check', () => {
    const all = sources();
    expect(all.filter((s) => s.path.startsWith('model/')).length).toBeGreaterThan(10);
    expect(all.filter((s) => s.path.startsWith('impl/')).length).toBeGreaterThan(10);
    expect(layering_violations(all)).toEqual([]);
  });

  it('reads the imports as written: one per line or spread over lines, type-only, re-exports, dynamic', () => {
    const text = [
      "import { a } from '../impl/a.ts';",
      "import type {\n  B,\n  C,\n} from '../../model/b.ts';",
      "export * from './c.ts';",
      "const d = await import('../grader/d.ts');",
      "import 'node:fs';",
      "import fc from 'fast-check';",
    ].join('\n');
    expect(imported_folders({ path: 'properties/sub/x.ts', text }).map((i) => i.folder)).toEqual(['properties', 'model', 'properties', 'properties']);
    expect(imported_folders({ path: 'properties/x.ts', text: "import { a } from '../impl/a.ts';" })).toEqual([{ folder: 'impl', specifier: '../impl/a.ts' }]);
  });

  it('catches a planted violation of each rule', () => {
    const clean: Source[] = [
      { path: 'model/kernel.ts', text: "import { L4_EOK } from '../l4re/err.ts';\nimport { Gate } from './gate.ts';" },
      { path: 'impl/kernel.ts', text: "import type { Cap } from '../l4re/cap.ts';" },
      { path: 'properties/worlds.ts', text: "import * as model from '../model/index.ts';\nimport * as impl from '../impl/index.ts';" },
    ];
    expect(layering_violations(clean)).toEqual([]);
    expect(layering_violations([...clean, { path: 'model/log_server.ts', text: "import { Kernel } from '../impl/kernel.ts';" }])).toEqual([
      'model/log_server.ts imports ../impl/kernel.ts: model/ never imports impl/',
    ]);
    expect(layering_violations([...clean, { path: 'impl/malloc.ts', text: "import type { Model_malloc } from '../model/malloc.ts';" }])).toEqual([
      'impl/malloc.ts imports ../model/malloc.ts: impl/ never imports model/',
    ]);
    expect(layering_violations([...clean, { path: 'l4re/task.ts', text: "export { Impl_task } from '../impl/task.ts';" }])).toEqual([
      'l4re/task.ts imports ../impl/task.ts: l4re/ is the API both worlds implement and imports no other folder',
    ]);
    const reports: Source[] = [
      { path: 'reports/a.ts', text: "import { boot } from '../model/log_server.ts';" },
      { path: 'reports/html/b.ts', text: "const { boot } = await import('../../impl/log_server.ts');" },
    ];
    expect(layering_violations([...clean, ...reports])).toEqual([
      'reports/ imports both worlds (reports/a.ts model/, reports/html/b.ts impl/): only properties/, fuzz/, bench/, grader/, cli/ wire them together',
    ]);
    expect(layering_violations([...clean, reports[0]!])).toEqual([]);
  });
});
