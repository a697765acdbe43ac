/**
 * Footprint_sampler: a replay's live payload and held bytes after a few
 * hundred evenly spaced ops, plus the ops where each first peaked, so that the
 * picture shows both peaks (utilization = peak live / peak held) however the
 * samples fall. Told every op; costs a compare per op and a push per sample.
 */
import type { Footprint } from './heap_picture.ts';

/** Evenly spaced samples of a footprint; the peaks come on top. */
export const FOOTPRINT_SAMPLES = 300;

export class Footprint_sampler {
  private readonly op: number[] = [];
  private readonly live: number[] = [];
  private readonly held: number[] = [];
  private readonly samples: number;
  private k = 0;
  /** The op after which the next sample is taken. */
  private next: number;
  /** The op after which held first reached its peak, -1 before any op; live then. */
  peak_held_op = -1;
  peak_held = 0;
  private peak_held_live = 0;
  peak_live_op = -1;
  peak_live = 0;
  private peak_live_held = 0;

  /** For a replay of `ops` ops. */
  constructor(
    private readonly ops: number,
    samples = FOOTPRINT_SAMPLES,
  ) {
    this.samples = Math.min(samples, ops);
    this.next = this.at(0);
  }

  /** After op i (0, 1, … in order): `live` payload bytes, `held` bytes from the environment. */
  after(i: number, live: number, held: number): void {
    if (held > this.peak_held || this.peak_held_op < 0) {
      this.peak_held = held;
      this.peak_held_op = i;
      this.peak_held_live = live;
    }
    if (live > this.peak_live || this.peak_live_op < 0) {
      this.peak_live = live;
      this.peak_live_op = i;
      this.peak_live_held = held;
    }
    if (i !== this.next) return;
    this.op.push(i);
    this.live.push(live);
    this.held.push(held);
    this.next = this.at(++this.k);
  }

  /** The samples so far, with both peaks in their places. */
  footprint(): Footprint {
    const op = [...this.op];
    const live = [...this.live];
    const held = [...this.held];
    const insert = (at: number, l: number, h: number) => {
      if (at < 0) return;
      let j = op.length;
      while (j > 0 && op[j - 1]! > at) j--;
      if (op[j - 1] === at) return;
      op.splice(j, 0, at);
      live.splice(j, 0, l);
      held.splice(j, 0, h);
    };
    insert(this.peak_held_op, this.peak_held_live, this.peak_held);
    insert(this.peak_live_op, this.peak_live, this.peak_live_held);
    return { op, live, held };
  }

  /** The op of sample k: the last of the k-th of `samples` equal parts. */
  private at(k: number): number {
    return k < this.samples ? Math.ceil(((k + 1) * this.ops) / this.samples) - 1 : -1;
  }
}
