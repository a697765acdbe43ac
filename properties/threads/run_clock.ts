/**
 * The clock of a threads run, in shared memory: it starts when the main
 * thread starts it, and each call and each return of a thread ticks it once.
 *
 *   word 0   time: Atomics.add gives each tick its own, as History_recorder's
 *            clock does for one thread, so the threads' histories merge into
 *            one whose times are a total order of its events
 *   word 1   0 until start(), then 1: a thread, once ready, sleeps on it
 *            (Atomics.wait) until the main thread wakes all at once
 *            (Atomics.notify). Workers start one by one, about 0.3 s apart:
 *            without this start line the first would be done before the last
 *            began, and nothing would race.
 *
 * The main thread starts the clock once every thread has said it is ready or
 * has died, so a thread that dies early never leaves the others asleep.
 *
 * Invariants: word 1 goes 0 → 1 once, and no thread passes wait_start()
 * before; no two ticks give the same time, and a tick that happens before
 * another (in one thread, or through the heap's lock) gives a smaller one
 * (Atomics on one word are sequentially consistent).
 */
const TIME = 0;
const STARTED = 1;

export class Run_clock {
  private readonly words: Int32Array;

  /** The memory of a new clock, not started, at time 0. */
  static create(): SharedArrayBuffer {
    return new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
  }

  constructor(sab: SharedArrayBuffer) {
    this.words = new Int32Array(sab);
  }

  /** Sleep until the clock has started. */
  wait_start(): void {
    while (Atomics.load(this.words, STARTED) === 0) Atomics.wait(this.words, STARTED, 0);
  }

  /** Start the clock: every thread in wait_start() goes, and every later one passes. */
  start(): void {
    Atomics.store(this.words, STARTED, 1);
    Atomics.notify(this.words, STARTED);
  }

  /** The time now; the next caller gets a later one. */
  tick(): number {
    return Atomics.add(this.words, TIME, 1);
  }
}
