/**
 * The regression corpus: every counterexample file in fuzz/corpus/ replays on
 * each `npm test`. A program of l4check's own code must pass (the bug it showed
 * stays fixed); one with a planted bug armed must still fail (the properties
 * still catch that bug).
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { read_counterexample } from './counterexample.ts';
import { replay_program } from './saved_program.ts';

const CORPUS = join(dirname(fileURLToPath(import.meta.url)), 'corpus');
const files = readdirSync(CORPUS).filter((f) => f.endsWith('.json')).sort();

describe('fuzz/corpus: saved counterexamples replay as they must', () => {
  it('holds counterexamples of both the world and the allocator', () => {
    const kinds = new Set(files.map((f) => read_counterexample(join(CORPUS, f)).program.kind));
    expect([...kinds].sort()).toEqual(['alloc', 'world']);
  });

  it.each(files)('%s', (f) => {
    const c = read_counterexample(join(CORPUS, f));
    const p = c.program;
    if (p.kind === 'grade') throw new Error(`${f}: grade counterexamples belong with their submission, not in the corpus`);
    const r = replay_program(p);
    if (p.planted === undefined) expect(r.failure, r.transcript.join('\n')).toBeUndefined();
    else expect(r.failure?.split('\n')[0], `${p.planted} is no longer caught`).toBe(c.failure.split('\n')[0]);
  });
});
