import { afterEach, describe, expect, it, vi } from 'vitest';
import { Progress } from './progress.ts';

function stream(tty: boolean) {
  const written: string[] = [];
  return { written, out: { isTTY: tty, columns: 200, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream };
}

afterEach(() => vi.useRealTimers());

describe('progress', () => {
  it('redraws a bar with counts and an ETA in place on a TTY, notes above it', () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const { written, out } = stream(true);
    const p = new Progress('traces', 4, out);
    vi.advanceTimersByTime(10_000);
    p.tick('a.rep');
    expect(written.at(-1)).toBe('\r[########......................] 1/4 traces, 10s, ETA 30s  a.rep\x1b[K');
    p.note('b.rep  FAIL  bad');
    expect(written.slice(-2)).toEqual(['\r\x1b[K', 'b.rep  FAIL  bad\n']);
    p.at(4);
    p.end();
    expect(written.at(-1)).toBe('4/4 traces in 10s\n');
  });

  it('writes a plain line every 10 s off a TTY, and nothing in between', () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const { written, out } = stream(false);
    const p = new Progress('submissions', 100, out);
    for (let i = 0; i < 100; i++) {
      vi.advanceTimersByTime(1000);
      p.tick();
    }
    expect(written.filter((l) => /submissions, /.test(l))).toHaveLength(10);
    expect(written[0]).toBe('10/100 submissions, 10s, ETA 1m30s\n');
    expect(written.some((l) => l.includes('\r'))).toBe(false);
  });
});
