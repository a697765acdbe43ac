/**
 * Classic histories from the literature, each with its known verdict and the
 * witness it must give: Lamport's new-old inversion, a stale read, a lost
 * update, and Herlihy and Wing's FIFO queue examples; pending operations as
 * Knossos and Porcupine take them (they may or may not have taken effect).
 */
import { describe, expect, it } from 'vitest';
import { check_linearizable } from './check.ts';
import type { History } from './history.ts';
import type { Sequential_model } from './model.ts';
import { type Queue_input, type Queue_output, queue_model } from './models/queue.ts';
import { type Register_input, type Register_output, register_model } from './models/register.ts';
import { pending, returned } from './ops.fixture.ts';
import { program_lines } from './program_text.ts';
import { linearizability_report } from './report.ts';

const read: Register_input = { op: 'read' };
const incr: Register_input = { op: 'incr' };
const write = (value: number): Register_input => ({ op: 'write', value });
const enq = (value: number): Queue_input => ({ op: 'enq', value });
const deq: Queue_input = { op: 'deq' };

/** The witness as `input -> output` texts; [] for a linearizable history. */
function witness<S, I, O>(model: Sequential_model<S, I, O>, history: History<I, O>): string[] {
  const r = check_linearizable(model, history);
  if (r.verdict === 'unknown') throw new Error('witness: unknown verdict');
  if (r.verdict === 'linearizable') return [];
  expect(r.witness.minimal).toBe(true);
  return r.witness.ops.map((op) => `${model.show_input(op.input)} -> ${model.show_output(op.response!.output)}`);
}

type Register_history = History<Register_input, Register_output>;
type Queue_history = History<Queue_input, Queue_output>;

describe('register', () => {
  const examples: [string, Register_history, string[]][] = [
    ['sequential write then read', [returned(0, write(1), [0, 1], 'ok'), returned(1, read, [2, 3], 1)], []],
    ['a read overlapping a write may see either value', [returned(0, write(1), [0, 10], 'ok'), returned(1, read, [1, 2], 0), returned(2, read, [3, 4], 1)], []],
    [
      "new-old inversion (Lamport): once a read saw the new value, a later read cannot see the old",
      [returned(0, write(1), [0, 10], 'ok'), returned(1, read, [1, 2], 1), returned(2, read, [3, 4], 0)],
      ['read() -> 1', 'read() -> 0'],
    ],
    ['overlapping reads may see new then old', [returned(0, write(1), [0, 10], 'ok'), returned(1, read, [1, 5], 1), returned(2, read, [2, 3], 0)], []],
    [
      'stale read: a read after write(2) returned sees 1',
      [returned(0, write(1), [0, 1], 'ok'), returned(1, write(2), [2, 3], 'ok'), returned(2, read, [4, 5], 1)],
      ['write(2) -> ok', 'read() -> 1'],
    ],
    ['a read of a value nobody wrote', [returned(0, write(1), [0, 1], 'ok'), returned(1, read, [2, 3], 7)], ['read() -> 7']],
    ['lost update: two overlapping incr() both give 1', [returned(0, incr, [0, 3], 1), returned(1, incr, [1, 2], 1)], ['incr() -> 1', 'incr() -> 1']],
    [
      'lost update seen by a later read',
      [returned(0, incr, [0, 3], 1), returned(1, incr, [1, 4], 2), returned(2, read, [5, 6], 1)],
      ['incr() -> 2', 'read() -> 1'],
    ],
    ['a pending write may have taken effect', [pending(0, write(1), 0), returned(1, read, [5, 6], 1)], []],
    ['a pending write may not have taken effect', [pending(0, write(1), 0), returned(1, read, [5, 6], 0)], []],
    [
      'a pending write took effect once a read saw it',
      [pending(0, write(1), 0), returned(1, read, [5, 6], 1), returned(2, read, [7, 8], 0)],
      ['read() -> 1', 'read() -> 0'],
    ],
    ['a pending write takes effect only after its call', [returned(1, read, [0, 1], 1), pending(0, write(1), 2)], ['read() -> 1']],
  ];
  it.each(examples)('%s', (_, history, expected) => {
    expect(witness(register_model, history)).toEqual(expected);
  });
});

describe('queue (Herlihy and Wing)', () => {
  const examples: [string, Queue_history, string[]][] = [
    [
      'overlapping enq()s may be ordered either way',
      [returned(0, enq(1), [0, 2], 'ok'), returned(1, enq(2), [1, 3], 'ok'), returned(0, deq, [4, 5], 2), returned(1, deq, [6, 7], 1)],
      [],
    ],
    [
      'FIFO order: enq(1) returned before enq(2) was called, yet deq() gives 2 (whatever enq(2) did, 1 was first)',
      [returned(0, enq(1), [0, 1], 'ok'), returned(1, enq(2), [2, 3], 'ok'), returned(0, deq, [4, 5], 2)],
      ['enq(1) -> ok', 'deq() -> 2'],
    ],
    ['a deq() overlapping the enq() may get its value', [returned(0, enq(1), [0, 4], 'ok'), returned(1, deq, [1, 2], 1)], []],
    ['a deq() returns before the value is enqueued', [returned(1, deq, [0, 1], 1), returned(0, enq(1), [2, 3], 'ok')], ['deq() -> 1']],
    ['deq() says empty after an enq() returned', [returned(0, enq(1), [0, 1], 'ok'), returned(1, deq, [2, 3], 'empty')], ['enq(1) -> ok', 'deq() -> empty']],
    [
      'one value dequeued twice',
      [returned(0, enq(1), [0, 1], 'ok'), returned(1, deq, [2, 5], 1), returned(2, deq, [3, 4], 1)],
      ['deq() -> 1', 'deq() -> 1'],
    ],
  ];
  it.each(examples)('%s', (_, history, expected) => {
    expect(witness(queue_model, history)).toEqual(expected);
  });
});

describe('the report', () => {
  it('prints the witness as a program, ordered by call, with each operation its client and times', () => {
    const history: Register_history = [returned(2, read, [4, 5], 1), returned(0, write(1), [0, 1], 'ok'), returned(1, write(2), [2, 3], 'ok')];
    expect(linearizability_report(check_linearizable(register_model, history))).toBe(
      [
        'not linearizable: in part "all" (3 operations), no order explains these 2:',
        'client 1: write(2) -> ok   [t=2..3]',
        'client 2: read() -> 1      [t=4..5]',
      ].join('\n'),
    );
  });

  it('says how many parts and steps a linearizable history took, and where an unknown ran out', () => {
    const history: Register_history = [returned(0, write(1), [0, 1], 'ok'), returned(1, read, [2, 3], 1)];
    expect(linearizability_report(check_linearizable(register_model, history))).toMatch(/^linearizable: 1 part, \d+ steps$/);
    expect(linearizability_report(check_linearizable(register_model, history, { budget: { steps: 1 } }))).toBe(
      'unknown: the budget ran out in part "all" (1 part, 1 steps)',
    );
  });

  it('shows a pending operation with `?` and no end', () => {
    expect(program_lines(register_model, [returned(1, read, [3, 4], 1), pending(0, write(1), 0)])).toEqual([
      'client 0: write(1) -> ?   [t=0..]',
      'client 1: read() -> 1     [t=3..4]',
    ]);
  });
});
