import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trace_files } from './trace_files.ts';

const dir = mkdtempSync(join(tmpdir(), 'l4check-traces-'));
for (const f of ['set/a.rep', 'set/b-giant.rep', 'set/deep/c.rep', 'set/notes.md', 'other/d.rep']) {
  mkdirSync(join(dir, f, '..'), { recursive: true });
  writeFileSync(join(dir, f), '');
}
const list = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

describe('trace_files', () => {
  it('takes files as they are and folders recursively, sorted, each trace once', () => {
    expect(trace_files([join(dir, 'other/d.rep'), join(dir, 'set'), join(dir, 'set/a.rep')])).toEqual(
      ['other/d.rep', 'set/a.rep', 'set/b-giant.rep', 'set/deep/c.rep'].map((f) => join(dir, f)),
    );
  });

  it('reads a trace list: paths relative to it, ! drops by name or relative path, # comments', () => {
    const l = list('course.txt', '# the course set\n\nset\n!*-giant.rep\n!set/deep/*\nother/d.rep\n');
    expect(trace_files([l])).toEqual([join(dir, 'set/a.rep'), join(dir, 'other/d.rep')]);
  });

  it('names the list, the line and the path that is wrong', () => {
    expect(() => trace_files([list('missing.txt', 'set\nnowhere\n')])).toThrow(`${join(dir, 'missing.txt')}:2: nowhere: no such file or directory`);
    expect(() => trace_files([list('typo.txt', 'set\n!syn-gaint*\n')])).toThrow(`${join(dir, 'typo.txt')}:2: !syn-gaint* drops no trace`);
    expect(() => trace_files([join(dir, 'absent.txt')])).toThrow(`${join(dir, 'absent.txt')}: no such file or directory`);
  });
});
