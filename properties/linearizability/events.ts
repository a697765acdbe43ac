/**
 * Lowe's doubly linked list of a part's events in time order, calls before
 * returns at equal times (so that operations that touch overlap):
 *
 *   head <-> call a <-> call b <-> ret a <-> call c <-> ret b <-> ret c
 *
 * Invariant: linked are exactly the events of the operations the search has
 * not yet linearized. lift(call) unlinks an operation's call and return;
 * unlift(call) links them back. Unlifts come in the reverse order of their
 * lifts (the search keeps its choices on a stack), so each event's own
 * prev/next still name the neighbours to link back between.
 */
import type { Search_op } from './search_op.ts';

export class Event {
  prev: Event | null = null;
  next: Event | null = null;
  /** A call's return event; null for a pending call, a return or the head. */
  ret: Event | null = null;
  /** A return's call event; the event itself for a call. */
  call: Event = this;

  /** `op` indexes the part's operations; -1 for the head. */
  constructor(
    readonly op: number,
    readonly is_call: boolean,
  ) {}
}

/** The list's head (a sentinel before the first event). */
export function build_events(ops: readonly Search_op<unknown, unknown>[]): Event {
  const timed: { readonly t: number; readonly e: Event }[] = [];
  ops.forEach((o, i) => {
    const call = new Event(i, true);
    timed.push({ t: o.call, e: call });
    if (o.ret === null) return;
    call.ret = new Event(i, false);
    call.ret.call = call;
    timed.push({ t: o.ret, e: call.ret });
  });
  timed.sort((a, b) => a.t - b.t || Number(b.e.is_call) - Number(a.e.is_call) || a.e.op - b.e.op);
  const head = new Event(-1, false);
  let last = head;
  for (const { e } of timed) {
    last.next = e;
    e.prev = last;
    last = e;
  }
  return head;
}

function unlink(e: Event): void {
  e.prev!.next = e.next;
  if (e.next !== null) e.next.prev = e.prev;
}

function relink(e: Event): void {
  e.prev!.next = e;
  if (e.next !== null) e.next.prev = e;
}

/** Unlinks a linearized operation: its call, then its return. */
export function lift(call: Event): void {
  unlink(call);
  if (call.ret !== null) unlink(call.ret);
}

/** Undoes the latest lift, which must have been lift(call). */
export function unlift(call: Event): void {
  if (call.ret !== null) relink(call.ret);
  relink(call);
}
