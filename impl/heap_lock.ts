/**
 * Heap_lock: a mutex in one 32-bit word of shared memory, for the threads
 * (worker_threads) that share a heap. Drepper's futex mutex ("Futexes Are
 * Tricky", 2011, mutex 3) on Atomics.wait, which sleeps only while the word
 * still holds a value, and Atomics.notify, which wakes sleepers on the word.
 *
 *   word   0   free
 *          1   locked, nobody sleeps on it
 *          2   locked, threads may sleep on it: unlock must wake one
 *
 *   lock     0 → 1 (compareExchange): taken, no sleeping, the common case
 *            else set 2 (exchange); until the old value is 0:
 *              sleep while the word is 2, then set 2 again (exchange)
 *   unlock   1 → 0 (sub): done;  2 → 0 and wake one sleeper
 *
 * Invariants: the word is 0, 1 or 2, and 0 exactly when no thread holds the
 * lock; a thread sleeps only while the word is 2, so an unlock that sees 1
 * wakes nobody and loses no one. A woken thread takes the lock as 2, not 1:
 * it cannot know whether others still sleep. The atomics order every plain
 * read and write a holder made before unlock before those of the next holder.
 */
export class Heap_lock {
  /** The lock is words[index]. */
  constructor(
    protected readonly words: Int32Array,
    protected readonly index: number,
  ) {}

  /** Wait until the lock is free and take it. Precondition: the caller does not hold it. */
  lock(): void {
    const w = this.words;
    const i = this.index;
    let c = Atomics.compareExchange(w, i, 0, 1);
    if (c === 0) return;
    if (c !== 2) c = Atomics.exchange(w, i, 2);
    while (c !== 0) {
      Atomics.wait(w, i, 2);
      c = Atomics.exchange(w, i, 2);
    }
  }

  /** Give the lock back, waking one sleeper if any may sleep. Precondition: the caller holds it. */
  unlock(): void {
    const w = this.words;
    const i = this.index;
    const c = Atomics.sub(w, i, 1);
    if (c === 1) return;
    if (c !== 2) throw new Error(`Heap_lock.unlock: the lock word was ${c}, so nobody held the lock`);
    Atomics.store(w, i, 0);
    Atomics.notify(w, i, 1);
  }
}
