/**
 * The heap map of a trace at its peak: the trace run again, without checks,
 * up to the op after which held memory first peaked, then the heap walked:
 * impl's (impl/heap_walk.ts), a strip for each arena and each large block, or
 * the model's (Model_malloc.heap_strips), a strip for each arena. No other
 * allocator can be walked, so for any other there is no map. Running the
 * prefix again costs about one check-free replay.
 *
 * A map of more than MAP_BLOCKS blocks is coarsened to fit: runs of blocks
 * smaller than a grain are cut into pieces of about a grain, each piece's
 * bytes regrouped into one block a kind. Strips keep their sizes, blocks
 * still tile them and each kind keeps its bytes; only where within a piece
 * they lie is lost (fragmentation still shows: a piece of small live blocks
 * between free ones becomes a live block and a free one).
 */
import { walk_heap } from '../../impl/heap_walk.ts';
import { Impl_allocator } from '../../impl/malloc.ts';
import { Model_malloc } from '../../model/malloc.ts';
import type { Heap_block, Heap_map } from './heap_picture.ts';
import { type Allocator_under_test, HEAP_LIMIT, type Replayable, replay_task } from './replay.ts';
import type { Trace } from './read_trace.ts';

/** The most blocks a map holds before it is coarsened (some 50 KB of JSON). */
export const MAP_BLOCKS = 1000;

/** Grains are multiples of this: the alignment of impl's blocks. */
const GRAIN_STEP = 16;

type Strip = Heap_map['strips'][number];

/** The map of `a`'s heap after op `op` of `trace`, or undefined if `a` is neither impl's allocator nor the model's. */
export function heap_map_at(trace: Trace, a: Allocator_under_test, op: number, heap_limit = HEAP_LIMIT, max_blocks = MAP_BLOCKS): Heap_map | undefined {
  if (a.accounted === true || op < 0) return undefined;
  const m = a.create_malloc(replay_task(a, heap_limit));
  if (!(m instanceof Impl_allocator || m instanceof Model_malloc)) return undefined;
  run_prefix(trace, m, op + 1);
  return { op, ...coarsen(m instanceof Impl_allocator ? walk_heap(m, 'region') : m.heap_strips(), max_blocks) };
}

/**
 * The first `to` ops on `m`, as the checked replay runs them: a null from
 * realloc(p, n > 0) leaves p live, so the heap ends as it did there.
 */
export function run_prefix(trace: Trace, m: Replayable, to: number): void {
  const ptr = new Float64Array(trace.num_ids);
  for (let i = 0; i < to; i++) {
    const op = trace.ops[i]!;
    if (op.kind === 'a') ptr[op.id] = m.malloc(op.size);
    else if (op.kind === 'r') {
      const q = m.realloc(ptr[op.id]!, op.size);
      if (q !== 0 || op.size === 0) ptr[op.id] = q;
    } else if (op.id < 0) m.free(0);
    else {
      m.free(ptr[op.id]!);
      ptr[op.id] = 0;
    }
  }
}

function count(strips: readonly Strip[]): number {
  return strips.reduce((n, s) => n + s.blocks.length, 0);
}

/**
 * `strips` as they are if they hold at most `max_blocks` blocks; else merged
 * at about the smallest grain (a multiple of GRAIN_STEP) that fits, found by
 * doubling and then bisecting. A map of more strips than `max_blocks` ends
 * with one block a kind in each strip.
 */
export function coarsen(strips: readonly Strip[], max_blocks: number): { strips: readonly Strip[]; grain?: number } {
  if (count(strips) <= max_blocks) return { strips };
  const at = (grain: number) => strips.map((s) => ({ start: s.start, size: s.size, blocks: merge(s.blocks, grain) }));
  const largest = strips.reduce((n, s) => Math.max(n, s.size), 0);
  let lo = GRAIN_STEP / 2;
  let hi = GRAIN_STEP;
  let best = at(hi);
  while (count(best) > max_blocks && hi < largest) {
    lo = hi;
    hi *= 2;
    best = at(hi);
  }
  while (hi - lo > Math.max(GRAIN_STEP, hi / 16)) {
    const mid = Math.round((lo + hi) / 2 / GRAIN_STEP) * GRAIN_STEP;
    const merged = at(mid);
    if (count(merged) <= max_blocks) {
      hi = mid;
      best = merged;
    } else lo = mid;
  }
  return { strips: best, grain: hi };
}

/**
 * Blocks of at least `grain` bytes as they are; each run of smaller ones
 * between them cut into pieces of at least `grain` bytes (the last may be
 * less), each piece's bytes regrouped by kind, one block a kind in the order
 * the kinds first appear in it; then neighbours of one kind joined. Each
 * kind's bytes stay exact, and no byte moves by a grain or more.
 */
function merge(blocks: readonly Heap_block[], grain: number): Heap_block[] {
  const out: Heap_block[] = [];
  let at = 0;
  const push = (size: number, kind: Heap_block['kind']) => {
    const last = out[out.length - 1];
    if (last !== undefined && last.kind === kind) out[out.length - 1] = { offset: last.offset, size: last.size + size, kind };
    else out.push({ offset: at, size, kind });
    at += size;
  };
  let size = 0;
  const piece = new Map<Heap_block['kind'], number>();
  const flush = () => {
    for (const [kind, n] of piece) push(n, kind);
    piece.clear();
    size = 0;
  };
  for (const b of blocks) {
    if (b.size >= grain) {
      flush();
      push(b.size, b.kind);
      continue;
    }
    piece.set(b.kind, (piece.get(b.kind) ?? 0) + b.size);
    size += b.size;
    if (size >= grain) flush();
  }
  flush();
  return out;
}
