/**
 * A history: what concurrent clients called and what each call returned, on one
 * clock. An operation whose client never saw its answer (killed mid-call) is
 * pending: it may have taken effect at any instant after its call, with any
 * output, or not at all.
 *
 * Invariants: a response is never before its call (`at >= call`); times come
 * from one clock. Ties count as overlap: only `a.response.at < b.call` orders
 * `a` before `b`.
 */

export interface Response<O> {
  readonly output: O;
  readonly at: number;
}

export interface Operation<I, O> {
  /** The client (task, thread) that called. */
  readonly client: number;
  /** The call as data: `{ op: 'free', ptr: 0x10040 }`. */
  readonly input: I;
  readonly call: number;
  /** Absent while the operation is pending. */
  readonly response?: Response<O>;
}

export type History<I, O> = readonly Operation<I, O>[];

/** The output a model's step sees for an operation whose output does not count: any output is fine. */
export const PENDING: unique symbol = Symbol('pending');
export type Pending = typeof PENDING;
