/**
 * Each model with an implementation and random client programs, as random
 * runs: sequential (each operation returns before the next is called) or
 * interleaved as a random schedule says, kills included.
 */
import fc from 'fast-check';
import { type Linearizability, check_linearizable } from '../check.ts';
import type { History } from '../history.ts';
import type { Sequential_model } from '../model.ts';
import { type Log_input, type Log_output, log_sessions_model } from '../models/log_sessions.ts';
import { malloc_blocks_model } from '../models/malloc_blocks.ts';
import { type Queue_input, queue_model } from '../models/queue.ts';
import { type Register_input, type Register_output, register_model } from '../models/register.ts';
import { alloc_call, alloc_client, first_fit_allocator } from './allocator.fixture.ts';
import { log_server } from './log_server.fixture.ts';
import { atomic_queue } from './queue_impl.fixture.ts';
import { atomic_register, racy_incr_register } from './register_impls.fixture.ts';
import { type Client, type Concurrent_impl, program_client, schedule, simulate } from './simulate.fixture.ts';

export interface Run {
  readonly history: History<unknown, unknown>;
  /** `whole`: as one part, whatever the model's partition. */
  check(whole?: boolean): Linearizability<unknown, unknown>;
}

export interface Sim_world {
  readonly name: string;
  runs(sequential: boolean): fc.Arbitrary<Run>;
}

/** Two to four clients, each with a program of up to `max` calls (plain data, so that a replay starts afresh). */
function sim_world<S, Shared, I, O, C>(
  name: string,
  model: Sequential_model<S, I, O>,
  impl: Concurrent_impl<Shared, I, O>,
  call: fc.Arbitrary<C>,
  client: (program: C[], index: number) => Client<I, O>,
  max = 6,
): Sim_world {
  const programs = fc.array(fc.array(call, { maxLength: max }), { minLength: 2, maxLength: 4 });
  return {
    name,
    runs: (sequential) =>
      fc.tuple(programs, schedule(120)).map(([ps, steps]) => {
        const history = simulate(impl, ps.map(client), steps, sequential);
        return { history, check: (whole = false) => check_linearizable(whole ? { ...model, partition: undefined } : model, history) };
      }),
  };
}

/** Reads, writes and `incr_weight` times as many incr()s. */
function register_input(incr_weight: number): fc.Arbitrary<Register_input> {
  return fc.oneof(
    fc.constant({ op: 'read' as const }),
    fc.nat({ max: 3 }).map((value) => ({ op: 'write' as const, value })),
    { arbitrary: fc.constant({ op: 'incr' as const }), weight: incr_weight },
  );
}

const queue_input: fc.Arbitrary<Queue_input> = fc.oneof(
  fc.constant({ op: 'deq' as const }),
  fc.nat({ max: 9 }).map((value) => ({ op: 'enq' as const, value })),
);

/** Writes of texts that take up to three messages, and reads of any of three sessions. */
const log_input: fc.Arbitrary<Log_input> = fc.oneof(
  fc.record({
    op: fc.constant('write' as const),
    session: fc.integer({ min: 1, max: 3 }),
    text: fc.string({ unit: fc.constantFrom('a', 'b', 'c'), minLength: 1, maxLength: 10 }),
  }),
  fc.record({ op: fc.constant('read' as const), session: fc.integer({ min: 1, max: 3 }) }),
);

/**
 * Client c writes through its own session, c + 1, as each client of the
 * logging server has its own; it may read any, and at the end reads its own.
 */
function session_client(program: Log_input[], c: number): Client<Log_input, Log_output> {
  const session = c + 1;
  return program_client([...program.map((i) => (i.op === 'write' ? { ...i, session } : i)), { op: 'read', session }]);
}

/** The worlds whose implementation is atomic: every run must be linearizable. */
export const ATOMIC_WORLDS: readonly Sim_world[] = [
  sim_world('register', register_model, atomic_register, register_input(1), program_client<Register_input, Register_output>),
  sim_world('queue', queue_model, atomic_queue, queue_input, program_client),
  sim_world('logging server', log_sessions_model, log_server(false), log_input, session_client),
  sim_world('allocator', malloc_blocks_model, first_fit_allocator(false), alloc_call, alloc_client, 8),
];

/** incr() as read, then write: two at once can lose an update. Mostly incr()s. */
export const racy_incr = sim_world('register with a racy incr()', register_model, racy_incr_register, register_input(4), program_client<Register_input, Register_output>);

/** One reassembly buffer for all sessions: texts written at once get mixed. */
export const mixed_fragments = sim_world('logging server with one buffer', log_sessions_model, log_server(true), log_input, session_client);

/** malloc searches, lets others run, then marks: two clients can get one block. */
export const racy_malloc = sim_world('allocator without a lock', malloc_blocks_model, first_fit_allocator(true), alloc_call, alloc_client, 8);
