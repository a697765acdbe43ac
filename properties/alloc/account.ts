/**
 * The harness's account of an allocator program: the pointers the program
 * holds, named p<serial> as the heap checker numbers blocks, with each side's
 * address; the pointers it freed; and the transcript.
 *
 * Invariant: `live` holds exactly the blocks live on both sides' checkers, in
 * creation order; a pointer in `freed` may have had its address reused since.
 */
import type { Alloc_pair } from './pair.ts';

export interface Pointer {
  readonly name: string;
  /** Its address on the reference side and on the candidate side. */
  readonly addr: readonly [number, number];
  /** Bytes asked for. */
  readonly size: number;
}

export class Alloc_account {
  readonly live: Pointer[] = [];
  readonly freed: Pointer[] = [];
  /** The program as it ran: one call per line, its results as a comment. */
  readonly transcript: string[] = [];
  /** The commands that ran, in order: a counterexample's program. */
  readonly ran: object[] = [];

  say(line: string): void {
    this.transcript.push(line);
  }

  /** Annotate the last transcript line with the call's result. */
  result(text: string): void {
    const i = this.transcript.length - 1;
    this.transcript[i] = `${this.transcript[i]}  // ${text}`;
  }

  /** Freed pointers whose address is a live block on neither side. */
  stale(pair: Alloc_pair): Pointer[] {
    return this.freed.filter((p) => pair.sides.every((s, i) => s.checker.block_at(p.addr[i]!) === undefined));
  }

  /** `p` is no longer live: freed, or moved by realloc. */
  retire(p: Pointer): void {
    this.live.splice(this.live.indexOf(p), 1);
    this.freed.push(p);
  }
}
