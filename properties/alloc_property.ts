/**
 * The differential allocator property: random programs of malloc, free and
 * realloc, run on the reference allocator and a candidate side by side, each
 * watched by its heap checker. Results must agree in kind; at the end everything
 * is freed and each world must hold no dataspace, region, slot or quota beyond
 * what it held before the first call.
 */
import fc from 'fast-check';
import { L4RE_RM_END } from '../l4re/mem.ts';
import { Alloc_account } from './alloc/account.ts';
import { Free_most, Malloc, Malloc_many, type Pick, Pointer_call, type Resize } from './alloc/commands.ts';
import { Alloc_pair } from './alloc/pair.ts';
import { Codec } from './commands/codec.ts';
import { ALLOC_QUOTA } from './alloc/side.ts';
import { Violation, same, show } from './pair.ts';
import { run_transcribed } from './program.ts';
import type { Allocator_under_test } from './trace/replay.ts';

const KIB = 1024;
const MIB = 1024 * KIB;

/** Sizes where allocator bugs live: alignment edges, pages, arena and large-block limits. */
const EDGES = [0, 1, 15, 16, 17, 24, 31, 32, 33, 48, 4095, 4096, 4097, 8191, 8192, 8193, 32 * KIB - 1, 32 * KIB + 1, 64 * KIB, 64 * KIB + 1];
/** Requests both sides must refuse: past the quota, past the address space, not a size. */
export const REFUSED = [ALLOC_QUOTA * 4, L4RE_RM_END + 16, 2 ** 53, -1, 1.5, Number.NaN];

const small = fc.integer({ min: 1, max: 600 });
/** Request sizes, biased to EDGES and powers of two ±1, with some large blocks and some REFUSED. */
export const ALLOC_SIZE = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...EDGES) },
  { weight: 4, arbitrary: fc.tuple(fc.integer({ min: 0, max: 21 }), fc.integer({ min: -1, max: 1 })).map(([k, d]) => 2 ** k + d) },
  { weight: 6, arbitrary: small },
  { weight: 1, arbitrary: fc.integer({ min: 64 * KIB + 1, max: MIB }) },
  { weight: 1, arbitrary: fc.integer({ min: MIB + 1, max: 3 * MIB }) },
  { weight: 1, arbitrary: fc.constantFrom(...REFUSED) },
);

const k = fc.nat({ max: 63 });
const live: fc.Arbitrary<Pick> = k.map((k) => ({ kind: 'live', k }));
/** A freed pointer: a double free, or a use after free. */
const stale: fc.Arbitrary<Pick> = k.map((k) => ({ kind: 'stale', k }) as const);
const not_live: fc.Arbitrary<Pick> = fc.oneof(
  fc.tuple(k, fc.constantFrom(1, 8, 16)).map(([k, off]) => ({ kind: 'interior', k, off }) as const),
  stale,
  fc.constantFrom(3, 8, -16, 0xfff0, 2 ** 46 + 8, L4RE_RM_END, 2 ** 53).map((addr) => ({ kind: 'never', addr }) as const),
);

const resize: fc.Arbitrary<Resize> = fc.oneof(
  fc.constant({ how: 'same', n: 0 } as const),
  fc.tuple(fc.constantFrom('grow', 'shrink'), fc.oneof(fc.constantFrom(1, 15, 16, 17, 4096, 4097), small)).map(([how, n]) => ({ how, n })),
  ALLOC_SIZE.map((n) => ({ how: 'to', n }) as const),
);

type Cmd = fc.Arbitrary<Malloc | Pointer_call | Malloc_many | Free_most>;
const w = (weight: number, arbitrary: Cmd) => ({ weight, arbitrary });

export const ALLOC_COMMAND: Cmd = fc.oneof(
  w(10, ALLOC_SIZE.map((n) => new Malloc(n))),
  w(6, live.map((p) => new Pointer_call(p))),
  w(2, not_live.map((p) => new Pointer_call(p))),
  w(2, stale.map((p) => new Pointer_call(p))),
  w(1, fc.constant(new Pointer_call({ kind: 'null' }))),
  w(6, fc.tuple(live, resize).map(([p, r]) => new Pointer_call(p, r))),
  w(1, ALLOC_SIZE.map((n) => new Pointer_call({ kind: 'null' }, { how: 'to', n }))),
  w(1, live.map((p) => new Pointer_call(p, { how: 'to', n: 0 }))),
  w(1, fc.tuple(not_live, ALLOC_SIZE).map(([p, n]) => new Pointer_call(p, { how: 'to', n }))),
  w(1, fc.array(fc.oneof(small, fc.constantFrom(...EDGES)), { minLength: 1, maxLength: 40 }).map((s) => new Malloc_many(s))),
  w(1, fc.integer({ min: 2, max: 5 }).map((keep) => new Free_most(keep))),
);

/** Every allocator command as data: its class and constructor fields, for counterexample files. */
export const ALLOC_CODEC = new Codec<fc.Command<Alloc_account, Alloc_pair>>({
  Malloc: [Malloc, ['size']],
  Pointer_call: [Pointer_call, ['target', 'resize?']],
  Malloc_many: [Malloc_many, ['sizes']],
  Free_most: [Free_most, ['keep']],
});

export function run_alloc_program(ref: Allocator_under_test, cand: Allocator_under_test, cmds: Iterable<fc.Command<Alloc_account, Alloc_pair>>): Alloc_account {
  const acc = new Alloc_account();
  return run_transcribed(acc, () => new Alloc_pair(ref, cand), cmds, (pair) => teardown(acc, pair));
}

/** Free every live pointer, oldest first; each world must be back at its baseline. */
function teardown(acc: Alloc_account, pair: Alloc_pair): void {
  for (const s of pair.sides) s.world.check_invariants();
  acc.say('// teardown');
  while (acc.live.length > 0) {
    const p = acc.live[0]!;
    new Pointer_call({ kind: 'live', k: acc.live.length - 1 }).run(acc, pair);
    if (acc.live[0] === p) throw new Violation(`free(${p.name}) of a live block failed on both sides`);
  }
  pair.sides.forEach((s, i) => {
    pair.on(i, () => s.checker.verify_all());
    s.world.check_invariants();
    const stats = s.world.stats();
    if (!same(stats, s.baseline)) throw new Violation(`${s.under.name}: leak after freeing everything: stats ${show(stats)}, baseline ${show(s.baseline)}`);
  });
}

/** A program of up to `max_commands` commands. */
export function alloc_programs(max_commands: number) {
  return fc.commands([ALLOC_COMMAND], { maxCommands: max_commands, size: 'max' });
}

export function alloc_property(ref: Allocator_under_test, cand: Allocator_under_test, max_commands: number) {
  return fc.property(alloc_programs(max_commands), (cmds) => {
    run_alloc_program(ref, cand, cmds);
  });
}
