/**
 * The sequential specification a history is checked against: a state machine
 * whose step says whether an operation may take effect in a state with the
 * output it returned, and which state follows. Many outputs may be right
 * (malloc may return any free block): step judges the one it is given.
 */
import type { History, Pending } from './history.ts';

export interface Step<S> {
  /** The operation may take effect here and return the output given. */
  readonly ok: boolean;
  /** The state after it; unused when `ok` is false. */
  readonly next: S;
}

/** One independent part of a history, named for the witness (`session 2`, `blocks in [0x100, 0x140)`). */
export interface Part<I, O> {
  readonly name: string;
  readonly history: History<I, O>;
}

export interface Sequential_model<S, I, O> {
  init(): S;
  /**
   * Pure: never changes `state`. For `PENDING` (the output does not count) `ok`
   * says whether `input` can take effect at all, and `next` is its weakest effect.
   */
  step(state: Readonly<S>, input: I, output: O | Pending): Step<S>;
  /** The memo's key: equal for equal states, different for different ones. */
  key(state: Readonly<S>): string;
  /**
   * Independent parts, each operation in exactly one: operations of different
   * parts never read or change the same state, so the history is linearizable
   * if and only if every part is (Herlihy and Wing's locality). Absent: one part.
   */
  partition?(history: History<I, O>): Part<I, O>[];
  /** `free(p3)`, `write(s1, "hello")`. */
  show_input(input: I): string;
  /** `0`, `-L4_EINVAL`, `["hello"]`. */
  show_output(output: O): string;
}
