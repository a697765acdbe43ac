/**
 * malloc_blocks_model's realloc: one step that frees its block and takes
 * another (or the same), refused with 0, -L4_EINVAL for a block not live;
 * realloc(0, n) and realloc(p, 0) are malloc and free. A realloc that moved
 * joins the parts of its old and its new block.
 */
import { describe, expect, it } from 'vitest';
import { L4_EINVAL } from '../../l4re/err.ts';
import { check_linearizable } from './check.ts';
import type { History } from './history.ts';
import { type Malloc_input, type Malloc_output, malloc_blocks_model } from './models/malloc_blocks.ts';
import { pending, returned } from './ops.fixture.ts';
import { linearizability_report } from './report.ts';

const malloc = (size: number): Malloc_input => ({ op: 'malloc', size });
const free = (ptr: number): Malloc_input => ({ op: 'free', ptr });
const realloc = (ptr: number, size: number): Malloc_input => ({ op: 'realloc', ptr, size });
const verdict = (h: History<Malloc_input, Malloc_output>) => check_linearizable(malloc_blocks_model, h).verdict;
/** Client 0's malloc(16) -> 0x1000, then `ops`. */
const after_malloc = (...ops: History<Malloc_input, Malloc_output>) => [returned(0, malloc(16), [0, 1], 0x1000), ...ops];

describe('malloc_blocks_model: realloc', () => {
  it.each([
    ['stays in place', [returned(0, realloc(0x1000, 32), [2, 3], 0x1000)], 'linearizable'],
    ['moves, freeing its block for a malloc after it', [returned(0, realloc(0x1000, 32), [2, 3], 0x2000), returned(1, malloc(16), [4, 5], 0x1000)], 'linearizable'],
    ['moves onto a block still live', [returned(1, malloc(16), [2, 3], 0x2000), returned(0, realloc(0x1000, 32), [4, 5], 0x2000)], 'not linearizable'],
    ['is refused and keeps its block', [returned(0, realloc(0x1000, 1 << 30), [2, 3], 0), returned(0, free(0x1000), [4, 5], 0)], 'linearizable'],
    ['of a freed block gives -L4_EINVAL', [returned(0, free(0x1000), [2, 3], 0), returned(0, realloc(0x1000, 8), [4, 5], -L4_EINVAL)], 'linearizable'],
    ['of a live block may not give -L4_EINVAL', [returned(0, realloc(0x1000, 8), [2, 3], -L4_EINVAL)], 'not linearizable'],
    ['to 0 bytes frees', [returned(0, realloc(0x1000, 0), [2, 3], 0), returned(0, free(0x1000), [4, 5], -L4_EINVAL)], 'linearizable'],
    ['of 0 is a malloc, which never takes a live block', [returned(1, realloc(0, 16), [2, 3], 0x1000)], 'not linearizable'],
    ['of a block a pending malloc holds', [pending<Malloc_input, Malloc_output>(1, malloc(16), 2), returned(1, realloc(0x3000, 16), [4, 5], 0x4000), returned(2, free(0x4000), [6, 7], 0)], 'linearizable'],
  ] as const)('%s', (_, ops, expected) => {
    expect(verdict(after_malloc(...ops))).toBe(expected);
  });

  it('a malloc takes the bytes a realloc left only once it has moved, and none that it grew over', () => {
    const moved = after_malloc(returned(0, realloc(0x1000, 64), [2, 5], 0x2000), returned(1, malloc(16), [3, 4], 0x1000));
    expect(verdict(moved)).toBe('linearizable');
    const r = check_linearizable(malloc_blocks_model, after_malloc(returned(0, realloc(0x1000, 64), [2, 3], 0x1000), returned(1, malloc(16), [4, 5], 0x1020)));
    expect(linearizability_report(r)).toMatch(/^not linearizable: in part "blocks in \[0x1000, 0x1040\)" \(3 operations\), no order explains these 2:\nclient 0: realloc\(0x1000, 64\) -> 0x1000/);
  });

  it('joins the parts of the block it left and the block it took, naming two ranges and counting more', () => {
    const h = after_malloc(returned(0, realloc(0x1000, 32), [2, 3], 0x2000), returned(1, malloc(8), [0, 1], 0x3000), returned(1, realloc(0x3000, 0), [2, 3], 0));
    expect(malloc_blocks_model.partition!(h).map((p) => `${p.name}: ${p.history.length}`)).toEqual(['blocks in [0x1000, 0x1010) and [0x2000, 0x2020): 2', 'blocks in [0x3000, 0x3008): 2']);
    expect(malloc_blocks_model.partition!([...h, pending(2, realloc(0x2000, 8), 4)])).toHaveLength(1);
    const chain = after_malloc(returned(0, realloc(0x1000, 16), [2, 3], 0x2000), returned(0, realloc(0x2000, 16), [4, 5], 0x3000));
    expect(malloc_blocks_model.partition!(chain).map((p) => p.name)).toEqual(['blocks in [0x1000, 0x1010) and 2 more ranges']);
  });
});
