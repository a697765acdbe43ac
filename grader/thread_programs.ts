/**
 * The programs of a threaded round (grader/native/threads.h), one per
 * thread, each over its own ids. Thread t's program of round r is drawn from
 * its own seed, so a round runs again as it ran, and a counterexample's
 * programs are the ones recorded here.
 *
 * Many small ops on a few live blocks: every call goes through the
 * allocator's free lists, where races live. Now and then a block big enough
 * to grow the heap or to get a dataspace of its own, so that the environment
 * is called from several threads too. Every size is at least 1: what
 * malloc(0) returns is the sequential checks' business.
 */
import type { Trace_op } from '../properties/trace/read_trace.ts';
import type { Program } from './runner.ts';

/** The most blocks a thread holds at once. */
const LIVE_MAX = 12;

/** mulberry32: a small 32-bit generator, uniform in [0, 1). */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Mostly up to 128 bytes, some up to 2 KiB, few up to 16 KiB, one in 200 from 64 KiB to 256 KiB. */
function size_of(random: () => number): number {
  const x = random();
  const from = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  if (x < 0.7) return from(1, 128);
  if (x < 0.97) return from(129, 2048);
  if (x < 0.995) return from(2049, 16384);
  return from(65536, 262144);
}

/** One thread's program of `ops` ops from `seed`: malloc while it holds few blocks, else free or realloc one of them. */
function program_from(seed: number, ops: number): Program {
  const random = generator(seed);
  const live: number[] = [];
  const out: Trace_op[] = [];
  let ids = 0;
  while (out.length < ops) {
    const line = out.length + 1;
    if (live.length === 0 || (live.length < LIVE_MAX && random() < 0.5)) {
      live.push(ids);
      out.push({ kind: 'a', id: ids++, size: size_of(random), line });
      continue;
    }
    const at = Math.floor(random() * live.length);
    const id = live[at]!;
    if (random() < 0.6) {
      live.splice(at, 1);
      out.push({ kind: 'f', id, line });
    } else out.push({ kind: 'r', id, size: size_of(random), line });
  }
  return { num_ids: ids, ops: out };
}

/** Round `round`'s programs, thread t's from its own seed. */
export function round_programs(seed: number, round: number, threads: number, ops: number): Program[] {
  return Array.from({ length: threads }, (_, t) => program_from((seed + 7919 * round + 104729 * t) >>> 0, ops));
}
