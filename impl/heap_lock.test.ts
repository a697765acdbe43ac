import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { Heap_lock } from './heap_lock.ts';

/**
 * A thread that takes the lock word as Heap_lock does, says so, waits until
 * another thread marks it 2 (sleeping or about to sleep on it), then unlocks
 * as Heap_lock does. Plain JavaScript: the test needs no TypeScript worker.
 */
const HOLDER = `
const { parentPort, workerData } = require('node:worker_threads');
const w = new Int32Array(workerData);
Atomics.compareExchange(w, 1, 0, 1);
parentPort.postMessage('holding');
while (Atomics.load(w, 1) !== 2) Atomics.wait(w, 1, 1, 1);
if (Atomics.sub(w, 1, 1) === 2) { Atomics.store(w, 1, 0); Atomics.notify(w, 1, 1); }
`;

describe('Heap_lock', () => {
  it('takes a free word 0 → 1 and gives it back 1 → 0', () => {
    const words = new Int32Array(new SharedArrayBuffer(8));
    const lock = new Heap_lock(words, 1);
    lock.lock();
    expect([...words]).toEqual([0, 1]);
    lock.unlock();
    expect([...words]).toEqual([0, 0]);
  });

  it('sleeps on a held word as 2, takes it as 2 once woken, and its unlock wakes and frees it', async () => {
    const sab = new SharedArrayBuffer(8);
    const words = new Int32Array(sab);
    const holder = new Worker(HOLDER, { eval: true, workerData: sab });
    const exited = new Promise((resolve) => holder.once('exit', resolve));
    await new Promise((resolve) => holder.once('message', resolve));
    const lock = new Heap_lock(words, 1);
    lock.lock();
    expect(words[1]).toBe(2);
    lock.unlock();
    expect(words[1]).toBe(0);
    expect(await exited).toBe(0);
  });

  it('throws naming unlock when nobody held the lock', () => {
    expect(() => new Heap_lock(new Int32Array(new SharedArrayBuffer(4)), 0).unlock()).toThrow(/^Heap_lock.unlock: the lock word was 0, so nobody held the lock$/);
  });
});
