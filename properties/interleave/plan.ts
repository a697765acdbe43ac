/**
 * What each client of an interleaving means to do, as plain data fast-check
 * generates and shrinks: its texts to write and its looks at the console, in
 * its own order, and perhaps a close of its session that races them. When
 * each message reaches the server is not in the plan: the scheduler picks it.
 */
import fc from 'fast-check';
import { LOG_MAX_FRAGMENT } from '../../l4re/log.ts';
import { long_text } from '../world_property.ts';

/** A text to write through the client's own session, or a look at the lines of session pick `session` (any client's). */
export type Client_step =
  | { readonly op: 'write'; readonly text: string }
  | { readonly op: 'look'; readonly session: number };

export interface Close_plan {
  /** Sent as the client starts its step `during` (after its last, if it has fewer): it lands anywhere among the rest. */
  readonly during: number;
  /** `client`: the client frees its capability; `server`: the logging server unregisters the session. */
  readonly by: 'client' | 'server';
}

export interface Client_plan {
  readonly steps: readonly Client_step[];
  readonly close: Close_plan | null;
}

/** The clients, in the order they open their sessions (`alice.s1`, `bob.s2`, …). */
export const CLIENT_NAMES = ['alice', 'bob', 'carol', 'dave'] as const;

/** Mostly short texts; some of two or three messages, shrinking towards two. */
const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 8 }) },
  { weight: 2, arbitrary: fc.integer({ min: LOG_MAX_FRAGMENT + 1, max: 3 * LOG_MAX_FRAGMENT }).map(long_text) },
);

const step: fc.Arbitrary<Client_step> = fc.oneof(
  { weight: 4, arbitrary: text.map((t) => ({ op: 'write' as const, text: t })) },
  { weight: 1, arbitrary: fc.nat({ max: 3 }).map((s) => ({ op: 'look' as const, session: s })) },
);

/** One client in three closes its session. */
const close: fc.Arbitrary<Close_plan | null> = fc.oneof(
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.record({ during: fc.nat({ max: 3 }), by: fc.constantFrom('client' as const, 'server' as const) }) },
);

/** Two to four clients, each with up to four steps. */
export const client_plans: fc.Arbitrary<Client_plan[]> = fc.array(fc.record({ steps: fc.array(step, { maxLength: 4 }), close }), {
  minLength: 2,
  maxLength: CLIENT_NAMES.length,
});
