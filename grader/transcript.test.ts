import { describe, expect, it } from 'vitest';
import type { Trace_op } from '../properties/trace/read_trace.ts';
import { transcript } from './transcript.ts';

const ops: Trace_op[] = [
  { kind: 'a', id: 0, size: 24, line: 1 },
  { kind: 'a', id: 1, size: 8, line: 2 },
  { kind: 'r', id: 0, size: 48, line: 3 },
  { kind: 'f', id: 1, line: 4 },
  { kind: 'f', id: 0, line: 5 },
];

describe('a replayed program as C lines', () => {
  it('names blocks in the order they were made, with what each call returned', () => {
    expect(transcript(ops, [0x10, 0x30, 0x50, 0, 0], 4)).toEqual([
      'p1 = malloc(24)  // 0x10',
      'p2 = malloc(8)  // 0x30',
      'p3 = realloc(p1, 48)  // 0x50',
      'free(p2)  // 0',
      'free(p3)  // 0',
    ]);
  });

  it('names them the same without results (a runner that gives none, a crash), up to the op asked for', () => {
    expect(transcript(ops, [0x10], 3)).toEqual(['p1 = malloc(24)  // 0x10', 'p2 = malloc(8)', 'p3 = realloc(p1, 48)', 'free(p2)']);
  });

  it('a failed malloc makes no block', () => {
    expect(transcript(ops.slice(0, 3), [0, 0x30, 0], 2)).toEqual(['malloc(24)  // 0', 'p1 = malloc(8)  // 0x30', 'realloc(NULL, 48)  // 0']);
  });
});
