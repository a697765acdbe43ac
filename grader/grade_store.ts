/**
 * What makes `l4check grade` resumable: each finished submission's result, in
 * `out_dir/.results/`, one JSON file per submission path. A stored result is
 * used again only while its key (grade.ts: result_key) is the same.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Submission_result } from './grade.ts';

export class Grade_store {
  private readonly dir: string;

  constructor(out_dir: string) {
    this.dir = join(out_dir, '.results');
  }

  /** The stored result of `file` if its content is still `hash`. */
  get(file: string, hash: string): Submission_result | undefined {
    try {
      const r = JSON.parse(readFileSync(this.path(file), 'utf8')) as Submission_result;
      return r.hash === hash && hash !== '' ? r : undefined;
    } catch {
      return undefined;
    }
  }

  /** Written whole or not at all: a rename, so an interrupted run leaves no torn file. */
  put(r: Submission_result): void {
    mkdirSync(this.dir, { recursive: true });
    const p = this.path(r.file);
    writeFileSync(`${p}.tmp`, JSON.stringify(r));
    renameSync(`${p}.tmp`, p);
  }

  private path(file: string): string {
    return join(this.dir, `${createHash('sha256').update(resolve(file)).digest('hex').slice(0, 16)}.json`);
  }
}
