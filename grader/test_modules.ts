/**
 * TypeScript submissions for the grader's tests, written into a temp folder:
 * the reference allocator, two with a planted bug, and four that misbehave.
 * Each wraps model/malloc.ts, so only the planted behaviour differs.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MODEL = JSON.stringify(join(dirname(fileURLToPath(import.meta.url)), '..', 'model', 'malloc.ts'));

/** A module whose allocator is the model's with `malloc` and `realloc` replaced as given (m is the model's). */
function wrapped(malloc: string, realloc = 'm.realloc(p, n)', top = ''): string {
  return `import { create_malloc } from ${MODEL};
${top}
export default (env: Parameters<typeof create_malloc>[0]) => {
  const m = create_malloc(env);
  return { malloc: (n: number) => ${malloc}, free: (p: number) => m.free(p), realloc: (p: number, n: number) => ${realloc} };
};
`;
}

export const MODULES = {
  good: `export { create_malloc as default } from ${MODEL};\n`,
  /** A moving realloc that copies nothing. */
  realloc_copy: wrapped('m.malloc(n)', '(p === 0 || n === 0 ? m.realloc(p, n) : ((q) => (q !== 0 && m.free(p), q))(m.malloc(n)))'),
  /** Blocks of 48 bytes or more get 16 bytes too few: they overlap the next. */
  overlap: wrapped('m.malloc(n >= 48 ? n - 16 : n)'),
  throws: wrapped('n > 100 ? (() => { throw new Error("boom"); })() : m.malloc(n)'),
  loops: wrapped('n > 100 ? (() => { for (;;) {} })() : m.malloc(n)'),
  hoards: wrapped('n > 100 ? (() => { for (;;) hoard.push(new Array(1e5).fill(n)); })() : m.malloc(n)', undefined, 'const hoard: number[][] = [];'),
  exits: wrapped('n > 100 ? process.exit(7) : m.malloc(n)'),
  not_a_factory: 'export default 42;\n',
} as const;

export type Module_name = keyof typeof MODULES;

/** A fresh folder holding the named modules as `<name>.ts`. */
export function write_modules(names: readonly Module_name[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'l4check-grade-'));
  for (const n of names) writeFileSync(join(dir, `${n}.ts`), MODULES[n]);
  return dir;
}
