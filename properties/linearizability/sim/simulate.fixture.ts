/**
 * Runs an implementation's operations from several clients, interleaved as a
 * schedule says, and records the history (History_recorder: one tick per call
 * and per return). An operation is a generator: each `yield` is a point where
 * another client may run, and what it returns is the output.
 *
 * One schedule step moves one client by one event: call its next input, run
 * its operation up to the next yield, or return. A kill stops a client: its
 * operation stays pending, and whatever it did stays done. After the schedule,
 * the clients still alive finish one after another. In a sequential run a
 * step runs a whole operation instead.
 */
import fc from 'fast-check';
import type { History } from '../history.ts';
import { History_recorder } from '../recorder.ts';

export interface Concurrent_impl<Shared, I, O> {
  init(): Shared;
  run(shared: Shared, input: I): Generator<void, O, void>;
}

/** A client's program: it may choose its next call from what its calls returned. */
export interface Client<I, O> {
  /** The next call; undefined when the client is done. */
  next(): I | undefined;
  returned(output: O): void;
}

/** `client` indexes the clients still alive, modulo their number. */
export interface Schedule_step {
  readonly client: number;
  readonly kill: boolean;
}

/** Schedules of up to `max` steps, any length in between as likely, one step in `kill_one_in` a kill. */
export function schedule(max: number, kill_one_in = 20): fc.Arbitrary<Schedule_step[]> {
  const step = fc.record({ client: fc.nat({ max: 7 }), kill: fc.noBias(fc.nat({ max: kill_one_in - 1 })).map((k) => k === 0) });
  return fc.array(step, { maxLength: max, size: 'max' });
}

/** An operation whose effect happens at one step, strictly between its call and its return. */
export function* atomically<O>(effect: () => O): Generator<void, O, void> {
  yield;
  const out = effect();
  yield;
  return out;
}

/** A client that calls `inputs` in order, whatever they return. */
export function program_client<I, O>(inputs: readonly I[]): Client<I, O> {
  let at = 0;
  return { next: () => inputs[at++], returned: () => {} };
}

/** `sequential`: a step runs a whole operation, so that none overlaps another. */
export function simulate<Shared, I, O>(
  impl: Concurrent_impl<Shared, I, O>,
  clients: readonly Client<I, O>[],
  steps: readonly Schedule_step[],
  sequential = false,
): History<I, O> {
  const shared = impl.init();
  const recorder = new History_recorder<I, O>();
  const running: ({ id: number; op: Generator<void, O, void> } | null)[] = clients.map(() => null);
  const alive = clients.map(() => true);

  /** Moves client `c` by one event; false once it has nothing left to call. */
  const advance = (c: number): boolean => {
    const r = running[c];
    if (r === null) {
      const input = clients[c]!.next();
      if (input === undefined) return (alive[c] = false);
      running[c] = { id: recorder.invoke(c, input), op: impl.run(shared, input) };
      return true;
    }
    const s = r.op.next();
    if (s.done) {
      recorder.respond(r.id, s.value);
      clients[c]!.returned(s.value);
      running[c] = null;
    }
    return true;
  };

  for (const step of steps) {
    const live = alive.flatMap((a, c) => (a ? [c] : []));
    if (live.length === 0) break;
    const c = live[step.client % live.length]!;
    if (step.kill) alive[c] = false;
    else if (!sequential) advance(c);
    else while (advance(c) && running[c] !== null);
  }
  alive.forEach((a, c) => {
    while (a && advance(c));
  });
  return recorder.history();
}
