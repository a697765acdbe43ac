/**
 * The CI workflows parse as YAML, and every `npm run`/`npm test` they call is
 * a script of package.json: a renamed script must not break the nightly job silently.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const WORKFLOWS = join(ROOT, '.github', 'workflows');
const scripts = Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);

interface Workflow {
  readonly on: unknown;
  readonly jobs: Record<string, { readonly steps: readonly { readonly run?: string }[] }>;
}

/** The npm scripts a shell line runs: `npm test`, `npm run NAME`. */
function npm_scripts(run: string): string[] {
  return [...run.matchAll(/\bnpm (?:run(?:-script)? ([\w:-]+)|(test)\b)/g)].map((m) => m[1] ?? m[2]!);
}

describe('.github/workflows', () => {
  const files = readdirSync(WORKFLOWS).filter((f) => f.endsWith('.yml'));

  it('has the push CI and the nightly fuzzing', () => {
    expect(files.sort()).toEqual(['ci.yml', 'nightly-fuzz.yml']);
  });

  it.each(files)('%s is valid YAML and calls only scripts package.json has', (f) => {
    const w = parse(readFileSync(join(WORKFLOWS, f), 'utf8')) as Workflow;
    expect(w.on).toBeDefined();
    const runs = Object.values(w.jobs).flatMap((j) => j.steps.flatMap((s) => (s.run === undefined ? [] : [s.run])));
    const called = runs.flatMap(npm_scripts);
    expect(called.length).toBeGreaterThan(0);
    for (const s of called) expect(scripts, `${f} calls npm script ${s}`).toContain(s);
  });
});
