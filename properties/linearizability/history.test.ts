/** Recording a history on one logical clock, and the checks a history must pass before a search. */
import { describe, expect, it } from 'vitest';
import { History_recorder } from './recorder.ts';
import { search_ops } from './search_op.ts';
import { PENDING } from './history.ts';

describe('History_recorder', () => {
  it('ticks once per call and per return; an operation never answered stays pending', () => {
    const r = new History_recorder<string, number>();
    const a = r.invoke(0, 'a');
    const b = r.invoke(1, 'b');
    r.respond(b, 2);
    r.invoke(2, 'c');
    r.respond(a, 1);
    expect(r.history()).toEqual([
      { client: 0, input: 'a', call: 0, response: { output: 1, at: 4 } },
      { client: 1, input: 'b', call: 1, response: { output: 2, at: 2 } },
      { client: 2, input: 'c', call: 3 },
    ]);
  });

  it('refuses a second response, and a response to nothing', () => {
    const r = new History_recorder<string, number>();
    r.respond(r.invoke(0, 'a'), 1);
    expect(() => r.respond(0, 1)).toThrow('History_recorder.respond: operation 0 is already returned');
    expect(() => r.respond(1, 1)).toThrow('History_recorder.respond: operation 1 is not invoked');
  });
});

describe('search_ops', () => {
  it('gives a pending operation no return, and a weakened one its return but not its output', () => {
    const ops = search_ops(
      [
        { client: 0, input: 'a', call: 0, response: { output: 1, at: 2 } },
        { client: 1, input: 'b', call: 1 },
        { client: 2, input: 'c', call: 1, response: { output: 3, at: 5 } },
      ],
      new Set([2]),
    );
    expect(ops).toEqual([
      { input: 'a', output: 1, call: 0, ret: 2, must: true },
      { input: 'b', output: PENDING, call: 1, ret: null, must: false },
      { input: 'c', output: PENDING, call: 1, ret: 5, must: false },
    ]);
  });

  it('refuses a return before its call', () => {
    expect(() => search_ops([{ client: 3, input: 'a', call: 5, response: { output: 1, at: 4 } }])).toThrow(
      'search_ops: operation 0 (client 3) returns at t=4, before its call at t=5',
    );
  });
});
